import { REQUEST_APPLICANT_MARKING, type PersonalDataErasureReason } from '@gongkai/contracts';
import { seesPersonalData } from '@gongkai/contracts/vocabulary';
import {
  decryptBytes,
  DomainError,
  encryptBytes,
  isSealedBytes,
  NO_PERSONAL_DATA_ACCESS,
  sealedBytesKeyId,
  ownPersonalData,
  revealSealed,
  subjectIdOf,
  systemContext,
  unitActionError,
  type CommandContext,
  type CommandHandler,
  type PersonalDataAccess,
  type BlobStore,
  type PersonalDataKeys,
} from '@gongkai/platform';
import { toShanghaiDate, type LocalDate, type WorkingDayCalendar } from '@gongkai/working-days';
import { requestStreamId } from '../domain/request';
import { requestDecider, type RequestCommand } from '../domain/request.decide';
import { retentionEndsOn } from '../domain/request.erasure';
import type { RequestsProjection, RequestView } from '../read-models/requests.projection';

/** The personal fields of a stored request (sealed in the read model) and the key naming their subject. */
export type ApplicantFields = Pick<RequestView, 'applicant' | 'applicantKey' | 'jointApplicants'> & Partial<Pick<RequestView, 'scan'>>;

/** What the scanned applications need of the file store: sealed with the applicant's key, deleted with the applicant. */
export type ScanFiles = Pick<BlobStore, 'delete' | 'getBytes' | 'putOpaque'>;

/** A scanned application as the event records it. */
export type ScanRef = NonNullable<RequestView['scan']>;

/** Who reads: a person by role, or the service itself (a notice it sends, a letter it prints for staff). */
export type PersonalDataReader = { role: string } | 'service';

/** The erasure of one applicant: the requests it was recorded on, and the day. */
export interface ApplicantErasure {
  requestIds: string[];
  reason: PersonalDataErasureReason;
  erasedOn: string;
  retentionEndedOn?: string;
}

/** The subject id of an applicant's key in the key store (`requests.applicant/<applicantKey>`). */
export const applicantSubjectId = (applicantKey: string): string => subjectIdOf(REQUEST_APPLICANT_MARKING.scope, applicantKey);

/**
 * The applicant's personal data in the requests service (issue 19): the ONE way to read it, and its
 * erasure. The requests read model keeps the applicant's name, contacts, address and masked ID
 * document sealed (the event's ciphertext, `enc:v1:…`); `revealApplicant` opens them for a reader with
 * the right (the unit's staff, the district office, the service itself), reads `已脱敏` for the others
 * (auditors, admins) and `已删除` once the applicant's key is erased. Mail notices, counter
 * registration, letters and the case view all read the applicant through it.
 *
 * Erasure deletes the applicant's key (crypto-shredding): the data is then unreadable in the event
 * store, on Kafka, in the read models and in every copy, while the events, their hashes and the case's
 * facts (dates, category, legal basis, the annual report's figures) stay. The key is the applicant's
 * (the identity key links their requests at every unit), so one erasure covers all their requests and
 * is recorded on each (`requests.PersonalDataErased`).
 */
export class ApplicantPersonalData {
  constructor(
    private readonly keys: PersonalDataKeys | null,
    private readonly commands: CommandHandler,
    private readonly requests: RequestsProjection,
    private readonly calendar: WorkingDayCalendar,
    private readonly retentionYears: number,
    private readonly scanFiles: ScanFiles | null = null,
  ) {}

  /** The access of a reader: the service and the roles with the right read clear text, the others `已脱敏`. */
  accessOf(reader: PersonalDataReader): PersonalDataAccess {
    const allowed = reader === 'service' || seesPersonalData(reader.role);
    return allowed && this.keys ? ownPersonalData(this.keys, 'requests') : NO_PERSONAL_DATA_ACCESS;
  }

  /** A stored request (or any object with its applicant fields) with the applicant as `reader` may read it. */
  async revealApplicant<V extends ApplicantFields>(view: V, reader: PersonalDataReader): Promise<V> {
    const subjectId = applicantSubjectId(view.applicantKey);
    const access = this.accessOf(reader);
    const applicant = await revealSealed(view.applicant, subjectId, access);
    const jointApplicants = view.jointApplicants && (await revealSealed(view.jointApplicants, subjectId, access));
    const scan = view.scan && (await revealSealed(view.scan, subjectId, access));
    return { ...view, applicant, ...(jointApplicants ? { jointApplicants } : {}), ...(scan ? { scan } : {}) };
  }

