import mongoose, { type Connection } from 'mongoose';
import { createLogger } from '../observability/logger';
import { isolatedEnv } from '../testing/infra';
import { SmtpMailer, type MailMessage, type Mailer } from './mailer';
import { NoticeSender, retryDelayMs, type Composed, type NoticeComposer } from './notice-sender';
import { NoticeOutbox, type NewNotice } from './outbox';

/** A clock the test moves by hand: backoff and leases are checked without waiting. */
class ManualClock {
  constructor(public now: Date) {}
  advance(ms: number) {
    this.now = new Date(this.now.getTime() + ms);
  }
}

/** Records what it is asked to send (a stand-in for a mail server that accepts everything). */
class RecordingMailer implements Mailer {
  readonly sent: MailMessage[] = [];
  closed = false;
  async send(message: MailMessage) {
    this.sent.push(message);
  }
  close() {
    this.closed = true;
  }
}

const composer = (answer: (noticeId: string) => Composed): NoticeComposer => ({
  compose: async (notice) => answer(notice.noticeId),
});
const mail = (noticeId: string): Composed => ({ mail: { noticeId, to: ['office@example.cn'], subject: '测试', text: '测试' } });
const notice = (noticeId: string): NewNotice => ({
  noticeId,
  kind: 'receipt',
  channel: 'email',
  unitId: 'TEZ-ZSZ',
  subjectId: 'R-1',
  cause: null,
});

describe('notices outbox and sender (real FerretDB)', () => {
  const env = isolatedEnv();
  const logger = createLogger('notices-test', 'silent');
  let connection: Connection;
  let outbox: NoticeOutbox;
  beforeAll(async () => {
    connection = await mongoose.createConnection(env.MONGODB_URL, { dbName: `${env.MONGODB_DB_PREFIX}-notices` }).asPromise();
    outbox = new NoticeOutbox(connection);
    await outbox.ensureIndexes();
  });
  afterAll(() => connection.close());

  it('enqueues a notice once per id', async () => {
    const at = new Date('2026-12-01T00:00:00Z');
    expect(await outbox.enqueue(notice('once-1'), at)).toBe(true);
    expect(await outbox.enqueue(notice('once-1'), at)).toBe(false);
    expect((await outbox.page({ subjectId: 'R-1' }, 0, 10)).rows.filter((n) => n.noticeId === 'once-1')).toHaveLength(1);
    await outbox.cancel('once-1', '测试结束'); // the next tests drain the same outbox
  });

  it('retries a refused send with doubling delays, then records it failed; staff can queue it again', async () => {
    const clock = new ManualClock(new Date('2026-12-02T00:00:00Z'));
    await outbox.enqueue(notice('retry-1'), clock.now);
    // A real SMTP client against a port where nothing listens: the connection is refused.
    const refused = new SmtpMailer('smtp://127.0.0.1:1', 'test <test@localhost>');
    const sender = new NoticeSender(
      outbox,
      composer(mail),
      refused,
      logger,
      { pollMs: 1000, maxAttempts: 3, retryBaseMs: 1000 },
      () => clock.now,
    );
    expect(await sender.drain()).toBe(1);
    let n = (await outbox.get('retry-1'))!;
    expect(n).toMatchObject({ status: 'pending', attempts: 1 });
    expect(n.lastError).toMatch(/^smtp: /);
    expect(n.nextAttemptAt.getTime() - clock.now.getTime()).toBe(retryDelayMs(1, 1000));
    expect(await sender.drain()).toBe(0); // not due yet
    clock.advance(retryDelayMs(1, 1000));
    await sender.drain();
    n = (await outbox.get('retry-1'))!;
    expect(n).toMatchObject({ status: 'pending', attempts: 2 });
    expect(n.nextAttemptAt.getTime() - clock.now.getTime()).toBe(2000);
    clock.advance(2000);
    await sender.drain();
    expect(await outbox.get('retry-1')).toMatchObject({ status: 'failed', attempts: 3 });
    expect(await outbox.requeue('retry-1', clock.now)).toMatchObject({ status: 'pending' });
    const accepting = new RecordingMailer();
    await new NoticeSender(
      outbox,
      composer(mail),
      accepting,
      logger,
      { pollMs: 1000, maxAttempts: 3, retryBaseMs: 1000 },
      () => clock.now,
    ).drain();
    expect(accepting.sent.map((m) => m.noticeId)).toContain('retry-1');
    expect(await outbox.get('retry-1')).toMatchObject({ status: 'sent' });
  });

  it('waits for the read model without counting an attempt, and cancels what must not be sent', async () => {
    const clock = new ManualClock(new Date('2026-12-03T00:00:00Z'));
    await outbox.enqueue(notice('wait-1'), clock.now);
    await outbox.enqueue(notice('cancel-1'), clock.now);
    let ready = false;
    const mailer = new RecordingMailer();
    const sender = new NoticeSender(
      outbox,
      composer((id) => (id === 'cancel-1' ? { cancel: '申请人未选择电子邮件送达' } : ready ? mail(id) : { wait: '读模型未同步' })),
      mailer,
      logger,
      { pollMs: 1000, maxAttempts: 3, retryBaseMs: 1000, waitMs: 500 },
      () => clock.now,
    );
    await sender.drain();
    expect(await outbox.get('wait-1')).toMatchObject({ status: 'pending', attempts: 0, lastError: '读模型未同步' });
    expect(await outbox.get('cancel-1')).toMatchObject({ status: 'cancelled', note: '申请人未选择电子邮件送达' });
    ready = true;
    clock.advance(500);
    await sender.drain();
    expect(await outbox.get('wait-1')).toMatchObject({ status: 'sent', attempts: 0 });
    expect(mailer.sent.map((m) => m.noticeId)).toEqual(['wait-1']);
  });

  it('leases a claimed notice to one sender; a sender that died mid-send loses it when the lease ends', async () => {
    const clock = new ManualClock(new Date('2026-12-04T00:00:00Z'));
    await outbox.enqueue(notice('lease-1'), clock.now);
    // A sender claims it and dies before recording anything.
    expect((await outbox.claim(clock.now, 60_000))?.noticeId).toBe('lease-1');
    const mailer = new RecordingMailer();
    const other = new NoticeSender(
      outbox,
      composer(mail),
      mailer,
      logger,
      { pollMs: 1000, maxAttempts: 3, retryBaseMs: 1000 },
      () => clock.now,
    );
    await other.drain();
    expect(mailer.sent).toHaveLength(0);
    clock.advance(60_000);
    await other.drain();
    expect(mailer.sent.map((m) => m.noticeId)).toEqual(['lease-1']);
    expect(await outbox.get('lease-1')).toMatchObject({ status: 'sent' });
  });
});
