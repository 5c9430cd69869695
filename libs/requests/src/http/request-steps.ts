import { Body, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiExcludeEndpoint, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import type { z } from 'zod';
import { requestStepResultSchema, type Role } from '@gongkai/contracts';
import { jsonSchemaOf, parseInput, Returns, Roles, type AuthenticatedRequest } from '@gongkai/platform';
import type { LocalDate } from '@gongkai/working-days';
import type { RequestStep } from '../application/handling';
import { ACTION_BODIES, type RequestAction } from './request.schemas';

/** One handling step over HTTP: `POST /api/requests/:requestId/<action>` with its own body and OpenAPI operation. */
export interface StepRoute<A extends RequestAction = RequestAction> {
  /** The OpenAPI operation id (`requests.<action in camel case>`). */
  operationId: string;
  summary: string;
  body: (typeof ACTION_BODIES)[A];
  /** The step the parsed body asks for; the day and the actor come from the command context. */
  toStep(input: z.output<(typeof ACTION_BODIES)[A]>): RequestStep;
}

const day = (value: string) => value as LocalDate;
const camel = (action: string) => action.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

function route<A extends RequestAction>(action: A, summary: string, toStep: StepRoute<A>['toStep']): StepRoute<A> {
  return { operationId: `requests.${camel(action)}`, summary, body: ACTION_BODIES[action], toStep };
}

/** The handling steps, by the action in the path. */
export const REQUEST_STEPS: { readonly [A in RequestAction]: StepRoute<A> } = {
  'correction-notice': route('correction-notice', '发出补正通知（一次性告知，条例第三十条）', (i) => ({
    type: 'RequestCorrection',
    items: i.items,
    periodWorkingDays: i.periodWorkingDays,
  })),
  'correction-received': route('correction-received', '登记收到补正材料（答复期限重新起算）', (i) => ({
    type: 'ReceiveCorrection',
    receivedOn: day(i.receivedOn),
    note: i.note,
    lateReason: i.lateReason,
  })),
  'abandon-no-correction': route('abandon-no-correction', '逾期不补正，视为放弃申请，终止办理', () => ({ type: 'AbandonForNoCorrection' })),
  assign: route('assign', '分办：指定承办人', (i) => ({ type: 'AssignRequest', handlerId: i.handlerId, handlerName: i.handlerName })),
  transfer: route('transfer', '移交其他单位办理', (i) => ({ type: 'TransferRequest', toUnitId: i.toUnitId, reason: i.reason })),
  investigations: route('investigations', '请协办单位协助调查（内部时限）', (i) => ({
    type: 'RequestInvestigation',
    taskId: i.taskId,
    assistingUnitId: i.assistingUnitId,
    question: i.question,
    internalWorkingDays: i.internalWorkingDays,
  })),
  'investigation-answer': route('investigation-answer', '登记协办单位的答复', (i) => ({
    type: 'AnswerInvestigation',
    taskId: i.taskId,
    answer: i.answer,
  })),
  consultations: route('consultations', '征求第三方、其他机关或共同制作机关意见（条例第三十二条、第三十四条）', (i) => ({
    type: 'StartConsultation',
    consultationId: i.consultationId,
    kind: i.kind,
    party: i.party,
    subject: i.subject,
  })),
  'consultation-letter-received': route('consultation-letter-received', '登记对方收到征询函的日期（15 个工作日自此起算）', (i) => ({
    type: 'RecordConsultationLetterReceipt',
    consultationId: i.consultationId,
    receivedOn: day(i.receivedOn),
  })),
  'consultation-end': route('consultation-end', '结束征求意见（所需时间不计入答复期限）', (i) => ({
    type: 'EndConsultation',
    consultationId: i.consultationId,
    outcome: i.outcome,
    answer: i.answer,
    endedOn: i.endedOn === undefined ? undefined : day(i.endedOn),
  })),
  extension: route('extension', '延长答复期限（须经工作机构负责人同意，条例第三十三条）', (i) => ({
    type: 'ExtendDeadline',
    workingDays: i.workingDays,
    reason: i.reason,
    noticeSentOn: day(i.noticeSentOn),
  })),
  'fee-notice': route('fee-notice', '发出收费通知（按件或按量计收，条例第四十二条）', (i) => ({
    type: 'IssueFeeNotice',
    method: i.method,
    pages: i.pages,
  })),
  'fee-notice-received': route('fee-notice-received', '登记申请人收到收费通知的日期（缴费期限自此起算）', (i) => ({
    type: 'RecordFeeNoticeReceipt',
    receivedOn: day(i.receivedOn),
  })),
  'fee-paid': route('fee-paid', '登记已缴纳信息处理费', (i) => ({ type: 'RecordFeePayment', amountYuan: i.amountYuan })),
  'abandon-unpaid': route('abandon-unpaid', '逾期未缴费，视为放弃申请，终止办理', () => ({ type: 'AbandonForNonPayment' })),
  'draft-reply': route('draft-reply', '起草答复（答复类型、不予公开的内容及理由）', (i) => ({
    type: 'DraftReply',
    category: i.category,
    withheld: i.withheld,
    content: i.content,
    access: i.access,
    holdingAgency: i.holdingAgency,
  })),
  'count-items': route('count-items', '按一事一申请分项计件（国办函〔2020〕109号第四条）', (i) => ({
    type: 'CountItems',
    items: i.items,
    reason: i.reason,
  })),
  'third-party-notice': route('third-party-notice', '书面告知第三方决定公开的内容和理由（条例第三十二条）', (i) => ({
    type: 'NotifyThirdPartyDisclosure',
    consultationId: i.consultationId,
    reason: i.reason,
  })),
  'reasons-request': route('reasons-request', '要求申请人说明理由（条例第三十五条）', (i) => ({
    type: 'RequestReasons',
    periodWorkingDays: i.periodWorkingDays,
  })),
  'reasons-answer': route('reasons-answer', '登记申请人说明理由的结果（理由合理、不合理或逾期未说明）', (i) => ({
    type: 'RecordReasons',
    outcome: i.outcome,
    note: i.note,
  })),
  'defer-reply': route('defer-reply', '理由合理但无法按期答复：确定延迟答复的合理期限并告知申请人（条例第三十五条）', (i) => ({
    type: 'DeferReply',
    replyByOn: day(i.replyByOn),
    reason: i.reason,
    noticeSentOn: day(i.noticeSentOn),
  })),
  review: route('review', '审核答复（审核人员或工作机构负责人）', (i) => ({
    type: 'ReviewReply',
    approved: i.approved,
    comment: i.comment,
  })),
  reply: route('reply', '作出答复（须经审核通过）', () => ({ type: 'IssueReply' })),
  delivery: route('delivery', '登记答复送达', (i) => ({ type: 'RecordDelivery', method: i.method, reference: i.reference })),
  archive: route('archive', '归档', (i) => ({ type: 'ArchiveRequest', archiveNo: i.archiveNo })),
  'link-information': route('link-information', '关联所申请的信息（多人申请同一信息时提示主动公开，条例第四十四条）', (i) => ({
    type: 'LinkInformation',
    informationKey: i.informationKey,
    information: i.information,
    documentId: i.documentId,
  })),
  challenges: route('challenges', '登记行政复议或行政诉讼', (i) => ({
    type: 'FileChallenge',
    challengeId: i.challengeId,
    kind: i.kind,
    filedOn: day(i.filedOn),
    body: i.body,
    party: i.party,
    against: i.against,
  })),
  'challenge-decision': route('challenge-decision', '登记复议决定或判决结果', (i) => ({
    type: 'DecideChallenge',
    challengeId: i.challengeId,
    outcome: i.outcome,
    decidedOn: day(i.decidedOn),
  })),
};

export const isRequestAction = (action: string): action is RequestAction => Object.prototype.hasOwnProperty.call(REQUEST_STEPS, action);

/** The step a parsed body of `action` asks for (400 with the field errors when the body does not parse). */
export function stepOf<A extends RequestAction>(action: A, body: unknown): RequestStep {
  const step: StepRoute<A> = REQUEST_STEPS[action];
  return step.toStep(parseInput(step.body, body ?? {}) as z.output<(typeof ACTION_BODIES)[A]>);
}

/** What a step route calls on its controller: `(action, requestId, body, request, response)`. */
export type StepEndpoint = (action: string, requestId: string, body: unknown, request: AuthenticatedRequest, response: Response) => unknown;

/**
 * Class decorator: one `POST :requestId/<action>` route per handling step, each with its own OpenAPI
 * operation (id, summary, body schema), all calling the controller's `endpoint` method; then the
 * catch-all `POST :requestId/:action`, which answers an unknown action. Added after the class's own
 * methods, the catch-all is registered last (Express matches routes in order).
 */
export function StepRoutes(endpoint: string, roles: readonly Role[]): ClassDecorator {
  return (target) => {
    const prototype = target.prototype as Record<string, unknown>;
    const call = (action: string | null) =>
      function (this: Record<string, StepEndpoint>, requestId: string, ...rest: unknown[]) {
        const [actionParam, body, request, response] = action === null ? rest : [action, ...rest];
        return this[endpoint](actionParam as string, requestId, body, request as AuthenticatedRequest, response as Response);
      };
    const define = (key: string, action: string | null, decorators: MethodDecorator[], params: ParameterDecorator[]) => {
      Object.defineProperty(prototype, key, { value: call(action), writable: true, configurable: true, enumerable: false });
      params.forEach((decorate, index) => decorate(prototype, key, index));
      for (const decorate of decorators) {
        const descriptor = Object.getOwnPropertyDescriptor(prototype, key) as PropertyDescriptor;
        Object.defineProperty(prototype, key, decorate(prototype, key, descriptor) ?? descriptor);
      }
    };
    const common = [HttpCode(200), Roles(...roles)];
    for (const [action, step] of Object.entries(REQUEST_STEPS) as [RequestAction, StepRoute][]) {
      define(
        step.operationId.replace('requests.', 'step_'),
        action,
        [
          Post(`:requestId/${action}`),
          ...common,
          ApiOperation({ operationId: step.operationId, summary: step.summary }),
          ApiBody({ schema: jsonSchemaOf(step.body) }),
          Returns(requestStepResultSchema, { body: step.body }),
        ],
        [Param('requestId'), Body(), Req(), Res({ passthrough: true })],
      );
    }
    define(
      'unknownStep',
      null,
      [Post(':requestId/:action'), ...common, ApiExcludeEndpoint()],
      [Param('requestId'), Param('action'), Body(), Req(), Res({ passthrough: true })],
    );
  };
}
