import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { v7 as uuidv7 } from 'uuid';
import { REPLY_CATEGORIES, REPLY_CATEGORY_CODES, REQUEST_CHANNEL_LABELS, type ReplyCategory } from '@gongkai/contracts';
import { PROVISIONAL_DUE_NOTE } from '@gongkai/contracts/vocabulary';
import {
  assertActsForUnit,
  assertReadsUnit,
  CommandHandler,
  commandContext,
  DomainError,
  jsonSchemaOf,
  parseInput,
  Public,
  PublicSubmission,
  Roles,
  setRevision,
  ZodPipe,
  type AuthenticatedRequest,
  type CommandContext,
} from '@gongkai/platform';
import { defaultWorkingDayCalendar, toShanghaiDate, type LocalDate } from '@gongkai/working-days';
import {
  identityDigest,
  maskIdNumber,
  newTrackingCode,
  REQUESTS_SETTINGS,
  similarity,
  trackingCodeHash,
  type RequestsSettings,
} from '../application/settings';
import { frequentDecider, frequentStreamId } from '../domain/frequent';
import { readClock, requestStreamId, CLOSED_STATUSES, REPLY_WORKING_DAYS } from '../domain/request';
import { stepsDue } from '../domain/steps-due';
import { requestDecider, STATUS_LABELS, type RequestCommand } from '../domain/request.decide';
import { LETTER_KINDS, renderLetter, type LetterKind } from '../documents/letters';
import { RequestsProjection, type RequestView } from '../read-models/requests.projection';
import { RequestsUnitsProjection } from '../read-models/units.projection';
import { ACTION_BODIES, publicRequestBody, staffRequestBody, type RequestAction } from './request.schemas';
import type { z } from 'zod';

const STAFF = ['clerk', 'reviewer', 'office_head', 'district_office', 'admin'] as const;
const READERS = [...STAFF, 'auditor'] as const;
const today = (context: CommandContext) => toShanghaiDate(context.now);
const REPEAT_SIMILARITY = 0.6;

const LIST_FLAGS = ['overdue', 'near_due', 'open'];

/**
 * The unit a list or statistics call covers: the one asked for, else the caller's own. Only the
 * district office, admins and auditors may read another unit or the whole district.
 */
function scopedUnit(requested: string | undefined, principal: AuthenticatedRequest['principal']): string | undefined {
  const unit = requested ?? principal.unitId ?? undefined;
  if (unit) assertReadsUnit(principal, unit);
  if (!unit && !['district_office', 'admin', 'auditor'].includes(principal.role))
    throw DomainError.validation('UNIT_REQUIRED', '请指定单位（unitId）。');
  return unit;
}

/** Disclosure on request (依申请公开): intake on the portal and at the counter, handling, letters. */
@ApiTags('requests: 依申请公开')
@ApiBearerAuth()
@Controller('api/requests')
export class RequestsController {
  constructor(
    private readonly commands: CommandHandler,
    private readonly requests: RequestsProjection,
    private readonly units: RequestsUnitsProjection,
    @Inject(REQUESTS_SETTINGS) private readonly settings: RequestsSettings,
  ) {}

  @Post('public')
  @PublicSubmission('TOO_MANY_REQUESTS_FILED')
  @ApiOperation({ summary: '网上提交政府信息公开申请（公众，返回查询码）' })
  @ApiBody({ schema: jsonSchemaOf(publicRequestBody) })
  async submitOnline(
    @Body(new ZodPipe(publicRequestBody)) body: z.infer<typeof publicRequestBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const context = commandContext(request);
    // Art. 31: online, the receipt date is the day both sides confirm; the portal confirms at once.
    return this.receive({ ...body, channel: 'online', receivedOn: today(context) }, '网上提交并经系统即时确认之日', context, response);
  }

  @Post()
  @Roles('clerk', 'office_head', 'district_office', 'admin')
  @ApiOperation({ summary: '登记纸质、信函、传真、当面申请（工作人员）' })
  @ApiBody({ schema: jsonSchemaOf(staffRequestBody) })
  async register(
    @Body(new ZodPipe(staffRequestBody)) body: z.infer<typeof staffRequestBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    assertActsForUnit(request.principal, body.unitId);
    const basis = {
      in_person: '申请人当面提交之日',
      registered_post: '本机关签收之日',
      ordinary_letter: '本机关与申请人确认之日',
      fax: '双方确认之日',
      online: '双方确认之日',
    }[body.channel];
    return this.receive(body, basis, commandContext(request), response);
  }

