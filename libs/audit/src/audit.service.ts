import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ANCHOR_STREAM_ID, type Actor } from '@gongkai/contracts';
import { seesPersonalData } from '@gongkai/contracts/vocabulary';
import {
  AnchorRecorder,
  ConsumerRegistry,
  DomainError,
  EVENT_STORE,
  GONGKAI_CONFIG,
  LOGGER,
  NO_PERSONAL_DATA_ACCESS,
  PERSONAL_DATA_KEYS,
  ReadModelConnections,
  SYSTEM_ACTOR,
  verifyRecord,
  type AnchorEvent,
  type AnchorTrigger,
  type EventStore,
  type ExternalRoot,
  type GongkaiConfig,
  type Logger,
  type PersonalDataKeys,
  type Projection,
  type RecordVerification,
  type BlobStore,
  type FileVerification,
  BLOB_STORE,
  verifyFiles,
} from '@gongkai/platform';
import { anchorText } from './anchor-text';
import { exportLines, type ExportSelection } from './export';
import { decisionTimeline } from './history';
import {
  compareDocuments,
  readModelDocuments,
  replayProjectionInto,
  temporaryDatabase,
  type DocumentDifference,
  type ReadModelDocument,
  type ReplayReport,
} from './replay';

/** `AUDIT_ANCHOR_INTERVAL_S`: seconds between periodic anchors; 0 turns them off. Default one hour. */
export function anchorIntervalSeconds(env: Record<string, string | undefined> = process.env): number {
  const raw = env.AUDIT_ANCHOR_INTERVAL_S;
  if (raw === undefined || raw === '') return 3600;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`Configuration error: AUDIT_ANCHOR_INTERVAL_S must be a whole number of seconds ≥ 0, got "${raw}"`);
  return value;
}

/**
 * `as-of` dates: an ISO timestamp, or a calendar day `YYYY-MM-DD` meaning the end of that day in
 * China Standard Time (UTC+8), when the district's offices close their books.
 */
