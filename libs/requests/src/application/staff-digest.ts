import type { Composed, Notice, NoticeComposer, NoticeOutbox } from '@gongkai/platform';
import { toShanghaiDate } from '@gongkai/working-days';
import type { RequestReads } from './request-reads';

export const DIGEST_KIND = 'digest';

/** NOTICES_DIGEST_TO (`TEZ-ZSZ=a@x.cn,b@x.cn;TEZ-EDU=c@x.cn`) → unit → work addresses. */
export function digestRecipients(setting: string | undefined): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const entry of (setting ?? '').split(';').filter(Boolean)) {
    const [unitId, addresses] = entry.split('=');
    map.set(
      unitId.trim(),
      addresses
        .split(',')
        .map((a) => a.trim())
        .filter(Boolean),
    );
  }
  return map;
}

/** The Beijing hour of an instant. */
const shanghaiHour = (at: Date) => (at.getUTCHours() + 8) % 24;

/**
 * The staff's daily digest of what falls due (overdue, near due, over an internal stage limit), one
 * e-mail per unit and day to the unit's work addresses of NOTICES_DIGEST_TO. Queued once a day from
 * NOTICES_DIGEST_HOUR (Beijing): the id `digest-<unit>-<day>` makes a second replica's or a restarted
 * process' queueing a no-op. Nothing due: the day's digest is cancelled, not sent.
 */
export class StaffDigest implements NoticeComposer {
  constructor(
    private readonly outbox: NoticeOutbox,
    private readonly reads: Pick<RequestReads, 'registerRows'>,
    private readonly recipients: Map<string, string[]>,
    private readonly hour: number,
  ) {}

  /** Queues today's digest of every configured unit once the hour has come; returns how many were new. */
  async enqueueDue(now: Date): Promise<number> {
    if (shanghaiHour(now) < this.hour) return 0;
    const day = toShanghaiDate(now);
    let added = 0;
    for (const unitId of this.recipients.keys()) {
      const notice = {
        noticeId: `${DIGEST_KIND}-${unitId}-${day}`,
        kind: DIGEST_KIND,
        channel: 'email' as const,
        unitId,
        subjectId: null,
        cause: null,
      };
      if (await this.outbox.enqueue(notice, now)) added += 1;
    }
    return added;
  }

  async compose(notice: Notice, now: Date): Promise<Composed> {
    const to = this.recipients.get(notice.unitId);
    if (!to?.length) return { cancel: '该单位未配置提醒邮箱' };
    const day = notice.noticeId.slice(-10);
    const today = toShanghaiDate(now);
    if (day !== today) return { cancel: '过期的每日提醒' };
    const rows = await this.reads.registerRows(notice.unitId, { flags: ['open'] }, 'dueOn', today);
    const overdue = rows.filter((r) => r.clock?.overdue);
    const nearDue = rows.filter((r) => r.clock && !r.clock.overdue && r.clock.nearDue);
    const stage = rows.filter((r) => !r.clock?.overdue && !r.clock?.nearDue && r.stage.overInternalLimit);
    if (overdue.length + nearDue.length + stage.length === 0) return { cancel: '今日无到期事项' };
    const line = (r: (typeof rows)[number]) =>
      `· ${r.requestId}  ${r.statusLabel}  ${r.clock?.dueOn ? `答复期限 ${r.clock.dueOn}` : '期限暂停'}  ${r.description.slice(0, 40)}`;
    const section = (title: string, list: typeof rows) =>
      list.length ? `\n\n${title}（${list.length}件）\n${list.map(line).join('\n')}` : '';
    return {
      mail: {
        noticeId: notice.noticeId,
        to,
        subject: `【政府信息公开】${today} 到期提醒：已逾期${overdue.length}件，即将到期${nearDue.length}件`,
        text:
          `今日（${today}）本单位依申请公开事项办理提醒：` +
          section('已超过法定答复期限', overdue) +
          section('即将到期', nearDue) +
          section('超过内部环节时限', stage) +
          '\n\n请登录政府信息公开管理平台办理。本邮件由系统自动发送。',
      },
    };
  }
}

/** One composer for the requests service's outbox: the staff digest, else an applicant's notice. */
export class RequestsNoticeComposer implements NoticeComposer {
  constructor(
    private readonly applicant: NoticeComposer,
    private readonly digest: NoticeComposer,
  ) {}

  compose(notice: Notice, now: Date): Promise<Composed> {
    return notice.kind === DIGEST_KIND ? this.digest.compose(notice, now) : this.applicant.compose(notice, now);
  }
}