  private async receive(body: z.infer<typeof staffRequestBody>, receiptBasis: string, context: CommandContext, response: Response) {
    const { applicant: given, receivedOn, ...rest } = body;
    const { idDocument, ...applicant } = given;
    const key = this.settings.identityKey;
    const applicantKey = idDocument
      ? identityDigest(key, `${idDocument.kind}:${idDocument.number}`)
      : identityDigest(key, `${given.name}:${given.phone ?? given.email ?? given.address ?? ''}`);
    const earlier = await this.requests.find({ applicantKey, unitId: body.unitId });
    const possibleRepeatOf = earlier
      .filter((r) => r.closedOn && similarity(r.description, body.description) >= REPEAT_SIMILARITY)
      .map((r) => r.requestId)
      .slice(0, 20);
    const trackingCode = newTrackingCode();
    const requestId = uuidv7();
    const command: RequestCommand = {
      type: 'ReceiveRequest',
      today: today(context),
      ...rest,
      requestId,
      receivedOn: receivedOn as LocalDate,
      receiptBasis,
      applicant: {
        ...applicant,
        ...(idDocument
          ? {
              idDocument: {
                kind: idDocument.kind,
                masked: maskIdNumber(idDocument.number),
                digest: identityDigest(key, `${idDocument.kind}:${idDocument.number}`),
              },
            }
          : {}),
      },
      applicantKey,
      trackingCodeHash: trackingCodeHash(trackingCode),
      possibleRepeatOf,
    };
    const result = await this.commands.handle(requestDecider, requestStreamId(requestId), command, context);
    setRevision(response, result.revision);
    response.status(201);
    // The due date the decider recorded in RequestReceived: the receipt states exactly that.
    const due = result.events[0].data.dueOn as LocalDate;
    const dueOnProvisional = defaultWorkingDayCalendar().isProvisional(due);
    return {
      requestId,
      trackingCode,
      receivedOn,
      dueOn: due,
      dueOnProvisional,
      notice:
        `已收到您的申请，收到日期为 ${receivedOn}，本机关将在 ${REPLY_WORKING_DAYS} 个工作日内（${due} 前）答复。` +
        (dueOnProvisional ? PROVISIONAL_DUE_NOTE : '') +
        '请妥善保存查询码，凭查询码可查询办理进度。',
    };
  }

  @Get('track/:code')
  @Public()
  @ApiOperation({ summary: '凭查询码查询办理进度（公众）' })
  async track(@Param('code') code: string) {
    const found = code.length <= 64 ? await this.requests.byTrackingHash(trackingCodeHash(code)) : null;
    if (!found) throw DomainError.notFound('TRACKING_CODE_UNKNOWN', '查询码不正确或申请不存在，请核对后重试。');
    const clock = CLOSED_STATUSES.includes(found.status)
      ? null
      : readClock(found.state.clock, toShanghaiDate(new Date()), this.settings.nearDueDays);
    return {
      status: found.status,
      statusLabel: STATUS_LABELS[found.status],
      receivedOn: found.receivedOn,
      dueOn: clock?.dueOn ?? null,
      dueOnProvisional: clock?.provisional ?? false,
      remainingWorkingDays: clock?.remainingWorkingDays ?? null,
      /** A consultation (or, by setting, the fee period) runs: its time is not counted (Art. 33), the due date moves. */
      paused: clock?.paused ?? false,
      correctionDueOn: found.status === 'awaiting_correction' ? found.correction?.correctionDueOn : undefined,
      feeAmountYuan: found.fee && !found.fee.paidOn ? found.fee.amountYuan : undefined,
      /** Only once the day the applicant received the notice is recorded: before, the period's end is not known here. */
      feePayByOn: found.fee && !found.fee.paidOn && found.fee.noticeReceivedOn ? found.fee.payByOn : undefined,
      result: found.category ? REPLY_CATEGORIES[found.category].group : null,
      closedOn: found.closedOn,
    };
  }

