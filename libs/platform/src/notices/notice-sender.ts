import type { GongkaiConfig } from '../config/config';
import type { Logger } from '../observability/logger';
import { SmtpMailer, type MailMessage, type Mailer } from './mailer';
import type { Notice, NoticeOutbox } from './outbox';

/** What a composer makes of a notice: the e-mail, a reason not to send it, or "not yet" (the read model is behind). */
export type Composed = { mail: MailMessage } | { cancel: string } | { wait: string };

/** Writes the e-mail of a notice, reading what it needs (the address too) when it is sent. */
export interface NoticeComposer {
  compose(notice: Notice, now: Date): Promise<Composed>;
}

export interface NoticeSenderOptions {
  pollMs: number;
  maxAttempts: number;
  retryBaseMs: number;
  /** How long a claimed notice stays leased to this sender (longer than one SMTP transaction). */
  leaseMs?: number;
  /** Delay before composing again when the read model is behind. */
  waitMs?: number;
}

const MAX_RETRY_MS = 3_600_000;
/** A notice whose data never reaches the read model is given up after a day. */
const MAX_WAIT_MS = 86_400_000;

/** Exponential backoff: base × 2^(attempts − 1), at most an hour. */
export const retryDelayMs = (attempts: number, baseMs: number) => Math.min(MAX_RETRY_MS, baseMs * 2 ** Math.max(0, attempts - 1));

/**
 * Sends the outbox's due notices, one at a time: claim (lease), compose, send, record. A failure is
 * retried with exponential backoff and marked `failed` after `maxAttempts`; a crash between the send
 * and the record leaves a lease that expires, and the notice is sent again (at-least-once, the same
 * Message-ID). Safe with several replicas: each notice is leased to one sender at a time.
 */
export class NoticeSender {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private started = false;
  private stopped = false;

  constructor(
    private readonly outbox: NoticeOutbox,
    private readonly composer: NoticeComposer,
    private readonly mailer: Mailer,
    private readonly logger: Logger,
    private readonly options: NoticeSenderOptions,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  start(): void {
    if (this.started) return;
    this.started = true;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
    this.mailer.close();
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.drain()
        .then(() => undefined)
        .catch((error: unknown) => this.logger.warn({ err: error }, 'notice sender: outbox not reachable; trying again'))
        .finally(() => {
          this.running = null;
          this.schedule(this.options.pollMs);
        });
    }, ms);
  }

  /** Sends every notice due now; returns how many were handled. */
  async drain(): Promise<number> {
    let handled = 0;
    while (!this.stopped) {
      const notice = await this.outbox.claim(this.clock(), this.options.leaseMs ?? 60_000);
      if (!notice) break;
      await this.handle(notice);
      handled += 1;
    }
    return handled;
  }

  private async handle(notice: Notice): Promise<void> {
    const now = this.clock();
    let composed: Composed;
    try {
      composed = await this.composer.compose(notice, now);
    } catch (error) {
      return this.failed(notice, `compose: ${String(error)}`);
    }
    if ('cancel' in composed) {
      this.logger.info({ noticeId: notice.noticeId, kind: notice.kind, reason: composed.cancel }, 'notice cancelled');
      return this.outbox.cancel(notice.noticeId, composed.cancel);
    }
    if ('wait' in composed) {
      if (now.getTime() - notice.createdAt.getTime() > MAX_WAIT_MS) return this.outbox.markFailed(notice.noticeId, composed.wait);
      return this.outbox.retry(notice.noticeId, new Date(now.getTime() + (this.options.waitMs ?? 1000)), composed.wait, false);
    }
    try {
      await this.mailer.send(composed.mail);
    } catch (error) {
      return this.failed(notice, `smtp: ${error instanceof Error ? error.message : String(error)}`);
    }
    await this.outbox.markSent(notice.noticeId, this.clock());
    this.logger.info({ noticeId: notice.noticeId, kind: notice.kind, unitId: notice.unitId }, 'notice sent');
  }

  private async failed(notice: Notice, error: string): Promise<void> {
    const attempts = notice.attempts + 1;
    if (attempts >= this.options.maxAttempts) {
      this.logger.warn({ noticeId: notice.noticeId, kind: notice.kind, attempts, error }, 'notice failed: no more attempts');
      return this.outbox.markFailed(notice.noticeId, error);
    }
    const next = new Date(this.clock().getTime() + retryDelayMs(attempts, this.options.retryBaseMs));
    this.logger.warn({ noticeId: notice.noticeId, kind: notice.kind, attempts, next, error }, 'notice not sent; will retry');
    await this.outbox.retry(notice.noticeId, next, error, true);
  }
}

/**
 * The sender of a service's outbox from the settings: started when SMTP_URL is set; without it the
 * notices wait in the outbox (logged once). The caller stops it on shutdown.
 */
export function startNoticeSender(
  config: Pick<GongkaiConfig, 'SMTP_URL' | 'NOTICES_FROM' | 'NOTICES_POLL_MS' | 'NOTICES_MAX_ATTEMPTS' | 'NOTICES_RETRY_BASE_MS'>,
  outbox: NoticeOutbox,
  composer: NoticeComposer,
  logger: Logger,
): NoticeSender | null {
  if (!config.SMTP_URL) {
    logger.warn({}, 'SMTP_URL is not set: e-mail notices are recorded in the outbox and wait until it is');
    return null;
  }
  const sender = new NoticeSender(outbox, composer, new SmtpMailer(config.SMTP_URL, config.NOTICES_FROM), logger, {
    pollMs: config.NOTICES_POLL_MS,
    maxAttempts: config.NOTICES_MAX_ATTEMPTS,
    retryBaseMs: config.NOTICES_RETRY_BASE_MS,
  });
  sender.start();
  return sender;
}
