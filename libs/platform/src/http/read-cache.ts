import { Injectable, SetMetadata, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { finalize, from, map, mergeMap, of, type Observable } from 'rxjs';
import type { ReadGenerations } from '../read-models/read-generations';

const CACHED_READ = Symbol('gongkai:cached-read');

/**
 * A public read (portal) whose JSON answer may be served from the process's read cache (ADR 0018):
 * `owners` are the read-model owners (databases) the answer is made of. Anonymous GETs only; a
 * request with credentials always reads the read models.
 */
export const CachedRead = (...owners: [string, ...string[]]) => SetMetadata(CACHED_READ, owners);

export interface ReadCacheSettings {
  /** How long an answer is trusted at most, whatever this process wrote (0: no cache). */
  maxAgeMs: number;
  /** The answers' total size kept at most (UTF-16 code units of the JSON, about bytes for this text). */
  maxChars: number;
}

interface Entry {
  stamp: string;
  storedAt: number;
  json: string;
  /** Headers the route set (X-Total-Count, …): a hit sets them again. */
  headers: [string, string | number | readonly string[]][];
}

/**
 * The answers of `@CachedRead` routes, each valid while no write of this process has reached the
 * owners it was read from (their generations' stamp) and it is younger than `maxAgeMs`; least recently
 * used answers leave first once `maxChars` is reached. Concurrent misses of one URL share one read.
 */
export class ReadCache {
  private readonly entries = new Map<string, Entry>();
  private readonly reading = new Map<string, Promise<Entry | null>>();
  private chars = 0;

  constructor(
    private readonly generations: ReadGenerations,
    private readonly settings: ReadCacheSettings,
    /** Counts each anonymous read of a cached route by how it was answered. */
    private readonly counted: (result: 'hit' | 'miss' | 'shared') => void = () => undefined,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  get enabled(): boolean {
    return this.settings.maxAgeMs > 0;
  }

  /** The valid answer for `key`, or null. */
  lookup(key: string, owners: readonly string[]): Entry | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.stamp !== this.generations.stamp(owners) || this.clock() - entry.storedAt > this.settings.maxAgeMs) {
      this.remove(key);
      return null;
    }
    this.counted('hit');
    // Most recently used last.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  /** The read of `key` under way with the current stamp (concurrent misses wait for it), if any. */
  pending(key: string, owners: readonly string[]): Promise<Entry | null> | undefined {
    const under = this.reading.get(`${this.generations.stamp(owners)}|${key}`);
    if (under) this.counted('shared');
    return under;
  }

  /**
   * Starts the read of `key` (the caller reads; `finish` with its answer, or null when it is not to be
   * kept): concurrent misses share it, and the answer is stored if no write moved the stamp meanwhile.
   */
  begin(key: string, owners: readonly string[]): { stamp: string; finish: (entry: Entry | null) => void } {
    const stamp = this.generations.stamp(owners);
    const slot = `${stamp}|${key}`;
    let settle: (entry: Entry | null) => void = () => undefined;
    this.reading.set(slot, new Promise<Entry | null>((resolve) => (settle = resolve)));
    this.counted('miss');
    let finished = false;
    return {
      stamp,
      finish: (entry) => {
        if (finished) return;
        finished = true;
        this.reading.delete(slot);
        if (entry && entry.stamp === this.generations.stamp(owners)) this.store(key, entry);
        settle(entry);
      },
    };
  }

  entry(stamp: string, json: string, headers: Entry['headers']): Entry {
    return { stamp, storedAt: this.clock(), json, headers };
  }

  private store(key: string, entry: Entry): void {
    if (entry.json.length > this.settings.maxChars / 4) return; // one answer never takes most of the cache
    this.remove(key);
    this.entries.set(key, entry);
    this.chars += entry.json.length;
    for (const [oldest] of this.entries) {
      if (this.chars <= this.settings.maxChars) break;
      this.remove(oldest);
    }
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.chars -= entry.json.length;
  }
}

const JSON_TYPE = 'application/json; charset=utf-8';

/** Serves `@CachedRead` routes from the `ReadCache` (a global interceptor: it runs outside every route's own). */
@Injectable()
export class ReadCacheInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly cache: ReadCache,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const owners = this.reflector.get<string[] | undefined>(CACHED_READ, context.getHandler());
    if (!owners || !this.cache.enabled || context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request>();
    const response = context.switchToHttp().getResponse<Response>();
    if (request.method !== 'GET' || request.headers.authorization || request.headers.cookie) return next.handle();
    const key = request.originalUrl;
    const send = (entry: Entry) => {
      for (const [name, value] of entry.headers) response.setHeader(name, value);
      response.setHeader('Content-Type', JSON_TYPE);
      return entry.json;
    };
    const hit = this.cache.lookup(key, owners);
    if (hit) return of(send(hit));
    const pending = this.cache.pending(key, owners);
    // The read under way answers; if its answer is not kept (an error, not JSON), this caller reads for itself.
    if (pending) return from(pending).pipe(mergeMap((entry) => (entry ? of(send(entry)) : next.handle())));
    const { stamp, finish } = this.cache.begin(key, owners);
    const before = new Set(response.getHeaderNames());
    return next.handle().pipe(
      map((body) => {
        if (body === null || typeof body !== 'object' || response.headersSent || response.statusCode !== 200) {
          finish(null);
          return body;
        }
        const headers = response
          .getHeaderNames()
          .filter((name) => !before.has(name))
          .flatMap((name): Entry['headers'] => {
            const value = response.getHeader(name);
            return value === undefined ? [] : [[name, value]];
          });
        const entry = this.cache.entry(stamp, JSON.stringify(body), headers);
        finish(entry);
        return send(entry);
      }),
      finalize(() => finish(null)),
    );
  }
}