  @Get('statistics')
  @Roles(...READERS)
  @ApiOperation({ summary: '统计：收件、在办、逾期、按期办结率、答复类型、平均用时' })
  async statistics(
    @Query('unitId') requestedUnit: string | undefined,
    @Query('from') from: string,
    @Query('to') to: string,
    @Req() request: AuthenticatedRequest,
  ) {
    const unitId = scopedUnit(requestedUnit, request.principal);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(from ?? '') || !/^\d{4}-\d{2}-\d{2}$/.test(to ?? '') || from > to) {
      throw DomainError.validation('INVALID_PERIOD', '请用 from、to（YYYY-MM-DD，from 不晚于 to）指定统计期间。');
    }
    const docs = await this.requests.find(unitId ? { unitId } : {});
    const now = toShanghaiDate(new Date());
    const received = docs.filter((r) => r.receivedOn >= from && r.receivedOn <= to);
    const closed = docs.filter((r) => r.closedOn && r.closedOn >= from && r.closedOn <= to);
    const replied = closed.filter((r) => r.reply);
    const open = docs.filter((r) => !r.closedOn);
    const overdue = open.filter((r) => readClock(r.state.clock, now).overdue);
    const byCategory = Object.fromEntries(
      REPLY_CATEGORY_CODES.map((c) => [c, closed.filter((r) => r.category === c).length]).filter(([, n]) => n),
    );
    return {
      unitId: unitId ?? 'district',
      from,
      to,
      received: received.length,
      open: open.length,
      overdue: overdue.length,
      closed: closed.length,
      onTimeRate: replied.length ? replied.filter((r) => r.reply?.onTime).length / replied.length : null,
      averageWorkingDaysToReply: replied.length ? replied.reduce((s, r) => s + (r.reply?.workingDaysUsed ?? 0), 0) / replied.length : null,
      byCategory,
    };
  }

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: '申请列表，含剩余工作日；flag=overdue|near_due|open' })
  async list(@Query('unitId') unitId: string | undefined, @Query('flag') flag: string | undefined, @Req() request: AuthenticatedRequest) {
    const unit = scopedUnit(unitId, request.principal);
    if (flag !== undefined && !LIST_FLAGS.includes(flag)) {
      throw DomainError.validation('INVALID_FLAG', `flag 只能是 ${LIST_FLAGS.join('、')} 之一。`, [
        { field: 'flag', code: 'invalid_enum_value', message: `应为 ${LIST_FLAGS.join('、')} 之一` },
      ]);
    }
    const now = toShanghaiDate(new Date());
    const rows = (await this.requests.find(unit ? { unitId: unit } : {})).map((r) => this.summary(r, now));
    if (flag === 'overdue') return rows.filter((r) => r.clock?.overdue);
    if (flag === 'near_due') return rows.filter((r) => r.clock?.nearDue);
    if (flag === 'open') return rows.filter((r) => r.clock !== null);
    return rows;
  }

  private summary(r: RequestView, now: LocalDate) {
    const open = !CLOSED_STATUSES.includes(r.status);
    const clock = open ? readClock(r.state.clock, now, this.settings.nearDueDays) : null;
    const stageLimit = this.settings.stageLimits[r.status];
    const stageDueOn = stageLimit !== undefined ? defaultWorkingDayCalendar().addWorkingDays(r.stageSince as LocalDate, stageLimit) : null;
    return {
      requestId: r.requestId,
      unitId: r.unitId,
      receivedOn: r.receivedOn,
      channel: REQUEST_CHANNEL_LABELS[r.channel as keyof typeof REQUEST_CHANNEL_LABELS],
      applicantType: r.applicantType,
      description: r.description,
      status: r.status,
      statusLabel: STATUS_LABELS[r.status],
      clock,
      stage: {
        since: r.stageSince,
        internalLimitWorkingDays: stageLimit ?? null,
        internalDueOn: stageDueOn,
        overInternalLimit: stageDueOn !== null && now > stageDueOn,
      },
      stepsDue: stepsDue(r, now),
      possibleRepeatOf: r.possibleRepeatOf,
      category: r.category,
      closedOn: r.closedOn,
    };
  }

  @Get(':requestId')
  @Roles(...READERS)
  @ApiOperation({ summary: '申请详情（含办理过程、时限、重复申请提示）' })
  async get(@Param('requestId') requestId: string, @Req() request: AuthenticatedRequest, @Res({ passthrough: true }) response: Response) {
    const r = await this.requireView(requestId, request);
    // As the case's commands answer: the client knows when this view includes its last write.
    setRevision(response, r.revision);
    const { state: _s, trackingCodeHash: _t, applicantKey: _k, ...view } = r;
    return { ...view, ...this.summary(r, toShanghaiDate(new Date())) };
  }

  @Get(':requestId/letters/:kind')
  @Roles(...READERS)
  @ApiOperation({ summary: '生成答复书、补正告知书、延期告知书、第三方征询函、收费通知（.docx）' })
  async letter(
    @Param('requestId') requestId: string,
    @Param('kind') kind: string,
    @Query('consultationId') consultationId: string | undefined,
    @Req() request: AuthenticatedRequest,
    @Res() response: Response,
  ) {
    if (!(LETTER_KINDS as readonly string[]).includes(kind))
      throw DomainError.notFound('LETTER_KIND_UNKNOWN', `文书类型应为：${LETTER_KINDS.join('、')}。`);
    const r = await this.requireView(requestId, request);
    const letter = await renderLetter(kind as LetterKind, r, await this.units.nameOf(r.unitId), consultationId);
    if (!letter) throw DomainError.rule('LETTER_NOT_APPLICABLE', '该申请尚无此办理环节，不能生成该文书。');
    response.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    response.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(letter.filename)}`);
    response.send(letter.buffer);
  }

  @Post(':requestId/:action')
  @HttpCode(200)
  @Roles(...STAFF)
  @ApiOperation({ summary: `办理：${Object.keys(ACTION_BODIES).join(', ')}` })
  async act(
    @Param('requestId') requestId: string,
    @Param('action') action: string,
    @Body() body: unknown,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    if (!(action in ACTION_BODIES)) throw DomainError.notFound('ACTION_UNKNOWN', `不支持的办理操作“${action}”。`);
    const input = parseInput(ACTION_BODIES[action as RequestAction], body ?? {}) as Record<string, unknown>;
    const loaded = await this.commands.load(requestDecider, requestStreamId(requestId));
    if (loaded.state.status === 'none') throw DomainError.notFound('REQUEST_NOT_FOUND', '该政府信息公开申请不存在。');
    assertActsForUnit(request.principal, loaded.state.unitId);
    const context = commandContext(request);
    const command = await this.toCommand(
      action as RequestAction,
      input,
      { today: today(context), actorId: request.principal.userId, actorRole: request.principal.role },
      requestId,
    );
    const result = await this.commands.handle(requestDecider, requestStreamId(requestId), command, context);
    setRevision(response, result.revision);
    if (action === 'reply' || action === 'link-information')
      await this.considerProactive(
        requestId,
        context,
        result.events.map((e) => e.data),
      );
    return {
      requestId,
      revision: result.revision,
      status: result.state.status === 'none' ? null : result.state.status,
      events: result.events.map((e) => e.type),
    };
  }

  private async toCommand(
    action: RequestAction,
    input: Record<string, unknown>,
    base: { today: LocalDate; actorId: string; actorRole: AuthenticatedRequest['principal']['role'] },
    requestId: string,
  ): Promise<RequestCommand> {
    const d = base.today;
    const i = input as never as Record<string, never>;
    switch (action) {
      case 'correction-notice':
        return { type: 'RequestCorrection', today: d, items: i.items, periodWorkingDays: i.periodWorkingDays };
      case 'correction-received':
        return { type: 'ReceiveCorrection', today: d, receivedOn: i.receivedOn, note: i.note };
      case 'abandon-no-correction':
        return { type: 'AbandonForNoCorrection', today: d };
      case 'assign':
        return { type: 'AssignRequest', today: d, handlerId: i.handlerId, handlerName: i.handlerName };
      case 'transfer':
        return { type: 'TransferRequest', today: d, toUnitId: i.toUnitId, reason: i.reason };
      case 'investigations':
        return {
          type: 'RequestInvestigation',
          today: d,
          taskId: i.taskId,
          assistingUnitId: i.assistingUnitId,
          question: i.question,
          internalWorkingDays: i.internalWorkingDays,
        };
      case 'investigation-answer':
        return { type: 'AnswerInvestigation', today: d, taskId: i.taskId, answer: i.answer };
      case 'consultations':
        return { type: 'StartConsultation', today: d, consultationId: i.consultationId, kind: i.kind, party: i.party, subject: i.subject };
      case 'consultation-letter-received':
        return { type: 'RecordConsultationLetterReceipt', today: d, consultationId: i.consultationId, receivedOn: i.receivedOn };
      case 'consultation-end':
        return {
          type: 'EndConsultation',
          today: d,
          consultationId: i.consultationId,
          outcome: i.outcome,
          answer: i.answer,
          endedOn: i.endedOn,
        };
      case 'extension':
        return {
          type: 'ExtendDeadline',
          today: d,
          workingDays: i.workingDays,
          reason: i.reason,
          noticeSentOn: i.noticeSentOn,
          actorId: base.actorId,
          actorRole: base.actorRole,
        };
      case 'fee-notice': {
        let quantity: number = i.pages;
        if (i.method === 'per_request') {
          // 按件: this request's position among the applicant's requests in its calendar month.
          const self = await this.requests.get(requestId);
          if (!self) throw DomainError.conflict('READ_MODEL_BEHIND', '申请尚在登记处理中，请稍后重试。');
          const month = self.receivedOn.slice(0, 7);
          const mine = (await this.requests.find({ applicantKey: self.applicantKey })).filter((r) => r.receivedOn.startsWith(month));
          quantity = mine.findIndex((r) => r.requestId === requestId) + 1;
        } else if (!quantity) {
          throw DomainError.validation('PAGES_REQUIRED', '按量计收须填写页数（pages）。', [
            { field: 'pages', code: 'required', message: '必填项，不能为空' },
          ]);
        }
        return { type: 'IssueFeeNotice', today: d, method: i.method, quantity, pausesClock: this.settings.feePausesClock };
      }
      case 'fee-notice-received':
        return { type: 'RecordFeeNoticeReceipt', today: d, receivedOn: i.receivedOn };
      case 'fee-paid':
        return { type: 'RecordFeePayment', today: d, amountYuan: i.amountYuan };
      case 'abandon-unpaid':
        return { type: 'AbandonForNonPayment', today: d };
      case 'draft-reply':
        return { type: 'DraftReply', today: d, category: i.category, withheld: i.withheld, content: i.content };
      case 'review':
        return {
          type: 'ReviewReply',
          today: d,
          approved: i.approved,
          comment: i.comment,
          actorId: base.actorId,
          actorRole: base.actorRole,
        };
      case 'reply':
        return { type: 'IssueReply', today: d };
      case 'delivery':
        return { type: 'RecordDelivery', today: d, method: i.method, reference: i.reference };
      case 'archive':
        return { type: 'ArchiveRequest', today: d, archiveNo: i.archiveNo };
      case 'link-information':
        return {
          type: 'LinkInformation',
          today: d,
          informationKey: i.informationKey,
          information: i.information,
          documentId: i.documentId,
        };
      case 'challenges':
        return { type: 'FileChallenge', today: d, challengeId: i.challengeId, kind: i.kind, filedOn: i.filedOn, body: i.body };
      case 'challenge-decision':
        return { type: 'DecideChallenge', today: d, challengeId: i.challengeId, outcome: i.outcome, decidedOn: i.decidedOn };
    }
  }

  /**
   * Art. 44: when enough different applicants obtained the same information (the handler links
   * requests to an information key), suggest proactive disclosure once. Reads the request history
   * from the store, not the read model, so the request just answered is always counted.
   */
  private async considerProactive(requestId: string, context: CommandContext, _data: unknown[]) {
    const { history } = await this.commands.load(requestDecider, requestStreamId(requestId));
    const link = [...history].reverse().find((e) => e.type === 'requests.InformationLinked');
    if (!link) return;
    const { unitId, informationKey, information, documentId } = link.data as {
      unitId: string;
      informationKey: string;
      information: string;
      documentId?: string;
    };
    const candidates = await this.requests.find({ 'information.informationKey': informationKey, unitId });
    const obtained = new Map<string, string>();
    for (const r of candidates) if (r.requestId !== requestId && isObtained(r.category)) obtained.set(r.requestId, r.applicantKey);
    const self = await this.commands.load(requestDecider, requestStreamId(requestId));
    if (self.state.status !== 'none' && self.state.reply && isObtained(self.state.reply.category))
      obtained.set(requestId, self.state.applicantKey);
    const applicants = new Set(obtained.values()).size;
    await this.commands.handle(
      frequentDecider,
      frequentStreamId(unitId, informationKey),
      {
        type: 'ConsiderProactiveDisclosure',
        unitId,
        informationKey,
        information,
        requestIds: [...obtained.keys()],
        applicants,
        threshold: this.settings.frequentThreshold,
        ...(documentId ? { documentId } : {}),
      },
      { ...context, expectedRevision: undefined },
    );
  }

  private async requireView(requestId: string, request: AuthenticatedRequest): Promise<RequestView & { revision: number }> {
    const r = await this.requests.get(requestId);
    if (!r) throw DomainError.notFound('REQUEST_NOT_FOUND', '该政府信息公开申请不存在。');
    assertReadsUnit(request.principal, r.unitId);
    return r;
  }
}

const isObtained = (category: ReplyCategory | null) => category === 'disclose' || category === 'partial';
