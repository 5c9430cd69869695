import { NOTICE_KIND_LABELS, NOTICE_STATUS_LABELS, type NoticePageView, type NoticeView } from '@gongkai/contracts/vocabulary';
import {
  readScope,
  DomainError,
  NOTICE_STATUSES,
  type Notice,
  type NoticeOutbox,
  type NoticeStatus,
  type Principal,
} from '@gongkai/platform';

const view = (n: Notice): NoticeView => ({
  noticeId: n.noticeId,
  kind: n.kind,
  kindLabel: NOTICE_KIND_LABELS[n.kind] ?? '通知',
  channelLabel: n.channel === 'email' ? '电子邮件' : '短信',
  unitId: n.unitId,
  requestId: n.subjectId,
  status: n.status,
  statusLabel: NOTICE_STATUS_LABELS[n.status],
  attempts: n.attempts,
  createdAt: n.createdAt.toISOString(),
  nextAttemptAt: n.status === 'pending' ? n.nextAttemptAt.toISOString() : null,
  sentAt: n.sentAt?.toISOString() ?? null,
  lastError: n.status === 'sent' ? null : n.lastError,
  note: n.note,
});

export type NoticeQuery = { unitId?: string; status?: string; requestId?: string; offset: number; limit: number };

/** The notices of the outbox as the console lists them: a unit's (or the district's), newest first, paged. */
export class RequestNotices {
  constructor(private readonly outbox: NoticeOutbox) {}

  async page(principal: Principal, query: NoticeQuery): Promise<NoticePageView> {
    const unitId = readScope(principal, query.unitId);
    const status = query.status as NoticeStatus | undefined;
    if (status !== undefined && !NOTICE_STATUSES.includes(status)) {
      throw DomainError.validation('INVALID_NOTICE_STATUS', `status 只能是 ${NOTICE_STATUSES.join('、')} 之一。`);
    }
    const page = await this.outbox.page({ unitId, status, subjectId: query.requestId }, query.offset, query.limit);
    return { ...page, rows: page.rows.map(view) };
  }

  /** A failed notice sent again (after its cause, e.g. the mail server, is fixed). */
  async retry(principal: Principal, noticeId: string, now: Date): Promise<NoticeView> {
    const notice = await this.outbox.get(noticeId);
    if (!notice) throw DomainError.notFound('NOTICE_NOT_FOUND', '该通知不存在。');
    readScope(principal, notice.unitId);
    const queued = await this.outbox.requeue(noticeId, now);
    if (!queued) throw DomainError.rule('NOTICE_NOT_FAILED', '只有发送失败的通知可以重新发送。');
    return view(queued);
  }
}
