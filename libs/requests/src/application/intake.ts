import { v7 as uuidv7 } from 'uuid';
import type { RequestChannel, RequestReceived } from '@gongkai/contracts';
import { PROVISIONAL_DUE_NOTE } from '@gongkai/contracts/vocabulary';
import {
  asTyped,
  DomainError,
  type BlobRef,
  type BlobStore,
  type CommandContext,
  type CommandHandler,
  type TypedEnvelope,
} from '@gongkai/platform';
import { toShanghaiDate, type LocalDate, type WorkingDayCalendar } from '@gongkai/working-days';
import { receiptBasis } from '../domain/legal-basis';
import { REPLY_WORKING_DAYS, requestStreamId } from '../domain/request';
import { requestDecider, type ReceiveRequest } from '../domain/request.decide';
import type { RequestsProjection } from '../read-models/requests.projection';
import type { RequestsUnitsProjection } from '../read-models/units.projection';
import { identityDigest, maskIdNumber, newTrackingCode, similarity, trackingCodeHash, type RequestsSettings } from './settings';
import type { ApplicantPersonalData } from './personal-data';

/** A description this similar to an earlier, closed request of the same applicant marks a possible repeat (Art. 36 (6)). */
export const REPEAT_SIMILARITY = 0.6;

type Applicant = Omit<ReceiveRequest['applicant'], 'idDocument'> & {
  idDocument?: { kind: NonNullable<ReceiveRequest['applicant']['idDocument']>['kind']; number: string };
};

/** A request as the applicant fills it in on the portal: the ID number in clear, not yet masked. */
export interface OnlineSubmission {
  unitId: string;
  applicant: Applicant;
  description: string;
  purpose?: string;
  preferredForm: ReceiveRequest['preferredForm'];
  delivery: ReceiveRequest['delivery'];
}

/** A request registered by staff: how it came in and the day it counts as received (Art. 31). */
export interface CounterSubmission extends OnlineSubmission {
  channel: RequestChannel;
  receivedOn: string;
  /** 补录: why the request is registered only now (its receipt date may then be older than 60 days). */
  backEntryReason?: string;
  /** The scanned application, already in the file store (`POST /api/requests/scans`). */
  scan?: BlobRef;
  jointApplicants?: ReceiveRequest['jointApplicants'];
}

/** What intake needs of the file store: whether the scan a registration names was uploaded. */
export type ScanStore = Pick<BlobStore, 'stat'>;

/** What the applicant is given on receipt: the tracking code (shown once, only its hash is kept) and the due date. */
export interface IntakeReceipt {
  requestId: string;
  trackingCode: string;
  receivedOn: string;
  dueOn: LocalDate;
  dueOnProvisional: boolean;
  notice: string;
}

/**
 * The applicant's identity key: a keyed hash (HMAC) of the ID document, or of the name and a
 * contact when there is none. It links the same applicant's requests (repeats, 按件 fees) without
 * keeping the number.
 */
export function applicantKeyOf(key: Buffer, applicant: Applicant): string {
  return applicant.idDocument
    ? identityDigest(key, `${applicant.idDocument.kind}:${applicant.idDocument.number}`)
    : identityDigest(key, `${applicant.name}:${applicant.phone ?? applicant.email ?? applicant.address ?? ''}`);
}

/** The units the requests service knows (its read model of the catalogue's unit events). */
export type KnownUnits = Pick<RequestsUnitsProjection, 'exists'>;

/**
 * Refuses a unit the catalogue has not registered: a request filed with it would start a statutory
 * clock no one can stop. Reads the units read model, so it is eventually consistent: a unit registered
 * moments ago may be refused until the consumer has caught up (the message says to retry).
 */
export async function unitHandlesRequests(units: KnownUnits, unitId: string): Promise<void> {
  if (!(await units.exists(unitId))) {
    throw DomainError.rule(
      'UNIT_UNKNOWN',
      `单位“${unitId}”不存在或尚未登记，不能受理或移交政府信息公开申请。如该单位刚刚登记，请稍后重试。`,
      {
        unitId,
      },
    );
  }
}

/**
 * Intake (Art. 29–31): online on the portal, on paper, by letter, by fax or in person at the
 * counter. Keys the applicant, points at possible repeats, issues the tracking code and records the
 * receipt; the receipt states the due date the decider recorded.
 */
export class RequestIntake {
  constructor(
    private readonly commands: CommandHandler,
    private readonly requests: RequestsProjection,
    private readonly settings: RequestsSettings,
    private readonly calendar: WorkingDayCalendar,
    private readonly units: KnownUnits,
    private readonly scans?: ScanStore,
    /** Seals a registration's scan with the applicant's key (crypto-shredding of the file, issue 19). */
    private readonly scanSealer?: Pick<ApplicantPersonalData, 'sealScan' | 'dropUpload'>,
  ) {}

