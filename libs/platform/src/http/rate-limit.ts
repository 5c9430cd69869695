import { applyDecorators, Injectable, SetMetadata, UseGuards, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { Public } from '../auth/auth.guard';
import { DomainError } from '../errors/domain-error';

/**
 * An in-memory token bucket per key: `capacity` requests at once, refilled at `perMinute`. Per
 * process: with N replicas a client gets up to N times the rate, which still stops a script from
 * filling the append-only event store with junk.
 */
export class TokenBucketLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    readonly capacity = 5,
    readonly perMinute = 5,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Takes one token or throws 429 with `code` and the seconds to wait (also sent as Retry-After). */
  take(key: string, code = 'TOO_MANY_SUBMISSIONS'): void {
    const now = this.clock();
    const bucket = this.buckets.get(key) ?? { tokens: this.capacity, at: now };
    const tokens = Math.min(this.capacity, bucket.tokens + ((now - bucket.at) / 60_000) * this.perMinute);
    if (tokens < 1) {
      this.buckets.set(key, { tokens, at: now });
      const wait = Math.ceil(((1 - tokens) / this.perMinute) * 60);
      throw new DomainError('too_many', code, `提交过于频繁，请约 ${wait} 秒后再试。`, [], { retryAfterSeconds: wait });
    }
    this.buckets.set(key, { tokens: tokens - 1, at: now });
    if (this.buckets.size > 10_000) this.buckets.delete(this.buckets.keys().next().value as string);
  }

  reset(): void {
    this.buckets.clear();
  }
}

/** The limiter of the public write endpoints (PUBLIC_SUBMISSIONS_PER_MINUTE per client address and endpoint). */
export class PublicSubmissionLimiter extends TokenBucketLimiter {}

const SUBMISSION_CODE = 'gongkai:public-submission-code';

@Injectable()
class PublicSubmissionGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: PublicSubmissionLimiter,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const code = this.reflector.get<string>(SUBMISSION_CODE, context.getHandler());
    const request = context.switchToHttp().getRequest<Request>();
    // request.ip honours X-Forwarded-For only as far as HTTP_TRUST_PROXY trusts the proxies in front.
    this.limiter.take(`${code}:${request.ip ?? request.socket.remoteAddress ?? 'unknown'}`, code);
    return true;
  }
}

/**
 * A write endpoint open to the public (no login): rate-limited per client address before the body
 * is even validated, refused with 429 `code`. Everything accepted lands in the append-only store.
 */
export const isPublicSubmission = (handler: object): boolean => Reflect.getMetadata(SUBMISSION_CODE, handler) !== undefined;

export const PublicSubmission = (code: string) =>
  applyDecorators(Public(), SetMetadata(SUBMISSION_CODE, code), UseGuards(PublicSubmissionGuard));