  /**
   * The uploaded scan sealed with the applicant's key (crypto-shredding of the file, issue 19): the
   * file store keeps the sealed bytes, whose hash and size the event records (so `verify` checks what
   * is stored, before and after an erasure), with the scan's type and name. The caller deletes the
   * upload once the request is recorded (`dropUpload`).
   */
  async sealScan<S extends ScanRef>(scan: S, applicantKey: string): Promise<S> {
    if (!this.keys || !this.scanFiles) throw new Error('scans without a personal-data key store or file store');
    const plain = await this.scanFiles.getBytes(scan.sha256);
    if (!plain) throw DomainError.validation('SCAN_NOT_UPLOADED', '申请书扫描件尚未上传或已损坏，请重新上传后再登记。');
    const key = await this.keys.getOrCreate(applicantSubjectId(applicantKey));
    const stored = await this.scanFiles.putOpaque(encryptBytes(key, plain));
    return { ...scan, sha256: stored.sha256, size: stored.size };
  }

  /** The upload in clear, once its sealed copy is recorded: nothing of it stays readable without the key. */
  async dropUpload(sha256: string): Promise<void> {
    await this.scanFiles?.delete(sha256);
  }

  /**
   * A stored scan's bytes as `reader` may read them: a sealed scan opened with the applicant's living
   * key; refused (403) to a reader without the right, gone (404) once the applicant is erased. A scan
   * stored before scans were sealed comes as it is.
   */
  async openScan(view: ApplicantFields, stored: Buffer, reader: PersonalDataReader): Promise<Buffer> {
    if (!isSealedBytes(stored)) return stored;
    const access = this.accessOf(reader);
    if (!access.keys) throw DomainError.forbidden('SCAN_WITHHELD', '申请书扫描件含申请人的个人信息，您的角色无权查阅。');
    const key = await access.keys.get(applicantSubjectId(view.applicantKey));
    if (!key || key.keyId !== sealedBytesKeyId(stored))
      throw DomainError.notFound('SCAN_ERASED', '该申请书扫描件已随申请人的个人信息删除。');
    return decryptBytes(key, stored);
  }

  /**
   * The office head erases the applicant of a request, on the person's request or by court order,
   * with the reason recorded. Refused (nothing erased) while any request of the applicant still needs
   * the data: open, or under an undecided reconsideration or lawsuit — except by court order.
   */
  async eraseOnRequest(
    requestId: string,
    reason: Exclude<PersonalDataErasureReason, 'retention'>,
    note: string,
    context: CommandContext,
  ): Promise<ApplicantErasure> {
    const view = await this.requests.get(requestId);
    if (!view) throw DomainError.notFound('REQUEST_NOT_FOUND', '该政府信息公开申请不存在。');
    const refused = unitActionError(context.actor, view.unitId);
    if (refused) throw refused;
    const erased = await this.erase(view.applicantKey, { reason, note }, context);
    if (erased.requestIds.length === 0) throw DomainError.conflict('PERSONAL_DATA_ALREADY_ERASED', '该申请人的个人信息已删除。');
    return erased;
  }

  /**
   * The retention job: every applicant whose period (`REQUESTS_APPLICANT_RETENTION_YEARS` after the
   * last of their requests was archived, or closed) ended before `today` is erased, by the system,
   * with the reason `retention` and the day the period ended. Applicants with an open request or an
   * undecided challenge are kept. Returns what it erased.
   */
  async eraseExpired(now: Date = new Date()): Promise<ApplicantErasure[]> {
    const today = toShanghaiDate(now);
    const byApplicant = new Map<string, RequestView[]>();
    for (const r of await this.requests.find({})) byApplicant.set(r.applicantKey, [...(byApplicant.get(r.applicantKey) ?? []), r]);
    await this.shredRestoredKeys(byApplicant);
    const erased: ApplicantErasure[] = [];
    for (const [applicantKey, requests] of byApplicant) {
      if (requests.every((r) => r.personalDataErased)) continue;
      const endsOn = retentionEndsOn(
        requests.map((r) => ({
          status: r.status,
          closedOn: r.closedOn,
          archivedOn: r.archive?.archivedOn ?? null,
          challengeOpen: r.challenges.some((c) => !c.decidedOn),
        })),
        this.retentionYears,
      );
      if (!endsOn || endsOn >= today) continue;
      const context = systemContext('requests.personal-data-retention', null, now);
      const erasure = await this.erase(applicantKey, { reason: 'retention', retentionEndedOn: endsOn }, context);
      // Erased moments ago, before the read model showed it: nothing new was recorded.
      if (erasure.requestIds.length > 0) erased.push(erasure);
    }
    return erased;
  }

