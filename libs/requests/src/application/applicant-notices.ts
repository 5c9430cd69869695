import { z } from 'zod';
import type { EventEnvelope } from '@gongkai/contracts';
import { type EventHandler, type MailMessage, type Composed, type Notice, type NoticeComposer, type NoticeOutbox } from '@gongkai/platform';
import { toShanghaiDate, type LocalDate, type WorkingDayCalendar } from '@gongkai/working-days';
import { CLOSED_STATUSES, readClock } from '../domain/request';
import { renderLetter, type LetterKind } from '../documents/letters';
import { clockInputsOf, type RequestsProjection, type RequestView } from '../read-models/requests.projection';
import type { LetterSettings } from './letter-settings';
import type { ApplicantPersonalData } from './personal-data';
import type { RequestsSettings } from './settings';

/** The notices an applicant who chose e-mail delivery receives, by the event that causes each. */
export const APPLICANT_NOTICE_KINDS = {
  'requests.RequestReceived': 'receipt',
  'requests.CorrectionRequested': 'correction',
  'requests.DeadlineExtended': 'extension',
  'requests.ConsultationStarted': 'consultation',
  'requests.FeeNoticeIssued': 'fee',
  'requests.ReplyIssued': 'reply',
} as const;
export type ApplicantNoticeKind = (typeof APPLICANT_NOTICE_KINDS)[keyof typeof APPLICANT_NOTICE_KINDS];

/** 电子邮件 in DELIVERY_METHODS: the applicant asked for the reply by e-mail. */
const BY_EMAIL = '电子邮件';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** This handler's own reading of the events: the request, and (on receipt) whether e-mail was chosen. */
const consumedShape = z.object({
  requestId: z.string().min(1),
  unitId: z.string().min(1),
  delivery: z.string().optional(),
  applicant: z.object({ email: z.string().optional() }).optional(),
});

/** The notice id of an event: one notice per event, so a redelivery adds nothing. */
export const noticeIdOf = (kind: string, eventId: string) => `${kind}-${eventId}`;

/**
 * Process manager: the applicant's notices by e-mail. On receipt of a request whose applicant chose
 * e-mail delivery and gave an address, queues the receipt notice; on each later event that the
 * applicant must be told of (correction, extension, consultation pause, fee, reply), queues that
 * notice for the requests that have a receipt notice. Only ids and kinds go into the outbox: the
 * address is read from the requests read model when the notice is sent.
 */
export class ApplicantNoticesProcess implements EventHandler {
  readonly name = 'requests.applicant-notices';
  readonly eventTypes = Object.keys(APPLICANT_NOTICE_KINDS);
  /** The composer writes the notice from the register: queued once the register has the event, it rarely has to wait. */
  readonly readsAfter = ['requests.requests'];

  constructor(private readonly outbox: NoticeOutbox) {}

  async handle(event: EventEnvelope): Promise<void> {
    const kind = APPLICANT_NOTICE_KINDS[event.type as keyof typeof APPLICANT_NOTICE_KINDS];
    const parsed = consumedShape.safeParse(event.data);
    if (!kind || !parsed.success) return;
    const { requestId, unitId, delivery, applicant } = parsed.data;
    const wanted = kind === 'receipt' ? delivery === BY_EMAIL && !!applicant?.email : await this.outbox.has(requestId, 'receipt');
    if (!wanted) return;
    await this.outbox.enqueue(
      {
        noticeId: noticeIdOf(kind, event.eventId),
        kind,
        channel: 'email',
        unitId,
        subjectId: requestId,
        cause: { eventId: event.eventId, type: event.type, streamId: event.streamId, streamRevision: event.streamRevision },
      },
      new Date(event.recordedAt),
    );
  }
}

