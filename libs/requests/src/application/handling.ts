import { DomainError, unitActionError, type CommandContext, type CommandHandler } from '@gongkai/platform';
import { toShanghaiDate, type LocalDate, type WorkingDayCalendar } from '@gongkai/working-days';
import { requestStreamId, type RequestState, type RequestStatus } from '../domain/request';
import { requestDecider, type IssueFeeNotice, type RequestCommand } from '../domain/request.decide';
import type { RequestsProjection } from '../read-models/requests.projection';
import { unitHandlesRequests, type KnownUnits } from './intake';
import type { RequestsSettings } from './settings';

/** A command as a handler gives it: the day and the actor come from the command context. */
type Given<C> = C extends unknown ? Omit<C, 'today' | 'by'> : never;

/** The fee notice as the handler asks for it: per page with the page count, or per request (counted here). */
export type FeeNoticeStep = { type: 'IssueFeeNotice'; method: IssueFeeNotice['method']; pages?: number };

/** The reply's files: uploads with their own routes (application/reply-files.ts), not handling steps. */
type FileCommandType = 'AttachReplyFile' | 'RedactReplyFile' | 'RemoveReplyFile' | 'RecordReplyFileDownload';

/** One handling step of a received request (everything after intake); the review's self-review permission is a setting. */
export type RequestStep =
  | Given<Exclude<RequestCommand, { type: 'ReceiveRequest' | 'IssueFeeNotice' | 'ReviewReply' | FileCommandType }>>
  | Omit<Given<Extract<RequestCommand, { type: 'ReviewReply' }>>, 'allowSelfReview'>
  | FeeNoticeStep;

export interface StepResult {
  requestId: string;
  revision: number;
  status: RequestStatus | null;
  events: string[];
}

/** Only the request's own unit (or the district office) handles it; an unknown request is not found. */
const mayHandle = (context: CommandContext) => (state: RequestState) =>
  state.status === 'none'
    ? DomainError.notFound('REQUEST_NOT_FOUND', '该政府信息公开申请不存在。')
    : unitActionError(context.actor, state.unitId);

/**
 * Handling a received request: one step at a time, on the state the command handler loads, for the
 * request's own unit. The day (`today`, Beijing) and the actor (`by`) come from the command context.
 */
export class RequestHandling {
  constructor(
    private readonly commands: CommandHandler,
    private readonly requests: RequestsProjection,
    private readonly settings: RequestsSettings,
    private readonly calendar: WorkingDayCalendar,
    private readonly units: KnownUnits,
  ) {}

  async handle(requestId: string, step: RequestStep, context: CommandContext): Promise<StepResult> {
    const decider = requestDecider(this.calendar);
    const today = toShanghaiDate(context.now);
    if (step.type === 'TransferRequest') await unitHandlesRequests(this.units, step.toUnitId);
    const command =
      step.type === 'IssueFeeNotice'
        ? await this.feeNotice(requestId, step, today, context)
        : withContext(step, today, context, this.settings.allowSelfReview);
    const result = await this.commands.handle(decider, requestStreamId(requestId), command, context, { authorize: mayHandle(context) });
    return {
      requestId,
      revision: result.revision,
      status: result.state.status === 'none' ? null : result.state.status,
      events: result.events.map((e) => e.type),
    };
  }

  /**
   * The fee notice needs a figure from outside the request's stream: per request (按件), the
   * request's position among the applicant's requests that month, from the requests read model
   * (eventually consistent, see `IssueFeeNotice`). The request and the unit are checked first, as
   * for every step, so that a refusal does not depend on the read model.
   */
  private async feeNotice(requestId: string, step: FeeNoticeStep, today: LocalDate, context: CommandContext): Promise<RequestCommand> {
    const { state } = await this.commands.load(requestDecider(this.calendar), requestStreamId(requestId));
    const refused = mayHandle(context)(state);
    if (refused) throw refused;
    const base = { type: 'IssueFeeNotice', today, method: step.method, pausesClock: this.settings.feePausesClock } as const;
    if (step.method === 'per_page') {
      if (!step.pages) {
        throw DomainError.validation('PAGES_REQUIRED', '按量计收须填写页数（pages）。', [
          { field: 'pages', code: 'required', message: '必填项，不能为空' },
        ]);
      }
      return { ...base, quantity: step.pages };
    }
    const position = await this.requests.positionInMonth(requestId);
    if (position === null) throw DomainError.conflict('READ_MODEL_BEHIND', '申请尚在登记处理中，请稍后重试。');
    return { ...base, quantity: position };
  }
}

/** The actor travels only in the commands whose rules depend on who gives them (separation of duties). */
function withContext(
  step: Exclude<RequestStep, FeeNoticeStep>,
  today: LocalDate,
  context: CommandContext,
  allowSelfReview: boolean,
): RequestCommand {
  switch (step.type) {
    case 'ReviewReply':
      return { ...step, today, by: context.actor, allowSelfReview };
    case 'ExtendDeadline':
    case 'DraftReply':
    case 'ReceiveCorrection':
    case 'DeferReply':
      return { ...step, today, by: context.actor };
    default:
      return { ...step, today };
  }
}
