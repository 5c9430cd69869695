import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { GENESIS_HASH, type EventEnvelope } from '@gongkai/contracts';
import { DomainError } from '../errors/domain-error';
import { newUtf8Arena, sealedUtf8 } from './hash-chain';
import type {
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  StoredEvent,
  StreamHead,
  SubscriptionOptions,
} from './event-store';
import { pollingSubscription } from './polling-subscription';

/**
 * The embedded event store: one SQLite file in WAL mode. `position` is an AUTOINCREMENT key, so
 * global positions strictly increase and are never reused, even across processes sharing the file.
 */
export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly appended = new EventEmitter();
  private readonly statements;
  /** Multi-row INSERTs by row count. The envelope is bound as the UTF-8 bytes that were hashed; CAST stores them as that TEXT. */
  private readonly inserts = new Map<number, Database.Statement<unknown[]>>();
  /** The envelopes' bytes of one append; SQLite copies them when binding, so the next append reuses it. */
  private readonly utf8 = newUtf8Arena();
  private readonly appendImmediate: (streamId: string, events: NewEvent[], expected: ExpectedRevision) => StoredEvent[];

  constructor(readonly file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    // First: services opening a fresh shared file at once contend for the lock that switching to WAL takes.
    this.db.pragma('busy_timeout = 10000');
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    // Envelopes are bound as UTF-8 bytes and CAST to TEXT, which reads them in the database's encoding.
    const encoding = this.db.pragma('encoding', { simple: true }) as string;
    if (encoding !== 'UTF-8') throw new Error(`event store ${file}: database encoding is ${encoding}, expected UTF-8`);
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
      // Rows as [position, envelope] arrays: no row object per event.
      readStream: this.db
        .prepare<[string], RawRow>('SELECT position, envelope FROM events WHERE stream_id = ? ORDER BY stream_revision')
        .raw(),
      readAll: this.db
        .prepare<[number, number], RawRow>('SELECT position, envelope FROM events WHERE position > ? ORDER BY position LIMIT ?')
        .raw(),
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
    // event_id, stream_id, stream_revision, hash, envelope (UTF-8) of each event, one after another.
    const values: (string | number | Buffer)[] = new Array(events.length * COLUMNS);
    this.utf8.offset = 0;
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
      const { hash, utf8 } = sealedUtf8(envelope, this.utf8);
      envelope.hash = hash;
      const at = index * COLUMNS;
      values[at] = envelope.eventId;
      values[at + 1] = streamId;
      values[at + 2] = envelope.streamRevision;
      values[at + 3] = hash;
      values[at + 4] = utf8;
      sealed[index] = envelope;
      prevHash = envelope.hash;
    }
    this.insertRows(values, sealed);
    return sealed;
  }

  /**
   * Inserts the events' rows with one multi-row INSERT per MAX_ROWS_PER_INSERT events and sets their
   * global positions. Under the write lock AUTOINCREMENT numbers the rows of one statement
   * consecutively, ending at `lastInsertRowid`.
   */
  private insertRows(values: (string | number | Buffer)[], sealed: StoredEvent[]): void {
    for (let done = 0; done < sealed.length;) {
      const count = Math.min(MAX_ROWS_PER_INSERT, sealed.length - done);
      const chunk = count === sealed.length ? values : values.slice(done * COLUMNS, (done + count) * COLUMNS);
      const last = Number(this.insertStatement(count).run(chunk).lastInsertRowid);
      for (let index = 0; index < count; index += 1) sealed[done + index].globalPosition = last - count + 1 + index;
      done += count;
    }
  }

  private insertStatement(rows: number): Database.Statement<unknown[]> {
    let statement = this.inserts.get(rows);
    if (statement === undefined) {
      const values = new Array<string>(rows).fill('(?, ?, ?, ?, CAST(? AS TEXT))').join(', ');
      statement = this.db.prepare(`INSERT INTO events (event_id, stream_id, stream_revision, hash, envelope) VALUES ${values}`);
      this.inserts.set(rows, statement);
    }
    return statement;
  }

  async append(streamId: string, events: NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    if (events.length === 0) throw new Error('append needs at least one event');
    const sealed = this.appendImmediate(streamId, events, expectedRevision);
    this.appended.emit('appended');
    return { nextExpectedRevision: sealed[sealed.length - 1].streamRevision, events: sealed };
  }

  async readStream(streamId: string): Promise<StoredEvent[]> {
    return toEnvelopes(this.statements.readStream.all(streamId));
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    return toEnvelopes(this.statements.readAll.all(options.after ?? 0, options.limit ?? 1000));
  }

  async headPosition(): Promise<number> {
    return this.statements.headPosition.get()?.position ?? 0;
  }

  async streamHeads(): Promise<StreamHead[]> {
    return this.statements.streamHeads.all().map((row) => ({ streamId: row.stream_id, revision: row.stream_revision, hash: row.hash }));
  }

  subscribe(after: number, onEvents: (events: StoredEvent[]) => Promise<void>, options: SubscriptionOptions = {}): () => Promise<void> {
    return pollingSubscription(
      options.reader ?? this,
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

const COLUMNS = 5;
/**
 * 100 rows of 5 values: well under SQLite's limit of 32766 bound values per statement. A statement
 * is prepared per row count when first needed, so at most this many are kept.
 */
const MAX_ROWS_PER_INSERT = 100;

/** A row of a `.raw()` statement selecting `position, envelope`. */
type RawRow = [position: number, envelope: string];

function toEnvelopes(rows: RawRow[]): StoredEvent[] {
  const events: StoredEvent[] = new Array(rows.length);
  for (let index = 0; index < rows.length; index += 1) events[index] = toEnvelope(rows[index][0], rows[index][1]);
  return events;
}

function toEnvelope(position: number, envelope: string): StoredEvent {
  const parsed: unknown = JSON.parse(envelope);
  if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
    // A fresh object from JSON.parse: completing it in place gives what a copy would, without the copy.
    (parsed as StoredEvent).globalPosition = position;
    return parsed as StoredEvent;
  }
  return { ...(parsed as EventEnvelope), globalPosition: position }; // a tampered row: as it always was
}
