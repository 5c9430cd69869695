import {
  checklistCoverage,
  REQUEST_DEADLINE_EVENT_TYPES,
  UNIT_KINDS,
  type AssessmentMetric,
  type ComputedIndicator,
  type UnitKind,
} from '@gongkai/contracts';
import { addCalendarDays, type LocalDate } from '@gongkai/working-days';
import { categoryName, compareFacts, type Fact } from './facts';
import { round2 } from './scheme';

export interface MetricContext {
  unitId: string;
  year: number;
  /** The day the scores are taken as of (Asia/Shanghai). */
  asOfDate: string;
  /** min(asOfDate, year-12-31): the day freshness is measured at. */
  referenceDate: string;
  params: ComputedIndicator['params'];
}

export interface MetricResult {
  /** null: nothing to count (the indicator's `whenNoData` decides). */
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  /** The facts that produced the value. */
  facts: Fact[];
  /** How the value came about, in Chinese. */
  detail: string;
  /** The facts that cost points (late replies…), a subset of `facts`. */
  shortfalls: Fact[];
}

export interface MetricDefinition {
  label: string;
  /** 'percent' values are 0–100; 'count' are whole numbers; 'flag' are 0/1. */
  unit: 'percent' | 'count' | 'flag';
  compute(facts: readonly Fact[], context: MetricContext): MetricResult;
}

const inYear = (fact: Fact, year: number) => fact.on !== null && fact.on >= `${year}-01-01` && fact.on <= `${year}-12-31`;
const ofType = (facts: readonly Fact[], type: string) => facts.filter((f) => f.type === type);

function rate(label: string, all: Fact[], good: (f: Fact) => boolean): MetricResult {
  if (all.length === 0) return { value: null, numerator: 0, denominator: 0, facts: [], detail: `本年度无${label}`, shortfalls: [] };
  const ok = all.filter(good);
  const value = round2((ok.length / all.length) * 100);
  return {
    value,
    numerator: ok.length,
    denominator: all.length,
    facts: all,
    detail: `${label}${all.length}件，其中${ok.length}件达标，达标率${value}%`,
    shortfalls: all.filter((f) => !good(f)),
  };
}

function count(label: string, facts: Fact[]): MetricResult {
  return {
    value: facts.length,
    numerator: facts.length,
    denominator: null,
    facts,
    detail: `本年度${label}${facts.length}次`,
    shortfalls: [],
  };
}

/** Latest state of each keyed thing (item, entry…) from facts already in store order. */
function latestBy(facts: readonly Fact[], key: string): Map<string, Fact[]> {
  const byKey = new Map<string, Fact[]>();
  for (const fact of facts) {
    const id = String(fact.data[key]);
    byKey.set(id, [...(byKey.get(id) ?? []), fact]);
  }
  return byKey;
}

/** The request events that publish the statutory reply deadline (`dueOn`, null while paused). */
const REQUEST_CLOCK_TYPES: readonly string[] = REQUEST_DEADLINE_EVENT_TYPES;

interface OverdueRequest {
  requestId: string;
  dueOn: string;
  /** The fact that published the deadline missed: the shortfall an auditor follows. */
  due: Fact;
  history: Fact[];
  /** The unit it was transferred from, when the deadline came with a transfer. */
  transferredFrom: string | null;
}

interface RequestLedger {
  /** Open as of `asOfDate` and past their latest published due date: late replies. */
  overdue: OverdueRequest[];
  /** Deemed abandoned by the applicant (视为放弃): closed without a reply, never a late reply. */
  abandoned: Fact[];
}

/**
 * The unit's requests received in the year, by their history as of `asOfDate`. A request belongs to
 * the unit it was last transferred to (the deadline with it: the clock runs on from the receipt,
 * the receiving unit answers for it from the transfer), else to the unit that received it.
 * - overdue: still open (no reply, not abandoned) and its latest published due date (`dueOn`, not
 *   null = not paused) is before `asOfDate`. Requests whose events carry no `dueOn` (recorded before
 *   it was published) are not counted.
 * - abandoned: closed because the applicant is deemed to have abandoned it (no correction, fee
 *   unpaid): not a reply, so neither on time nor late; listed so the explanation accounts for them.
 * Closures are taken whatever their date (an abandonment in January still closes a December request).
 */