  /** On the portal: received the day it is submitted (Beijing time), the system confirming at once. */
  submitOnline(submission: OnlineSubmission, context: CommandContext): Promise<{ receipt: IntakeReceipt; revision: number }> {
    const receivedOn = toShanghaiDate(context.now);
    return this.receive({ ...submission, channel: 'online', receivedOn }, receiptBasis('portal'), context);
  }

  /** At the counter: staff record the channel and the day it counts as received. */
  async register(
    submission: CounterSubmission,
    context: CommandContext,
    /** A request number chosen by the caller (an import, so that a re-run never registers a row twice). */
    requestId?: string,
  ): Promise<{ receipt: IntakeReceipt; revision: number }> {
    const { scan } = submission;
    if (!scan) return this.receive(submission, receiptBasis(submission.channel), context, requestId);
    const stored = this.scans ? await this.scans.stat(scan.sha256) : null;
    if (!stored || stored.size !== scan.size) {
      throw DomainError.validation('SCAN_NOT_UPLOADED', '申请书扫描件尚未上传或已损坏，请重新上传后再登记。');
    }
    // The event records the scan sealed with the applicant's key; the upload in clear goes once it is recorded.
    const sealed = this.scanSealer
      ? await this.scanSealer.sealScan(scan, applicantKeyOf(this.settings.identityKey, submission.applicant))
      : scan;
    const received = await this.receive({ ...submission, scan: sealed }, receiptBasis(submission.channel), context, requestId);
    if (sealed !== scan) await this.scanSealer?.dropUpload(scan.sha256);
    return received;
  }

  /** The applicant's earlier closed requests to the same unit that ask for much the same (at most 20). */
  async possibleRepeats(applicantKey: string, unitId: string, description: string): Promise<string[]> {
    const earlier = await this.requests.applicantRequests(applicantKey, unitId);
    return earlier
      .filter((r) => r.closedOn && similarity(r.description, description) >= REPEAT_SIMILARITY)
      .map((r) => r.requestId)
      .slice(0, 20);
  }

  private async receive(
    submission: CounterSubmission,
    basis: string,
    context: CommandContext,
    givenRequestId?: string,
  ): Promise<{ receipt: IntakeReceipt; revision: number }> {
    await unitHandlesRequests(this.units, submission.unitId);
    const { applicant, receivedOn, backEntryReason, ...rest } = submission;
    const { idDocument, ...identity } = applicant;
    const key = this.settings.identityKey;
    const applicantKey = applicantKeyOf(key, applicant);
    const trackingCode = newTrackingCode();
    const requestId = givenRequestId ?? uuidv7();
    const result = await this.commands.handle(
      requestDecider(this.calendar),
      requestStreamId(requestId),
      {
        type: 'ReceiveRequest',
        today: toShanghaiDate(context.now),
        ...rest,
        requestId,
        receivedOn: receivedOn as LocalDate,
        receiptBasis: basis,
        applicant: {
          ...identity,
          ...(idDocument
            ? {
                idDocument: {
                  kind: idDocument.kind,
                  masked: maskIdNumber(idDocument.number),
                  digest: identityDigest(key, `${idDocument.kind}:${idDocument.number}`),
                },
              }
            : {}),
        },
        applicantKey,
        trackingCodeHash: trackingCodeHash(trackingCode),
        possibleRepeatOf: await this.possibleRepeats(applicantKey, submission.unitId, submission.description),
        ...(backEntryReason ? { backEntry: { enteredBy: context.actor.userId, reason: backEntryReason } } : {}),
      },
      context,
    );
    // The due date the decider recorded in RequestReceived: the receipt states exactly that.
    // Never null on receipt: the clock runs, unpaused, from the receipt date.
    const due = asTyped<TypedEnvelope<'requests.RequestReceived', RequestReceived>>(result.events[0]).data.dueOn as LocalDate;
    const dueOnProvisional = this.calendar.isProvisional(due);
    return {
      revision: result.revision,
      receipt: {
        requestId,
        trackingCode,
        receivedOn,
        dueOn: due,
        dueOnProvisional,
        notice:
          `已收到您的申请，收到日期为 ${receivedOn}，本机关将在 ${REPLY_WORKING_DAYS} 个工作日内（${due} 前）答复。` +
          (dueOnProvisional ? PROVISIONAL_DUE_NOTE : '') +
          '请妥善保存查询码，凭查询码可查询办理进度。',
      },
    };
  }
}
