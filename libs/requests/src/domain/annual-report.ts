import { APPLICANT_TYPES, CHALLENGE_KINDS, REPLY_CATEGORY_CODES, type ApplicantType, type ReplyCategory } from '@gongkai/contracts';
import { TABLE2_FIELDS, TABLE2_HAND_ENTERED_FIELDS } from '@gongkai/contracts/vocabulary';
import { DomainError } from '@gongkai/platform/domain';

/** What the annual report needs of one request, as the read model keeps it. */
export interface ReportableRequest {
  requestId: string;
  unitId: string;
  applicantType: ApplicantType;
  receivedOn: string;
  /** Replied or abandoned on; null while open. */
  closedOn: string | null;
  category: ReplyCategory | null;
  challenges: {
    kind: (typeof CHALLENGE_KINDS)[number];
    filedOn: string;
    outcome: '维持' | '纠正' | '其他' | null;
    decidedOn: string | null;
  }[];
}

export const TABLE3_COLUMNS = [...APPLICANT_TYPES, '总计'] as const;
export type Table3Column = (typeof TABLE3_COLUMNS)[number];
export const TABLE3_ROWS = ['new', 'carried_over', ...REPLY_CATEGORY_CODES, 'total', 'carried_forward'] as const;
export type Table3Row = (typeof TABLE3_ROWS)[number];
export type Table3 = Record<Table3Row, Record<Table3Column, number>>;

export const TABLE4_ROWS = CHALLENGE_KINDS;
export const TABLE4_COLUMNS = ['维持', '纠正', '其他', '尚未审结', '总计'] as const;
export type Table4 = Record<(typeof TABLE4_ROWS)[number], Record<(typeof TABLE4_COLUMNS)[number], number>>;

const emptyRow = () => Object.fromEntries(TABLE3_COLUMNS.map((c) => [c, 0])) as Record<Table3Column, number>;

/**
 * Table 3 (收到和处理政府信息公开申请情况) for one year, from the requests of one unit (or of all
 * units, for the district): 一 received in the year; 二 received before it and still open on 1 Jan;
 * 三 closed in the year, by category; 四 received by 31 Dec and still open then.
 */
export function computeTable3(requests: readonly ReportableRequest[], year: number): Table3 {
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  const table = Object.fromEntries(TABLE3_ROWS.map((r) => [r, emptyRow()])) as Table3;
  const add = (row: Table3Row, column: ApplicantType) => {
    table[row][column] += 1;
    table[row]['总计'] += 1;
  };
  for (const r of requests) {
    if (r.receivedOn > last) continue;
    if (r.closedOn !== null && r.closedOn < first) continue;
    add(r.receivedOn >= first ? 'new' : 'carried_over', r.applicantType);
    if (r.closedOn !== null && r.closedOn <= last && r.category) {
      add(r.category, r.applicantType);
      add('total', r.applicantType);
    } else {
      add('carried_forward', r.applicantType);
    }
  }
  return table;
}

/** 一 + 二 = 三(总计) + 四 for every column; the columns that break it (empty when it holds). */
export function table3Violations(table: Table3): string[] {
  return TABLE3_COLUMNS.filter((c) => {
    const categories = REPLY_CATEGORY_CODES.reduce((sum, code) => sum + table[code][c], 0);
    return table.new[c] + table.carried_over[c] !== table.total[c] + table.carried_forward[c] || categories !== table.total[c];
  });
}

export function assertTable3Balanced(table: Table3): void {
  const broken = table3Violations(table);
  if (broken.length > 0) {
    throw DomainError.rule(
      'TABLE3_UNBALANCED',
      `表三不平衡：“${broken.join('、')}”列不满足“本年新收 + 上年结转 = 办理结果总计 + 结转下年度”。`,
      { columns: broken },
    );
  }
}

/** Table 4 (行政复议、行政诉讼): cases filed in the year, by their outcome at year end. */
export function computeTable4(requests: readonly ReportableRequest[], year: number): Table4 {
  const last = `${year}-12-31`;
  const table = Object.fromEntries(TABLE4_ROWS.map((r) => [r, Object.fromEntries(TABLE4_COLUMNS.map((c) => [c, 0]))])) as Table4;
  for (const r of requests) {
    for (const c of r.challenges) {
      if (!c.filedOn.startsWith(`${year}-`)) continue;
      const column = c.outcome && c.decidedOn && c.decidedOn <= last ? c.outcome : '尚未审结';
      table[c.kind][column] += 1;
      table[c.kind]['总计'] += 1;
    }
  }
  return table;
}

export { TABLE2_FIELDS, TABLE2_HAND_ENTERED_FIELDS };

/**
 * Section 六's fees (信息处理费, 国办函〔2020〕109号): the requests whose fee was paid in the year and the
 * amount collected. Reads only the fee of each request (kept apart from Table 3's and 4's input).
 */
export function computeFeesCollected(
  requests: readonly { fee?: { paidOn?: string; amountYuan: number } | null }[],
  year: number,
): { requests: number; amountYuan: number } {
  const paid = requests.filter((r) => r.fee?.paidOn?.startsWith(`${year}-`));
  return { requests: paid.length, amountYuan: paid.reduce((sum, r) => sum + (r.fee?.amountYuan ?? 0), 0) };
}

export type Table2 = Record<keyof typeof TABLE2_FIELDS, number>;