function requestLedger(facts: readonly Fact[], unitId: string, year: number, asOfDate: string): RequestLedger {
  const byRequest = latestBy(
    facts.filter((f) => f.type.startsWith('requests.') && typeof f.data.requestId === 'string'),
    'requestId',
  );
  const ledger: RequestLedger = { overdue: [], abandoned: [] };
  for (const [requestId, unsorted] of byRequest) {
    const history = [...unsorted].sort(compareFacts);
    const received = history.find((f) => f.type === 'requests.RequestReceived');
    if (!received || !inYear(received, year)) continue;
    const transfer = history.filter((f) => f.type === 'requests.RequestTransferred').at(-1);
    if ((transfer ? transfer.data.toUnitId : received.data.unitId) !== unitId) continue;
    // A reply, or the outcome of a back-entered request recorded with its true date (补录): not owed a reply.
    if (history.some((f) => f.type === 'requests.ReplyIssued' || f.type === 'requests.PastOutcomeRecorded')) continue;
    const abandoned = history.find((f) => f.type === 'requests.RequestAbandoned');
    if (abandoned) {
      ledger.abandoned.push(abandoned);
      continue;
    }
    const due = history.filter((f) => REQUEST_CLOCK_TYPES.includes(f.type) && 'dueOn' in f.data).at(-1);
    const dueOn = due?.data.dueOn;
    if (!due || typeof dueOn !== 'string' || dueOn >= asOfDate) continue;
    ledger.overdue.push({ requestId, dueOn, due, history, transferredFrom: transfer ? String(transfer.data.unitId) : null });
  }
  return ledger;
}

/**
 * The unit's proactive-disclosure checklist (Arts. 20–21) from its link facts: the categories with at
 * least one published item (a withdrawn item is unlinked by the catalogue) or a document whose
 * publication is recorded. The list of categories depends on the unit's kind (its registration fact).
 */
function checklistMetric(facts: readonly Fact[], unitId: string): MetricResult {
  const registered = ofType(facts, 'catalogue.UnitRegistered')
    .filter((f) => f.data.unitId === unitId)
    .at(-1);
  const kind = registered?.data.kind;
  if (!registered || !(UNIT_KINDS as readonly unknown[]).includes(kind))
    return { value: null, numerator: 0, denominator: 0, facts: [], detail: '单位未登记，无法确定适用的法定公开类别', shortfalls: [] };
  const links = new Map<string, Fact>();
  for (const f of facts.filter((f) => f.type === 'catalogue.ChecklistContentLinked' || f.type === 'catalogue.ChecklistContentUnlinked')) {
    links.set(`${f.data.categoryCode}|${f.data.targetKind}|${f.data.targetId}`, f);
  }
  const published = new Set(ofType(facts, 'document-attributes.PublicationRecorded').map((f) => String(f.data.documentId)));
  const live = [...links.values()].filter(
    (f) => f.type === 'catalogue.ChecklistContentLinked' && (f.data.targetKind === 'item' || published.has(String(f.data.targetId))),
  );
  const coverage = checklistCoverage(
    kind as UnitKind,
    live.map((f) => String(f.data.categoryCode)),
  );
  const gaps = coverage.gaps.map((g) => categoryName(g.code));
  return {
    value: coverage.percent,
    numerator: coverage.covered.length,
    denominator: coverage.counted,
    facts: [registered, ...live],
    detail: `适用法定公开类别${coverage.counted}项，已关联已公开内容${coverage.covered.length}项（${coverage.percent ?? 0}%）${gaps.length ? `；缺项：${gaps.join('、')}` : ''}`,
    shortfalls: [],
  };
}

