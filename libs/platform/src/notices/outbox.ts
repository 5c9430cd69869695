import type { Collection, Connection } from 'mongoose';

export const NOTICE_STATUSES = ['pending', 'sending', 'sent', 'failed', 'cancelled'] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];

/** The event a notice was derived from (its id is the notice's idempotency key). */
export interface NoticeCause {
  eventId: string;
  type: string;
  streamId: string;
  streamRevision: number;
}

/**
 * One notice in the outbox. No address is kept: the composer reads it when sending (an applicant's
 * from the service's read model, staff addresses from the settings), so nothing personal stays here.
 */
export interface Notice {
  noticeId: string;
  kind: string;
  channel: 'email' | 'sms';
  unitId: string;
  /** What the notice is about, e.g. the request id; null for a unit's digest. */
  subjectId: string | null;
  cause: NoticeCause | null;
  status: NoticeStatus;
  /** Failed sending attempts so far (waits for the read model are not counted). */
  attempts: number;
  createdAt: Date;
  nextAttemptAt: Date;
  leaseUntil: Date | null;
  sentAt: Date | null;
  lastError: string | null;
  /** Why it was cancelled, e.g. the applicant no longer asks for e-mail. */
  note: string | null;
}

export type NewNotice = Pick<Notice, 'noticeId' | 'kind' | 'channel' | 'unitId' | 'subjectId' | 'cause'>;

type NoticeDocument = Omit<Notice, 'noticeId'> & { _id: string };

const toNotice = ({ _id, ...rest }: NoticeDocument): Notice => ({ noticeId: _id, ...rest });

/**
 * The notices outbox, a collection of the owning service's read-model database. `enqueue` is
 * idempotent (the id is derived from the event: a redelivered event adds nothing); `claim` leases a
 * due notice to one sender, so replicas never send the same notice at once, and a sender that died
 * mid-send loses its lease and the notice is sent again (at-least-once, same Message-ID).
 */
export class NoticeOutbox {
  constructor(private readonly connection: Connection) {}

  private get notices(): Collection<NoticeDocument> {
    return this.connection.collection<NoticeDocument>('notices');
  }

  async ensureIndexes(): Promise<void> {
    await this.notices.createIndex({ status: 1, nextAttemptAt: 1 });
    await this.notices.createIndex({ unitId: 1, createdAt: -1 });
    await this.notices.createIndex({ subjectId: 1 });
  }

  /** Adds the notice unless one with its id exists; true when added. */
  async enqueue(notice: NewNotice, now: Date): Promise<boolean> {
    const { noticeId, ...rest } = notice;
    try {
      await this.notices.insertOne({
        _id: noticeId,
        ...rest,
        status: 'pending',
        attempts: 0,
        createdAt: now,
        nextAttemptAt: now,
        leaseUntil: null,
        sentAt: null,
        lastError: null,
        note: null,
      });
      return true;
    } catch (error) {
      if ((error as { code?: number }).code === 11000) return false;
      throw error;
    }
  }

  /** Leases the next due notice (pending and due, or sending with an expired lease) until `now + leaseMs`. */
  async claim(now: Date, leaseMs: number): Promise<Notice | null> {
    const doc = await this.notices.findOneAndUpdate(
      {
        $or: [
          { status: 'pending', nextAttemptAt: { $lte: now } },
          { status: 'sending', leaseUntil: { $lte: now } },
        ],
      },
      { $set: { status: 'sending', leaseUntil: new Date(now.getTime() + leaseMs) } },
      { sort: { nextAttemptAt: 1 }, returnDocument: 'after' },
    );
    return doc ? toNotice(doc) : null;
  }

  async markSent(noticeId: string, at: Date): Promise<void> {
    await this.notices.updateOne({ _id: noticeId }, { $set: { status: 'sent', sentAt: at, leaseUntil: null, lastError: null } });
  }

  /** Back to pending at `next`; `failed` counts as an attempt (a wait for the read model does not). */
  async retry(noticeId: string, next: Date, error: string, failed: boolean): Promise<void> {
    await this.notices.updateOne(
      { _id: noticeId },
      {
        $set: { status: 'pending', nextAttemptAt: next, leaseUntil: null, lastError: error.slice(0, 500) },
        $inc: { attempts: failed ? 1 : 0 },
      },
    );
  }

  async markFailed(noticeId: string, error: string): Promise<void> {
    await this.notices.updateOne(
      { _id: noticeId },
      { $set: { status: 'failed', leaseUntil: null, lastError: error.slice(0, 500) }, $inc: { attempts: 1 } },
    );
  }

  async cancel(noticeId: string, note: string): Promise<void> {
    await this.notices.updateOne({ _id: noticeId }, { $set: { status: 'cancelled', leaseUntil: null, note } });
  }

  /** A failed notice queued again by staff (after fixing the cause): pending now, attempts kept. */
  async requeue(noticeId: string, now: Date): Promise<Notice | null> {
    const doc = await this.notices.findOneAndUpdate(
      { _id: noticeId, status: 'failed' },
      { $set: { status: 'pending', nextAttemptAt: now } },
      { returnDocument: 'after' },
    );
    return doc ? toNotice(doc) : null;
  }

  async get(noticeId: string): Promise<Notice | null> {
    const doc = await this.notices.findOne({ _id: noticeId });
    return doc ? toNotice(doc) : null;
  }

  /** Whether the subject (a request) has any notice of `kind`. */
  async has(subjectId: string, kind: string): Promise<boolean> {
    return (await this.notices.countDocuments({ subjectId, kind }, { limit: 1 })) > 0;
  }

  /** A page of the notices of a unit (or all), newest first, with the total. */
  async page(filter: { unitId?: string; status?: NoticeStatus; subjectId?: string }, offset: number, limit: number) {
    const query = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined));
    const [rows, total] = await Promise.all([
      this.notices.find(query, { sort: { createdAt: -1, _id: 1 }, skip: offset, limit }).toArray(),
      this.notices.countDocuments(query),
    ]);
    return { total, offset, limit, rows: rows.map(toNotice) };
  }
}