/** The Table 2 rows computed from document-attributes' events (规章 and 行政规范性文件). */
export const TABLE2_DOCUMENT_FIELDS = [
  'regulations_issued',
  'regulations_repealed',
  'regulations_in_force',
  'normative_issued',
  'normative_repealed',
  'normative_in_force',
] as const;
export type Table2DocumentField = (typeof TABLE2_DOCUMENT_FIELDS)[number];
export type Table2HandEnteredField = (typeof TABLE2_HAND_ENTERED_FIELDS)[number];

/** What Table 2 needs of one issued 规章 or 行政规范性文件, as the document-figures read model keeps it. */
export interface ReportableDocument {
  documentId: string;
  documentType: '规章' | '行政规范性文件';
  issuedOn: string;
  /** 失效 or 废止, with its effective date; null while in force. */
  invalidation: { status: '失效' | '废止'; effectiveOn: string } | null;
}

/**
 * Table 2's document rows for one year, from the documents of one unit (or of all units, for the
 * district): 本年制发 issued in the year; 本年废止 repealed (废止) with effect in the year; 现行有效
 * issued by 31 Dec and neither repealed nor expired (失效) by then. Same rule as document-attributes'
 * own figures (an expired document leaves 现行有效 but is not counted as 废止). Pure.
 */
export function computeTable2Documents(
  documents: readonly { documentType: string; issuedOn: string; invalidation: ReportableDocument['invalidation'] }[],
  year: number,
): Record<Table2DocumentField, number> {
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  const count = (documentType: ReportableDocument['documentType']) => {
    const ofType = documents.filter((d) => d.documentType === documentType);
    return {
      issued: ofType.filter((d) => d.issuedOn >= first && d.issuedOn <= last).length,
      repealed: ofType.filter(
        (d) => d.invalidation?.status === '废止' && d.invalidation.effectiveOn >= first && d.invalidation.effectiveOn <= last,
      ).length,
      inForce: ofType.filter((d) => d.issuedOn <= last && (d.invalidation === null || d.invalidation.effectiveOn > last)).length,
    };
  };
  const regulations = count('规章');
  const normative = count('行政规范性文件');
  return {
    regulations_issued: regulations.issued,
    regulations_repealed: regulations.repealed,
    regulations_in_force: regulations.inForce,
    normative_issued: normative.issued,
    normative_repealed: normative.repealed,
    normative_in_force: normative.inForce,
  };
}

type Challenge = ReportableRequest['challenges'][number];

/** An event as the store or the bus gives it (type and data), for the fold below. */
export interface ReportableEvent {
  type: string;
  data: Record<string, unknown>;
}

/**
 * What the annual report needs, folded from the events themselves: the requests (as the requests
 * read model keeps them for Table 3 and 4) and the 规章 and 行政规范性文件 of each unit (as the
 * document-figures read model keeps them for Table 2). For a caller that cannot wait for the read
 * models, e.g. the demo loader finalising a report right after recording its year. Pure.
 */
export function reportableFromEvents(events: Iterable<ReportableEvent>): {
  requests: ReportableRequest[];
  documents: (ReportableDocument & { unitId: string })[];
} {
  const requests = new Map<string, ReportableRequest>();
  const documents = new Map<string, ReportableDocument & { unitId: string }>();
  const challenges = new Map<string, Challenge>();
  for (const { type, data } of events) {
    const request = requests.get(data.requestId as string);
    switch (type) {
      case 'requests.RequestReceived': {
        const applicant = data.applicant as { type: ApplicantType };
        const requestId = data.requestId as string;
        requests.set(requestId, {
          requestId,
          unitId: data.unitId as string,
          applicantType: applicant.type,
          receivedOn: data.receivedOn as string,
          closedOn: null,
          category: null,
          challenges: [],
        });
        break;
      }
      case 'requests.RequestTransferred':
        if (request) request.unitId = data.toUnitId as string;
        break;
      case 'requests.ReplyIssued':
      case 'requests.RequestAbandoned':
        if (request) Object.assign(request, { category: data.category, closedOn: (data.repliedOn ?? data.abandonedOn) as string });
        break;
      case 'requests.PastOutcomeRecorded':
        if (request) Object.assign(request, { category: data.category, closedOn: data.closedOn as string });
        break;
      case 'requests.ChallengeFiled':
        if (request) {
          const challenge: Challenge = {
            kind: data.kind as Challenge['kind'],
            filedOn: data.filedOn as string,
            outcome: null,
            decidedOn: null,
          };
          request.challenges.push(challenge);
          challenges.set(`${request.requestId}/${data.challengeId as string}`, challenge);
        }
        break;
      case 'requests.ChallengeDecided': {
        const challenge = challenges.get(`${data.requestId as string}/${data.challengeId as string}`);
        if (challenge) Object.assign(challenge, { outcome: data.outcome, decidedOn: data.decidedOn });
        break;
      }
      case 'document-attributes.DocumentIssued':
        if (data.documentType === '规章' || data.documentType === '行政规范性文件') {
          const documentId = data.documentId as string;
          documents.set(documentId, {
            documentId,
            unitId: data.unitId as string,
            documentType: data.documentType,
            issuedOn: data.issuedOn as string,
            invalidation: documents.get(documentId)?.invalidation ?? null,
          });
        }
        break;
      case 'document-attributes.DocumentInvalidated': {
        const document = documents.get(data.documentId as string);
        if (document) document.invalidation = { status: data.status as '失效' | '废止', effectiveOn: data.effectiveOn as string };
        break;
      }
    }
  }
  return { requests: [...requests.values()], documents: [...documents.values()] };
}
