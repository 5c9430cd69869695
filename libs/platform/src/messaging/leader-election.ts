/**
 * The work only one process of a service may do at a time (the relay): started when this process
 * is elected, stopped when it is demoted.
 */
export interface LeaderRole {
  onElected(): Promise<void>;
  /** Must not resolve before the work has really stopped (no publish after it resolves). */
  onDemoted(): Promise<void>;
}

/**
 * Leader election among the replicas of one service (ADR 0007). At most one candidate believes
 * it leads at a time, except for the short hand-over window the adapter documents.
 */
export interface LeaderElection {
  /** Joins the election; resolves once this candidate takes part (elected or not). */
  start(role: LeaderRole): Promise<void>;
  /** Whether this candidate leads now: checked by the relay before every publish. */
  isLeader(): boolean;
  /** Demotes this candidate (waiting for `onDemoted`), then leaves, so another one is elected at once. */
  stop(): Promise<void>;
}

export interface TransitionHooks {
  /** After a transition took effect: `true` elected, `false` demoted. */
  onChange?: (leader: boolean) => void;
  /** `onElected` failed; the transition is tried again after `retryMs` while still elected. */
  onError?: (error: unknown) => void;
  retryMs?: number;
}

/**
 * Applies elected/demoted signals to a role strictly one after the other: a demotion waits for a
 * running `onElected`, and `onDemoted` completes before the next `onElected` starts. Signals that
 * arrive meanwhile collapse into the latest one (elected → demoted → elected runs at most one
 * stop and one start).
 */
export class LeadershipTransitions {
  private wanted = false;
  private active = false;
  private queue: Promise<void> = Promise.resolve();
  private retryTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly role: LeaderRole,
    private readonly hooks: TransitionHooks = {},
  ) {}

  /** The latest signal: what the role is moving to (the relay's publish guard reads this). */
  get elected(): boolean {
    return this.wanted;
  }

  /** Whether the role is running now. */
  get running(): boolean {
    return this.active;
  }

  /** Records the signal at once and resolves when the role has caught up with it. */
  set(leader: boolean): Promise<void> {
    this.wanted = leader;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.queue = this.queue.then(() => this.apply());
    return this.queue;
  }

  private async apply(): Promise<void> {
    if (this.wanted === this.active) return;
    if (this.wanted) {
      try {
        await this.role.onElected();
      } catch (error) {
        this.hooks.onError?.(error);
        this.retryTimer = setTimeout(() => void this.set(this.wanted), this.hooks.retryMs ?? 2000);
        this.retryTimer.unref();
        return;
      }
      this.active = true;
    } else {
      // Not active any more from the first moment: a late batch must not count as the leader's.
      this.active = false;
      await this.role.onDemoted().catch((error: unknown) => this.hooks.onError?.(error));
    }
    this.hooks.onChange?.(this.active);
    // A signal that arrived while the role was changing is applied by its own queued call.
  }
}