export function parseAsOf(value: string): Date {
  const text = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T23:59:59.999+08:00` : value;
  const at = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(at.getTime())) {
    throw DomainError.validation('BAD_DATE', `日期 ${value} 无效，应为 YYYY-MM-DD 或 ISO 8601 时间。`);
  }
  return at;
}

export interface AsOfResult {
  readModel: string;
  at: string;
  replay: ReplayReport;
  /** Replayed in memory, then written to the temporary database in bulk (false: event by event into it). */
  inMemory: boolean;
  documents: Record<string, ReadModelDocument[]>;
}

export interface CompareResult {
  readModel: string;
  replay: ReplayReport;
  inMemory: boolean;
  documents: number;
  differences: DocumentDifference[];
}

/** `verify`: the record's integrity and the files'. */
export type AuditVerification = RecordVerification & { files: FileVerification };

/** The auditors' capabilities, shared by the CLI and the HTTP API. Everything here only reads, except `anchor`. */
@Injectable()
export class AuditService implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly recorder: AnchorRecorder;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    @Inject(EVENT_STORE) readonly store: EventStore,
    @Inject(GONGKAI_CONFIG) private readonly config: GongkaiConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly registry: ConsumerRegistry,
    private readonly connections: ReadModelConnections,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    @Inject(PERSONAL_DATA_KEYS) private readonly personalData: PersonalDataKeys | null,
  ) {
    this.recorder = new AnchorRecorder(store);
  }

  onApplicationBootstrap(): void {
    const seconds = anchorIntervalSeconds();
    if (seconds === 0) return;
    this.timer = setInterval(() => {
      this.running = this.anchor(SYSTEM_ACTOR, 'schedule').then(
        (anchor) => anchor && this.logger.info({ root: anchor.data.root, position: anchor.data.position }, 'anchor recorded'),
        (error: Error) => this.logger.error({ err: error }, 'anchor failed'),
      );
    }, seconds * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Records an anchor over the current heads; null when nothing happened since the last one. */
  anchor(actor: Actor, trigger: AnchorTrigger, force = false): Promise<AnchorEvent | null> {
    return this.recorder.record(actor, trigger, { force });
  }

  async anchors(): Promise<AnchorEvent[]> {
    return (await this.store.readStream(ANCHOR_STREAM_ID)) as AnchorEvent[];
  }

  anchorText = anchorText;

  /** The record (chains, anchors, published roots) and every file an event refers to (read back and hashed again). */
  async verify(external: ExternalRoot[] = []): Promise<AuditVerification> {
    const record = await verifyRecord(this.store, { external });
    const files = await verifyFiles(this.store, this.blobs);
    return { ...record, ok: record.ok && files.findings.length === 0, files };
  }

  /** The decision timeline, read as `role` may read it: personal data in clear only for the roles with the right (`seesPersonalData`). */
  history(target: string, role: string) {
    const access = seesPersonalData(role) && this.personalData ? { keys: this.personalData } : NO_PERSONAL_DATA_ACCESS;
    return decisionTimeline(this.store, target, access);
  }

  exportLines(selection: ExportSelection) {
    return exportLines(this.store, selection);
  }

  readModels(): Projection[] {
    return this.registry.projections();
  }

  readModel(name: string): Projection {
    const projections = this.readModels();
    const found = projections.find((p) => p.name === name);
    if (!found) {
      throw DomainError.notFound('READ_MODEL_NOT_FOUND', `读模型 ${name} 不存在；现有：${projections.map((p) => p.name).join('、')}。`);
    }
    return found;
  }

  /** The read model as it stood at `at`: replayed into a temporary database, read, then dropped. */
  async asOf(name: string, at: Date): Promise<AsOfResult> {
    const projection = this.readModel(name);
    const temporary = await temporaryDatabase(this.config.MONGODB_URL, this.config.MONGODB_DB_PREFIX);
    try {
      const { projection: fresh, replay, inMemory } = await replayProjectionInto(this.store, projection, temporary.connection, at);
      return {
        readModel: name,
        at: at.toISOString(),
        replay,
        inMemory,
        documents: viewedAt(fresh, await readModelDocuments(fresh, temporary.connection), at),
      };
    } finally {
      await temporary.dispose();
    }
  }

  /** Replays the read model into a temporary database and compares it with the live one, document by document. */
  async compare(name: string): Promise<CompareResult> {
    const projection = this.readModel(name);
    const temporary = await temporaryDatabase(this.config.MONGODB_URL, this.config.MONGODB_DB_PREFIX);
    try {
      const { projection: fresh, replay, inMemory } = await replayProjectionInto(this.store, projection, temporary.connection);
      const replayed = await readModelDocuments(fresh, temporary.connection);
      const live = await readModelDocuments(projection, await this.connections.ready(ownerOf(name)));
      return {
        readModel: name,
        replay,
        inMemory,
        documents: Object.values(replayed).reduce((n, docs) => n + docs.length, 0),
        differences: compareDocuments(live, replayed),
      };
    } finally {
      await temporary.dispose();
    }
  }
}

/**
 * The documents as the service would have shown them at `at`: a projection's `viewAt` adds what the
 * service computes at reading time relative to the reading day (e.g. a request's remaining working
 * days), here relative to the as-of moment instead of today.
 */
export function viewedAt(
  projection: Projection,
  documents: Record<string, ReadModelDocument[]>,
  at: Date,
): Record<string, ReadModelDocument[]> {
  const view = projection.viewAt?.bind(projection);
  if (!view) return documents;
  return Object.fromEntries(
    Object.entries(documents).map(([collection, docs]) => [collection, docs.map((doc) => view(collection, doc, at))]),
  );
}

/** `catalogue.units` → `catalogue`: the owner of the read model's database. */
export const ownerOf = (readModel: string) => readModel.slice(0, readModel.indexOf('.'));
