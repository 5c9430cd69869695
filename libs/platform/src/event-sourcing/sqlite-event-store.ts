import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { GENESIS_HASH, type EventEnvelope } from '@gongkai/contracts';
import { DomainError } from '../errors/domain-error';
import { sealedText } from './hash-chain';
import type { AppendResult, EventStore, ExpectedRevision, NewEvent, ReadAllOptions, StoredEvent, StreamHead, SubscriptionOptions } from './event-store';
import { pollingSubscription } from './polling-subscription';

/**
 * The embedded event store: one SQLite file in WAL mode. `position` is an AUTOINCREMENT key, so
 * global positions strictly increase and are never reused, even across processes sharing the file.
 */
export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly appended = new EventEmitter();
  private readonly statements;
  private readonly appendImmediate: (streamId: string, events: NewEvent[], expected: ExpectedRevision) => StoredEvent[];

  constructor(readonly file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 10000');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS events (
        position INTEGER PRIMARY KEY AUTOINCREMENT,
        event_id TEXT NOT NULL UNIQUE,
        stream_id TEXT NOT NULL,
        stream_revision INTEGER NOT NULL,
        hash TEXT NOT NULL,
        envelope TEXT NOT NULL,
        UNIQUE (stream_id, stream_revision)
      );
    `);
    this.statements = {
      head: this.db.prepare<[string], { stream_revision: number; hash: string }>(
        'SELECT stream_revision, hash FROM events WHERE stream_id = ? ORDER BY stream_revision DESC LIMIT 1',
      ),
      insert: this.db.prepare(
        'INSERT INTO events (event_id, stream_id, stream_revision, hash, envelope) VALUES (?, ?, ?, ?, ?)',
      ),
      readStream: this.db.prepare<[string], { position: number; envelope: string }>(
        'SELECT position, envelope FROM events WHERE stream_id = ? ORDER BY stream_revision',
      ),
      readAll: this.db.prepare<[number, number], { position: number; envelope: string }>(
        'SELECT position, envelope FROM events WHERE position > ? ORDER BY position LIMIT ?',
      ),
      headPosition: this.db.prepare<[], { position: number | null }>('SELECT MAX(position) AS position FROM events'),
      streamHeads: this.db.prepare<[], { stream_id: string; stream_revision: number; hash: string }>(
        `SELECT e.stream_id, e.stream_revision, e.hash FROM events e
         JOIN (SELECT stream_id, MAX(stream_revision) AS rev FROM events GROUP BY stream_id) h
           ON h.stream_id = e.stream_id AND h.rev = e.stream_revision
         ORDER BY e.stream_id`,
      ),
    };
    this.appended.setMaxListeners(0);
    // BEGIN IMMEDIATE: the head read and the inserts happen under one write lock, also across processes.
    this.appendImmediate = this.db.transaction(this.appendTransaction.bind(this)).immediate;
  }

  private appendTransaction(streamId: string, events: NewEvent[], expected: ExpectedRevision): StoredEvent[] {
    const head = this.statements.head.get(streamId);
    const current = head ? head.stream_revision : -1;
    if (expected !== 'any' && expected !== current) {
      throw DomainError.conflict(
        'WRONG_EXPECTED_REVISION',
        `数据已被他人修改（期望版本 ${expected}，当前版本 ${current}），请刷新后重试。`,
        { streamId, expectedRevision: expected, actualRevision: current },
      );
    }
    let prevHash = head ? head.hash : GENESIS_HASH;
    const recordedAt = new Date().toISOString();
    const sealed: StoredEvent[] = new Array(events.length);
    for (let index = 0; index < events.length; index += 1) {
      const event = events[index];
      // Built once and completed in place; stored as the canonical JSON that was hashed, plus the hash.
      const envelope = {
        eventId: event.eventId,
        type: event.type,
        schemaVersion: event.schemaVersion,
        streamId,
        streamRevision: current + 1 + index,
        recordedAt,
        occurredAt: event.occurredAt,
        actor: event.actor,
        correlationId: event.correlationId,
        causationId: event.causationId,
        data: event.data,
        prevHash,
        hash: '',
      } as StoredEvent;
      const { hash, text } = sealedText(envelope);
      envelope.hash = hash;
      const { lastInsertRowid } = this.statements.insert.run(envelope.eventId, streamId, envelope.streamRevision, hash, text);
      envelope.globalPosition = Number(lastInsertRowid);
      sealed[index] = envelope;
      prevHash = envelope.hash;
    }
    return sealed;
  }

  async append(streamId: string, events: NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    if (events.length === 0) throw new Error('append needs at least one event');
    const sealed = this.appendImmediate(streamId, events, expectedRevision);
    this.appended.emit('appended');
    return { nextExpectedRevision: sealed[sealed.length - 1].streamRevision, events: sealed };
  }

  async readStream(streamId: string): Promise<StoredEvent[]> {
    return this.statements.readStream.all(streamId).map(toEnvelope);
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    return this.statements.readAll.all(options.after ?? 0, options.limit ?? 1000).map(toEnvelope);
  }

  async headPosition(): Promise<number> {
    return this.statements.headPosition.get()?.position ?? 0;
  }

  async streamHeads(): Promise<StreamHead[]> {
    return this.statements.streamHeads
      .all()
      .map((row) => ({ streamId: row.stream_id, revision: row.stream_revision, hash: row.hash }));
  }

  subscribe(after: number, onEvents: (events: StoredEvent[]) => Promise<void>, options: SubscriptionOptions = {}): () => Promise<void> {
    return pollingSubscription(
      this,
      after,
      onEvents,
      { batchSize: options.batchSize ?? 500, idleMs: 200, retryMs: 1000, onError: options.onError },
      {
        on: (listener) => {
          this.appended.on('appended', listener);
          return () => this.appended.off('appended', listener);
        },
      },
    );
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  /** For tamper tests and the audit tool only: the raw table, bypassing every rule. */
  get rawDatabase(): Database.Database {
    return this.db;
  }
}

function toEnvelope(row: { position: number; envelope: string }): StoredEvent {
  const parsed: unknown = JSON.parse(row.envelope);
  if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
    // A fresh object from JSON.parse: completing it in place gives what a copy would, without the copy.
    (parsed as StoredEvent).globalPosition = row.position;
    return parsed as StoredEvent;
  }
  return { ...(parsed as EventEnvelope), globalPosition: row.position }; // a tampered row: as it always was
}
