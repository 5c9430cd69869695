import { DomainError } from '@gongkai/platform';

/** An in-memory token bucket per client key (IP): `capacity` requests, refilled at `perMinute`. One process only. */
export class TokenBucketLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    readonly capacity = 5,
    readonly perMinute = 5,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Takes one token or throws 429 `too_many`. */
  take(key: string): void {
    const now = this.clock();
    const bucket = this.buckets.get(key) ?? { tokens: this.capacity, at: now };
    const tokens = Math.min(this.capacity, bucket.tokens + ((now - bucket.at) / 60_000) * this.perMinute);
    if (tokens < 1) {
      this.buckets.set(key, { tokens, at: now });
      const wait = Math.ceil(((1 - tokens) / this.perMinute) * 60);
      throw new DomainError('too_many', 'TOO_MANY_COMMENTS', `提交过于频繁，请约 ${wait} 秒后再试。`, [], { retryAfterSeconds: wait });
    }
    this.buckets.set(key, { tokens: tokens - 1, at: now });
    if (this.buckets.size > 10_000) this.buckets.delete(this.buckets.keys().next().value as string);
  }

  reset(): void {
    this.buckets.clear();
  }
}