  /**
   * A key store restored from a backup taken before an erasure holds the erased key again: any
   * living key of an applicant created before their latest recorded erasure is such a key, and is
   * deleted again (docs/operations.md §6). A key created after it (the applicant came back with a
   * new request) is left alone. Returns the subjects shredded again.
   */
  async shredRestoredKeys(byApplicant?: Map<string, RequestView[]>): Promise<string[]> {
    if (!this.keys) return [];
    const requests =
      byApplicant ?? new Map((await this.requests.find({ personalDataErased: { $ne: null } })).map((r) => [r.applicantKey, [r]]));
    const erasedAt = new Map<string, string>();
    for (const [applicantKey, views] of requests) {
      for (const view of views) {
        const at = view.personalDataErased ? view.history.findLast((h) => h.type === 'PersonalDataErased')?.at : undefined;
        if (at && at > (erasedAt.get(applicantKey) ?? '')) erasedAt.set(applicantKey, at);
      }
    }
    if (erasedAt.size === 0) return [];
    const shredded: string[] = [];
    for (const record of await this.keys.list({ scope: REQUEST_APPLICANT_MARKING.scope, shredded: false })) {
      const at = erasedAt.get(record.subjectId.slice(REQUEST_APPLICANT_MARKING.scope.length + 1));
      if (at && record.createdAt.getTime() < Date.parse(at) && (await this.keys.shred(record.subjectId))) shredded.push(record.subjectId);
    }
    return shredded;
  }

  /**
   * The scanned applications of the applicant's requests are deleted from the file store (their bytes
   * show the person): `verify` then reports them as erased with the applicant, not as missing. A file
   * another applicant's request also names (the same bytes) is kept.
   */
  private async deleteScans(theirs: readonly RequestView[], applicantKey: string): Promise<void> {
    if (!this.scanFiles) return;
    for (const sha256 of new Set(theirs.flatMap((r) => (r.scan ? [r.scan.sha256] : [])))) {
      const sharers = await this.requests.find({ 'scan.sha256': sha256 });
      if (sharers.every((r) => r.applicantKey === applicantKey)) await this.scanFiles.delete(sha256);
    }
  }

  /**
   * Records the erasure on every request of the applicant not yet erased, then deletes the key. Every
   * request is decided first, so a refusal on one erases nothing. The requests are those of the read
   * model (a request received moments ago may not be there yet: its data goes with the key all the
   * same). Returns the requests the erasure was recorded on (none when all were erased already).
   */
  private async erase(
    applicantKey: string,
    what: { reason: PersonalDataErasureReason; note?: string; retentionEndedOn?: LocalDate },
    given: CommandContext,
  ): Promise<ApplicantErasure> {
    // One erasure over several streams: the revision a client saw of one case does not bind the others.
    const { expectedRevision: _seen, ...context } = given;
    const decider = requestDecider(this.calendar);
    const today = toShanghaiDate(context.now);
    const command: RequestCommand = { type: 'ErasePersonalData', today, ...what };
    const pending: string[] = [];
    const theirs = await this.requests.find({ applicantKey });
    for (const { requestId } of theirs) {
      const { state } = await this.commands.load(decider, requestStreamId(requestId));
      const decision = decider.decide(command, state);
      if (decision instanceof DomainError) throw decision;
      if (decision.length > 0) pending.push(requestId);
    }
    for (const requestId of pending) await this.commands.handle(decider, requestStreamId(requestId), command, context);
    if (!this.keys) throw new Error('the requests service has no personal-data key store');
    await this.keys.shred(applicantSubjectId(applicantKey));
    await this.deleteScans(theirs, applicantKey);
    return {
      requestIds: pending,
      reason: what.reason,
      erasedOn: today,
      ...(what.retentionEndedOn ? { retentionEndedOn: what.retentionEndedOn } : {}),
    };
  }
}