/** 2025-03-04 → 2025年3月4日 */
const cn = (date: string) => {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

const FOOTER = '\n\n本邮件由政府信息公开系统自动发送，请勿直接回复。如有疑问，请与受理机关联系。';

/**
 * Writes an applicant's notice from the request as the read model has it when the notice is sent:
 * waits until the read model has the event that caused it; cancels when the applicant no longer asks
 * for e-mail or the address is gone (erased); attaches the letter (.docx) where one exists.
 */
export class ApplicantNoticeComposer implements NoticeComposer {
  constructor(
    private readonly requests: RequestsProjection,
    private readonly letters: Pick<LetterSettings, 'headOf'>,
    private readonly settings: RequestsSettings,
    private readonly calendar: WorkingDayCalendar,
    private readonly personalData: Pick<ApplicantPersonalData, 'revealApplicant'>,
  ) {}

  async compose(notice: Notice, now: Date): Promise<Composed> {
    const stored = notice.subjectId ? await this.requests.get(notice.subjectId) : null;
    if (!stored || (notice.cause && stored.revision < notice.cause.streamRevision)) return { wait: '申请尚未同步到读模型' };
    // The applicant's fields are sealed in the read model: revealed here, for this e-mail only (erased: 已删除, cancelled below).
    const r = await this.personalData.revealApplicant(stored, 'service');
    const to = r.applicant.email;
    if (r.delivery !== BY_EMAIL || !to || !z.email().safeParse(to).success) return { cancel: '申请人未选择电子邮件送达或邮箱不可用' };
    const head = await this.letters.headOf(r.unitId);
    const content = this.content(notice.kind as ApplicantNoticeKind, r, head.printedName, toShanghaiDate(now));
    const letter = content.letter ? await renderLetter(content.letter, r, head, undefined, this.settings.reconsiderationFirst) : null;
    const mail: MailMessage = {
      noticeId: notice.noticeId,
      to: [to],
      subject: `【政府信息公开】${content.subject}（申请编号：${r.requestId}）`,
      text: `${r.applicant.name}：\n\n${content.body}${letter ? `\n\n${content.letterNote ?? '相关文书见附件。'}` : ''}${FOOTER}\n\n${head.printedName}`,
      ...(letter ? { attachments: [{ filename: letter.filename, content: letter.buffer, contentType: DOCX }] } : {}),
    };
    return { mail };
  }

  private content(
    kind: ApplicantNoticeKind,
    r: RequestView,
    unitName: string,
    today: LocalDate,
  ): { subject: string; body: string; letter?: LetterKind; letterNote?: string } {
    const clock = CLOSED_STATUSES.includes(r.status) ? null : readClock(this.calendar, clockInputsOf(r), today, this.settings.nearDueDays);
    const asked = `您于${cn(r.receivedOn)}提出的政府信息公开申请（申请内容：“${r.description}”）`;
    switch (kind) {
      case 'receipt':
        return {
          subject: '您的申请已收到',
          body:
            `${unitName}已于${cn(r.receivedOn)}收到您的政府信息公开申请（申请内容：“${r.description}”）。` +
            (clock?.dueOn ? `依照《中华人民共和国政府信息公开条例》第三十三条，本机关将于${cn(clock.dueOn)}前作出答复。` : '') +
            '您可以凭提交申请时获得的查询码在政府信息公开门户查询办理进度。',
        };
      case 'correction':
        return {
          subject: '请补正申请内容',
          body:
            `${asked}内容不够明确，请您于${r.correction ? cn(r.correction.correctionDueOn) : '告知书所列期限'}前补正：` +
            `${(r.correction?.items ?? []).map((item, i) => `\n${i + 1}. ${item}`).join('')}\n补正期间不计入答复期限（条例第三十条）；逾期无正当理由不补正的，视为放弃申请。`,
          letter: 'correction',
          letterNote: '补正申请告知书见附件。',
        };
      case 'extension':
        return {
          subject: '答复期限延长',
          body: `${asked}需要延长答复期限，经政府信息公开工作机构负责人同意，答复期限延长至${r.extension ? cn(r.extension.newDueOn) : '告知书所列日期'}（条例第三十三条第二款）。`,
          letter: 'extension',
          letterNote: '延长答复期限告知书见附件。',
        };
      case 'consultation':
        return {
          subject: '征求意见期间答复期限暂停计算',
          body: `${asked}需要征求第三方或者其他机关的意见，征求意见所需时间不计算在答复期限内（条例第三十三条第三款）。征求意见结束后，本机关将继续办理并按期答复。`,
        };
      case 'fee':
        return {
          subject: '信息处理费缴纳通知',
          body:
            `${asked}按照《政府信息公开信息处理费管理办法》需缴纳信息处理费${r.fee?.amountYuan ?? ''}元，` +
            `请在收到通知之日起20个工作日内缴纳${r.fee ? `（通知日期：${cn(r.fee.noticeOn)}）` : ''}；逾期未缴纳的，视为放弃申请。`,
          letter: 'fee',
          letterNote: '收费通知见附件。',
        };
      case 'reply':
        return {
          subject: '答复书已出具',
          body: `${asked}已于${r.reply ? cn(r.reply.repliedOn) : ''}作出答复。`,
          letter: 'reply',
          letterNote: '政府信息公开申请答复书见附件，请查收。',
        };
    }
  }
}
