/** The notices outbox as the console reads it (`GET /api/requests/notices`, docs/notices.md). */

export const NOTICE_STATUS_LABELS = {
  pending: '待发送',
  sending: '发送中',
  sent: '已发送',
  failed: '发送失败',
  cancelled: '已取消',
} as const;
export type NoticeStatusCode = keyof typeof NOTICE_STATUS_LABELS;

export const NOTICE_KIND_LABELS: Readonly<Record<string, string>> = {
  receipt: '受理回执',
  correction: '补正告知',
  extension: '延期告知',
  consultation: '征求意见暂停计时告知',
  fee: '收费通知',
  reply: '答复书已出具',
  digest: '每日到期提醒（工作人员）',
};

/** One notice: what, about which request, where it stands. Never the address. */
export interface NoticeView {
  noticeId: string;
  kind: string;
  kindLabel: string;
  channelLabel: string;
  unitId: string;
  /** The request it is about; null for a unit's daily digest. */
  requestId: string | null;
  status: NoticeStatusCode;
  statusLabel: string;
  /** SMTP failures so far. */
  attempts: number;
  createdAt: string;
  /** When the next attempt is due (pending only). */
  nextAttemptAt: string | null;
  sentAt: string | null;
  lastError: string | null;
  /** Why it was cancelled. */
  note: string | null;
}

export interface NoticePageView {
  total: number;
  offset: number;
  limit: number;
  rows: NoticeView[];
}