/** The closed set of metric functions (no formula is ever evaluated). */
export const METRICS: Readonly<Record<AssessmentMetric, MetricDefinition>> = {
  openness_office_designated: {
    label: '明确政务公开主管科室和专人',
    unit: 'flag',
    compute(facts) {
      const designations = ofType(facts, 'catalogue.UnitOpennessOfficeDesignated');
      const last = designations.at(-1);
      return last
        ? {
            value: 1,
            numerator: 1,
            denominator: 1,
            facts: [last],
            detail: `已明确主管科室“${last.data.office}”和专人${last.data.officerName}`,
            shortfalls: [],
          }
        : { value: 0, numerator: 0, denominator: 1, facts: [], detail: '未明确政务公开主管科室和专人', shortfalls: [] };
    },
  },
  concentrated_trainings_attended: {
    label: '参加集中学习培训次数',
    unit: 'count',
    compute(facts, { year }) {
      return count(
        '参加集中学习培训',
        ofType(facts, 'assessment.TrainingRecorded').filter((f) => f.data.concentrated === true && inYear(f, year)),
      );
    },
  },
  catalogue_domain_coverage: {
    label: '负责试点领域目录覆盖率',
    unit: 'percent',
    compute(facts) {
      const assignment = ofType(facts, 'catalogue.UnitResponsibleDomainsAssigned').at(-1);
      const domains = (assignment?.data.domainCodes as string[] | undefined) ?? [];
      if (!assignment || domains.length === 0)
        return {
          value: null,
          numerator: 0,
          denominator: 0,
          facts: assignment ? [assignment] : [],
          detail: '未确定负责的试点领域',
          shortfalls: [],
        };
      const items = latestBy(
        facts.filter((f) => ['catalogue.ItemPublished', 'catalogue.ItemRevised', 'catalogue.ItemWithdrawn'].includes(f.type)),
        'itemId',
      );
      const live = [...items.values()].map((history) => history.at(-1) as Fact).filter((f) => f.type !== 'catalogue.ItemWithdrawn');
      const covered = domains.filter((code) => live.some((f) => f.data.domainCode === code));
      const value = round2((covered.length / domains.length) * 100);
      const missing = domains.filter((code) => !covered.includes(code));
      return {
        value,
        numerator: covered.length,
        denominator: domains.length,
        facts: [assignment, ...live.filter((f) => domains.includes(String(f.data.domainCode)))],
        detail: `负责${domains.length}个试点领域，已发布目录覆盖${covered.length}个（${value}%）${missing.length ? `；未覆盖：${missing.join('、')}` : ''}`,
        shortfalls: [],
      };
    },
  },
  catalogue_published_by_milestone: {
    label: '按时间节点编制发布目录',
    unit: 'flag',
    compute(facts, { year, params }) {
      const milestone = params?.milestone ?? `${year}-12-31`;
      const first = ofType(facts, 'catalogue.ItemPublished').find((f) => f.on !== null && f.on <= milestone);
      return first
        ? { value: 1, numerator: 1, denominator: 1, facts: [first], detail: `于${first.on}前发布目录（节点${milestone}）`, shortfalls: [] }
        : { value: 0, numerator: 0, denominator: 1, facts: [], detail: `节点${milestone}前未发布目录`, shortfalls: [] };
    },
  },
  negative_list_fresh_rate: {
    label: '负面清单及时更新率',
    unit: 'percent',
    compute(facts, { referenceDate }) {
      const entries = latestBy(
        facts.filter((f) => f.type.startsWith('catalogue.NegativeEntry')),
        'entryId',
      );
      const cutoff = addCalendarDays(referenceDate as LocalDate, -365);
      const published: { facts: Fact[]; reviewedOn: string }[] = [];
      for (const history of entries.values()) {
        if (history.at(-1)?.type === 'catalogue.NegativeEntryWithdrawn') continue;
        if (!history.some((f) => f.type === 'catalogue.NegativeEntryPublished')) continue;
        const reviewedOn = history
          .map((f) =>
            f.type === 'catalogue.NegativeEntryReviewed'
              ? String(f.data.reviewedOn)
              : f.type === 'catalogue.NegativeEntryDrafted' || f.type === 'catalogue.NegativeEntryAmended'
                ? String(f.data.lastReviewedOn)
                : '',
          )
          .reduce((a, b) => (b > a ? b : a), '');
        published.push({ facts: history, reviewedOn });
      }
      if (published.length === 0) return { value: null, numerator: 0, denominator: 0, facts: [], detail: '未发布负面清单', shortfalls: [] };
      const fresh = published.filter((p) => p.reviewedOn >= cutoff);
      const value = round2((fresh.length / published.length) * 100);
      return {
        value,
        numerator: fresh.length,
        denominator: published.length,
        facts: published.flatMap((p) => p.facts),
        detail: `负面清单${published.length}条，${fresh.length}条在${cutoff}之后复核过（${value}%）`,
        shortfalls: published.filter((p) => p.reviewedOn < cutoff).flatMap((p) => p.facts.slice(-1)),
      };
    },
  },
  proactive_disclosure_share: {
    label: '主动公开文件占比',
    unit: 'percent',
    compute(facts, { year }) {
      return rate(
        '印发文件',
        ofType(facts, 'document-attributes.DocumentIssued').filter((f) => inYear(f, year)),
        (f) => f.data.attribute === '主动公开',
      );
    },
  },
  publication_on_time_rate: {
    label: '主动公开文件按时公开率',
    unit: 'percent',
    compute(facts, { year }) {
      return rate(
        '公开文件',
        ofType(facts, 'document-attributes.PublicationRecorded').filter((f) => inYear(f, year)),
        (f) => f.data.late === false,
      );
    },
  },
  yearly_review_completion: {
    label: '不予公开信息年度评估完成情况',
    unit: 'percent',
    compute(facts, { year }) {
      const done = ofType(facts, 'document-attributes.UnitYearlyReviewCompleted')
        .filter((f) => f.data.year === year)
        .at(-1);
      if (!done) return { value: 0, numerator: 0, denominator: 1, facts: [], detail: `${year}年度评估未完成`, shortfalls: [] };
      const onTime = done.data.onTime === true;
      return {
        value: onTime ? 100 : 50,
        numerator: onTime ? 1 : 0,
        denominator: 1,
        facts: [done],
        detail: `${year}年度评估于${done.on}完成（${onTime ? '按期' : '逾期'}）`,
        shortfalls: onTime ? [] : [done],
      };
    },
  },
  request_on_time_rate: {
    label: '依申请公开按期答复率',
    unit: 'percent',
    compute(facts, { unitId, year, asOfDate }) {
      // Each reply the unit issued in the year (on time or late), and each request of the year it
      // holds still unanswered past its deadline (late). Abandoned requests are neither.
      const replies = ofType(facts, 'requests.ReplyIssued').filter((f) => f.data.unitId === unitId && inYear(f, year));
      const { overdue, abandoned } = requestLedger(facts, unitId, year, asOfDate);
      const base =
        overdue.length === 0
          ? rate('答复申请', replies, (f) => f.data.onTime === true)
          : rate(
              '应答复申请',
              [...replies, ...overdue.map((o) => o.due)],
              (f) => f.type === 'requests.ReplyIssued' && f.data.onTime === true,
            );
      const notes: string[] = [];
      if (overdue.length)
        notes.push(
          `含逾期未答复${overdue.length}件：${overdue.map((o) => `${o.requestId}（期限${o.dueOn}${o.transferredFrom ? `，由${o.transferredFrom}移交` : ''}）`).join('、')}`,
        );
      if (abandoned.length)
        notes.push(`另有申请人视为放弃申请${abandoned.length}件不计入：${abandoned.map((f) => String(f.data.requestId)).join('、')}`);
      if (notes.length === 0) return base;
      return {
        ...base,
        facts: [...replies, ...overdue.flatMap((o) => o.history), ...abandoned],
        detail: `${base.detail}（${notes.join('；')}）`,
      };
    },
  },
  interpretation_on_time_rate: {
    label: '政策解读同步发布率',
    unit: 'percent',
    compute(facts, { year, asOfDate }) {
      // Each policy once: its publication (on time or late), or its obligation when overdue and still unpublished.
      const published = new Map(ofType(facts, 'interpretation.InterpretationPublished').map((f) => [String(f.data.documentId), f]));
      const overdue = ofType(facts, 'interpretation.InterpretationObligationOpened').filter(
        (f) => !published.has(String(f.data.documentId)) && String(f.data.dueOn) < asOfDate,
      );
      const counted = [...published.values(), ...overdue].filter((f) => inYear(f, year));
      const result = rate('应发布政策解读', counted, (f) => f.type === 'interpretation.InterpretationPublished' && f.data.late === false);
      return overdue.length
        ? {
            ...result,
            detail: `${result.detail}（含逾期未发布${counted.filter((f) => f.type === 'interpretation.InterpretationObligationOpened').length}件）`,
          }
        : result;
    },
  },
  concern_on_time_rate: {
    label: '回应关切及时率',
    unit: 'percent',
    compute(facts, { year }) {
      return rate(
        '回应关切',
        ofType(facts, 'interpretation.ConcernResponsePublished').filter((f) => inYear(f, year)),
        (f) => f.data.onTime === true,
      );
    },
  },
  consultations_held: {
    label: '公开征求意见次数',
    unit: 'count',
    compute(facts, { year }) {
      return count(
        '公开征求意见',
        ofType(facts, 'interpretation.ConsultationOpened').filter((f) => inYear(f, year)),
      );
    },
  },
  open_days_held: {
    label: '举办政府开放日次数',
    unit: 'count',
    compute(facts, { year }) {
      return count(
        '举办政府开放日',
        ofType(facts, 'interpretation.OpenDaySummaryPublished').filter((f) => inYear(f, year)),
      );
    },
  },
  village_posting_on_time_rate: {
    label: '村(居)务按时公开率',
    unit: 'percent',
    compute(facts, { year }) {
      return rate(
        '村(居)务公开',
        ofType(facts, 'interpretation.VillagePostingRecorded').filter((f) => inYear(f, year)),
        (f) => f.data.late === false,
      );
    },
  },
  proactive_checklist_coverage: {
    label: '主动公开法定类别覆盖率',
    unit: 'percent',
    compute(facts, { unitId }) {
      return checklistMetric(facts, unitId);
    },
  },
};
