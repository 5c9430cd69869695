import { createHmac, randomBytes, createHash } from 'node:crypto';
import type { GongkaiConfig } from '@gongkai/platform';
import type { RequestStatus } from '../domain/request';
import type { ReconsiderationFirst } from '../documents/letters';

/** Settings of the requests service, from the validated configuration (README: configuration). */
export interface RequestsSettings {
  /** Open cases with this many working days left or fewer are flagged. */
  nearDueDays: number;
  /** Whether the fee period stops the reply clock (unconfirmed rule, DOMAIN.md §3; default paused). */
  feePausesClock: boolean;
  /** A one-person office: the drafter of a reply may review it (recorded on the case). Default false. */
  allowSelfReview: boolean;
  /** The reconsideration body printed when a unit has no letter settings (行政复议法 Art. 24). */
  defaultReconsiderationBody: string;
  /** Which replies say 复议前置 (行政复议法 Art. 23): the withheld ones (default) or every refusal. */
  reconsiderationFirst: ReconsiderationFirst;
  /** Distinct applicants who obtained the same information → suggest proactive disclosure. */
  frequentThreshold: number;
  /** Internal working-day limit of each stage, shown against the statutory one. */
  stageLimits: Partial<Record<RequestStatus, number>>;
  /** Key of the applicant-identity HMAC. */
  identityKey: Buffer;
  /** Years an applicant's personal data is kept after their last request was archived or closed (REQUESTS_APPLICANT_RETENTION_YEARS). */
  applicantRetentionYears: number;
  /** Hours between runs of the retention job; 0 = off. */
  retentionCheckHours: number;
  /** What the district government's own annual report covers: the government and its office (default), or every unit. */
  districtReportScope: 'government' | 'all';
}

export const DEFAULT_STAGE_LIMITS: Partial<Record<RequestStatus, number>> = {
  registered: 1, // 接收 → 分办/移交
  in_progress: 10, // 办理
  under_review: 3, // 审核
  approved: 1, // 答复
  replied: 3, // 送达
  delivered: 5, // 归档
};

export const REQUESTS_SETTINGS = Symbol('REQUESTS_SETTINGS');

export function requestsSettingsFrom(config: GongkaiConfig): RequestsSettings {
  // loadConfig has already refused a configuration with neither key.
  const identityKey =
    config.REQUESTS_IDENTITY_KEY ??
    createHmac('sha256', config.AUTH_JWT_SECRET ?? '')
      .update('gongkai.requests.identity')
      .digest('hex');
  return {
    nearDueDays: config.REQUESTS_NEAR_DUE_DAYS,
    feePausesClock: config.REQUESTS_FEE_PAUSES_CLOCK,
    allowSelfReview: config.REQUESTS_ALLOW_SELF_REVIEW,
    defaultReconsiderationBody: config.REQUESTS_RECONSIDERATION_BODY,
    reconsiderationFirst: config.REQUESTS_RECONSIDERATION_FIRST,
    frequentThreshold: config.REQUESTS_FREQUENT_THRESHOLD,
    stageLimits: {
      ...DEFAULT_STAGE_LIMITS,
      ...(config.REQUESTS_STAGE_LIMITS ? (JSON.parse(config.REQUESTS_STAGE_LIMITS) as Partial<Record<RequestStatus, number>>) : {}),
    },
    identityKey: Buffer.from(identityKey),
    applicantRetentionYears: config.REQUESTS_APPLICANT_RETENTION_YEARS,
    retentionCheckHours: config.REQUESTS_RETENTION_CHECK_HOURS,
    districtReportScope: config.REQUESTS_DISTRICT_REPORT_SCOPE,
  };
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A tracking code of 128 random bits (26 Crockford base-32 characters, grouped for reading aloud). */
export function newTrackingCode(): string {
  const bytes = randomBytes(17); // 136 bits drawn, 130 used
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let code = '';
  for (let i = 0; i < 26; i += 1) code += CROCKFORD[Number((bits >> BigInt(i * 5)) & 31n)];
  return (code.match(/.{1,5}/g) ?? []).join('-');
}

/** Codes are compared case-insensitively and without separators; only this hash is stored. */
export function trackingCodeHash(code: string): string {
  const normal = code
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  return createHash('sha256').update(`gongkai-tracking:${normal}`).digest('hex');
}

export function identityDigest(key: Buffer, value: string): string {
  return createHmac('sha256', key).update(value.normalize('NFKC').toUpperCase().replace(/\s+/g, '')).digest('hex');
}

/** 370405199001011234 → 3704**********1234: enough for the applicant to recognise, useless otherwise. */
export function maskIdNumber(number: string): string {
  const n = number.replace(/\s+/g, '');
  if (n.length <= 6) return '*'.repeat(n.length);
  const keep = n.length >= 12 ? 4 : 2;
  return n.slice(0, keep) + '*'.repeat(n.length - keep * 2) + n.slice(-keep);
}

/** Character bigrams: a cheap similarity of two Chinese descriptions, for the repeat-request hint. */
export function similarity(a: string, b: string): number {
  const grams = (s: string) => {
    const t = s.replace(/[\s，。、；：！？,.;:!?()（）“”"']/g, '');
    const set = new Set<string>();
    for (let i = 0; i < t.length - 1; i += 1) set.add(t.slice(i, i + 2));
    return set;
  };
  const x = grams(a);
  const y = grams(b);
  if (x.size === 0 || y.size === 0) return 0;
  let common = 0;
  x.forEach((g) => y.has(g) && (common += 1));
  return common / (x.size + y.size - common);
}

/** The requests service's file store (BLOB_STORE_URL): the scanned applications and the reply files. */
export const REQUESTS_BLOB_STORE = Symbol('REQUESTS_BLOB_STORE');
