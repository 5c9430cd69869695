import { proactiveCategory, REPLY_CATEGORIES, type EventEnvelope } from '@gongkai/contracts';
import { toShanghaiDate } from '@gongkai/working-days';

/**
 * A fact (考核事实): one event of another service (or of assessment itself), reduced to what the
 * assessment needs, with the event it came from and when it became known. Facts are append-only,
 * one per event, so taking them "as of" an instant is a filter on `recordedAt`.
 */
export interface Fact {
  /** The id of the event this fact is: the link an auditor follows. */
  eventId: string;
  streamId: string;
  streamRevision: number;
  type: string;
  /** The units the fact is about. */
  unitIds: string[];
  /** The business date in Asia/Shanghai (replied on, published on…), null for state facts. */
  on: string | null;
  recordedAt: string;
  occurredAt: string;
  /** Global position in the store, when the envelope carried it: orders facts of one stream. */
  position: number | null;
  data: Record<string, unknown>;
}

type Picker = (data: Record<string, unknown>) => { unitIds: string[]; on: string | null; data: Record<string, unknown> };
const pick = (data: Record<string, unknown>, keys: string[]) =>
  Object.fromEntries(keys.filter((k) => data[k] !== undefined).map((k) => [k, data[k]]));
const unit =
  (
    field: string,
    onField: string | null,
    keys: string[],
    dateOf: (v: unknown) => string | null = (v) => (typeof v === 'string' ? v.slice(0, 10) : null),
  ): Picker =>
  (data) => ({
    unitIds: [String(data[field])],
    on: onField ? dateOf(data[onField]) : null,
    data: pick(data, keys),
  });
const instantDate = (v: unknown) => (typeof v === 'string' ? toShanghaiDate(v) : null);

const negativeContent: Picker = (data) => ({
  unitIds: [String(data.ownerUnitId)],
  on: null,
  data: {
    entryId: data.entryId,
    ownerUnitId: data.ownerUnitId,
    matter: (data.content as { matter?: string })?.matter,
    lastReviewedOn: (data.content as { lastReviewedOn?: string })?.lastReviewedOn,
  },
});

/** The event types assessment keeps as facts, and how each becomes one. */
export const FACT_PICKERS: Readonly<Record<string, Picker>> = {
  'catalogue.UnitRegistered': unit('unitId', null, ['unitId', 'name', 'level', 'kind']),
  'catalogue.UnitRenamed': unit('unitId', null, ['unitId', 'name']),
  'catalogue.UnitOpennessOfficeDesignated': unit('unitId', null, ['unitId', 'office', 'officerName']),
  'catalogue.UnitResponsibleDomainsAssigned': unit('unitId', null, ['unitId', 'domainCodes']),
  'catalogue.ItemPublished': unit('unitId', 'publishedAt', ['itemId', 'unitId', 'version', 'domainCode', 'publishedAt']),
  'catalogue.ItemRevised': unit('unitId', 'publishedAt', ['itemId', 'unitId', 'version', 'domainCode', 'publishedAt']),
  'catalogue.ItemWithdrawn': unit('unitId', 'withdrawnAt', ['itemId', 'unitId', 'domainCode', 'withdrawnAt']),
  // The proactive-disclosure checklist (Arts. 20–21): state facts (no business date).
  'catalogue.ChecklistContentLinked': unit('unitId', null, ['unitId', 'categoryCode', 'targetKind', 'targetId', 'title']),
  'catalogue.ChecklistContentUnlinked': unit('unitId', null, ['unitId', 'categoryCode', 'targetKind', 'targetId', 'reason']),
  'catalogue.NegativeEntryDrafted': negativeContent,
  'catalogue.NegativeEntryAmended': negativeContent,
  'catalogue.NegativeEntryPublished': unit('ownerUnitId', 'publishedAt', ['entryId', 'ownerUnitId', 'publishedAt']),
  'catalogue.NegativeEntryReviewed': unit('ownerUnitId', 'reviewedOn', ['entryId', 'ownerUnitId', 'reviewedOn']),
  'catalogue.NegativeEntryWithdrawn': unit('ownerUnitId', null, ['entryId', 'ownerUnitId']),
  'document-attributes.DocumentIssued': unit('unitId', 'issuedOn', [
    'documentId',
    'unitId',
    'title',
    'documentNumber',
    'attribute',
    'issuedOn',
    'publicationDueOn',
  ]),
  'document-attributes.ConfidentialityReviewed': unit('unitId', null, [
    'documentId',
    'unitId',
    'outcome',
    'attribute',
    'previousAttribute',
  ]),
  'document-attributes.PublicationRecorded': unit('unitId', 'publishedOn', ['documentId', 'unitId', 'channel', 'publishedOn', 'late']),
  'document-attributes.UnitYearlyReviewCompleted': unit('unitId', 'completedOn', [
    'year',
    'unitId',
    'tasks',
    'kept',
    'released',
    'completedOn',
    'onTime',
  ]),
  // The request's clock: `dueOn` is the statutory deadline each event leaves (null while paused);
  // events recorded before it was published lack it.
  'requests.RequestReceived': unit('unitId', 'receivedOn', ['requestId', 'unitId', 'channel', 'receivedOn', 'dueOn']),
  'requests.CorrectionRequested': unit('unitId', 'noticeOn', ['requestId', 'unitId', 'noticeOn', 'correctionDueOn', 'dueOn']),
  'requests.CorrectionReceived': unit('unitId', 'receivedOn', ['requestId', 'unitId', 'receivedOn', 'dueOn']),
  'requests.ConsultationStarted': unit('unitId', 'startedOn', ['requestId', 'unitId', 'consultationId', 'kind', 'startedOn', 'dueOn']),
  'requests.ConsultationEnded': unit('unitId', 'endedOn', ['requestId', 'unitId', 'consultationId', 'endedOn', 'dueOn']),
  'requests.DeadlineExtended': unit('unitId', 'noticeSentOn', ['requestId', 'unitId', 'workingDays', 'noticeSentOn', 'newDueOn', 'dueOn']),
  'requests.FeeNoticeIssued': unit('unitId', 'noticeOn', ['requestId', 'unitId', 'noticeOn', 'pausesClock', 'dueOn']),
  'requests.FeePaid': unit('unitId', 'paidOn', ['requestId', 'unitId', 'paidOn', 'dueOn']),
  // A transfer concerns both units: the request leaves the first one.
  'requests.RequestTransferred': (data) => ({
    unitIds: [String(data.unitId), String(data.toUnitId)],
    on: typeof data.transferredOn === 'string' ? data.transferredOn : null,
    data: pick(data, ['requestId', 'unitId', 'toUnitId', 'transferredOn']),
  }),
  'requests.ReplyIssued': unit('unitId', 'repliedOn', ['requestId', 'unitId', 'category', 'repliedOn', 'workingDaysUsed', 'onTime']),
  'requests.RequestAbandoned': unit('unitId', 'abandonedOn', ['requestId', 'unitId', 'category', 'abandonedOn']),
  // 补录: the outcome of a request answered before it was entered (no on-time figure: it closes the request).
  'requests.PastOutcomeRecorded': unit('unitId', 'closedOn', ['requestId', 'unitId', 'category', 'closedOn']),
  'interpretation.InterpretationObligationOpened': unit('unitId', 'dueOn', [
    'documentId',
    'unitId',
    'title',
    'documentNumber',
    'issuedOn',
    'dueOn',
  ]),
  'interpretation.InterpretationPublished': unit('unitId', 'publishedOn', [
    'documentId',
    'unitId',
    'publishedOn',
    'dueOn',
    'late',
    'workingDaysLate',
  ]),
  'interpretation.ConcernResponsePublished': unit(
    'unitId',
    'publishedAt',
    ['concernId', 'unitId', 'severity', 'kind', 'publishedAt', 'dueAt', 'hoursTaken', 'onTime'],
    instantDate,
  ),
  'interpretation.ConsultationOpened': unit('unitId', 'opensOn', [
    'consultationId',
    'unitId',
    'title',
    'kind',
    'opensOn',
    'closesOn',
    'periodDays',
    'minimumDays',
  ]),
  'interpretation.AdoptionPublished': unit('unitId', 'publishedOn', [
    'consultationId',
    'unitId',
    'commentsReceived',
    'adopted',
    'publishedOn',
  ]),
  'interpretation.OpenDaySummaryPublished': unit('unitId', 'heldOn', ['openDayId', 'unitId', 'heldOn', 'year', 'attendance']),
  'interpretation.VillagePostingRecorded': unit('townUnitId', 'postedOn', [
    'committeeId',
    'townUnitId',
    'postingId',
    'category',
    'title',
    'period',
    'postedOn',
    'dueOn',
    'late',
    'daysLate',
  ]),
  'assessment.TrainingRecorded': (data) => ({
    unitIds: (data.participants as { unitId: string }[]).map((p) => p.unitId),
    on: String(data.heldOn),
    data: pick(data, ['trainingId', 'title', 'heldOn', 'concentrated', 'participants']),
  }),
  // Assessment's own decisions: indexed so that an auditor can fetch them by id; not scoring inputs
  // (manual scores are read from their stream, which is authoritative and never lags).
  'assessment.ManualScoreRecorded': unit('unitId', null, ['schemeId', 'unitId', 'indicatorId', 'points', 'reason']),
  'assessment.SchemePublished': (data) => ({
    unitIds: [],
    on: null,
    data: pick(data, ['schemeId', 'year', 'version', 'opennessWeightPercent']),
  }),
  'assessment.ScoresFrozen': (data) => ({
    unitIds: [],
    on: null,
    data: pick(data, ['schemeId', 'year', 'schemeVersion', 'asOf', 'inputsHash']),
  }),
};

/** Facts that are not scoring inputs (see above). */
export const NON_INPUT_FACT_TYPES = ['assessment.ManualScoreRecorded', 'assessment.SchemePublished', 'assessment.ScoresFrozen'];

export const FACT_EVENT_TYPES = Object.keys(FACT_PICKERS);

/**
 * Closures of a request: whatever their business date, they say the request is no longer owed a
 * reply (a request of December abandoned or answered in January is not a late reply of December).
 */
const REQUEST_CLOSURE_TYPES = ['requests.ReplyIssued', 'requests.RequestAbandoned', 'requests.PastOutcomeRecorded'];

/**
 * Whether a fact is a scoring input for a year ending `latestOn`, as of the instant `asOf`: recorded
 * by then, not one of assessment's own bookkeeping facts, and about a business date not after the
 * year (state facts have none; request closures count whatever their date).
 */
export function isScoringInput(fact: Fact, asOf: string, latestOn: string): boolean {
  if (fact.recordedAt > asOf || NON_INPUT_FACT_TYPES.includes(fact.type)) return false;
  return fact.on === null || fact.on <= latestOn || REQUEST_CLOSURE_TYPES.includes(fact.type);
}

export function factFromEvent(event: EventEnvelope): Fact | null {
  const picker = FACT_PICKERS[event.type];
  if (!picker) return null;
  const { unitIds, on, data } = picker(event.data);
  return {
    eventId: event.eventId,
    streamId: event.streamId,
    streamRevision: event.streamRevision,
    type: event.type,
    unitIds,
    on,
    recordedAt: event.recordedAt,
    occurredAt: event.occurredAt,
    position: event.globalPosition ?? null,
    data,
  };
}

/** Store order: position when known, else recording time and id (UUIDv7 ids grow with time). */
export function compareFacts(a: Fact, b: Fact): number {
  if (a.position !== null && b.position !== null && a.position !== b.position) return a.position - b.position;
  if (a.recordedAt !== b.recordedAt) return a.recordedAt < b.recordedAt ? -1 : 1;
  if (a.streamId === b.streamId) return a.streamRevision - b.streamRevision;
  return a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0;
}

const dueText = (fact: Fact) =>
  !('dueOn' in fact.data) ? '' : fact.data.dueOn === null ? '，答复期限暂停计算' : `，答复期限${String(fact.data.dueOn)}`;

/** One line of Chinese saying what the fact is, for explanations and notices. */
/** A reply category as people read it (类别：情形), never its code. */
const categoryLabel = (code: unknown) => {
  const category = REPLY_CATEGORIES[code as keyof typeof REPLY_CATEGORIES];
  return category ? `${category.group}：${category.label.replace(/（.*）$/, '')}` : '其他';
};

/** A statutory category as people cite it: 第二十条第（七）项, 第二十一条“社会救助”. */
export const categoryName = (code: unknown) => {
  const category = proactiveCategory(String(code));
  return !category ? '法定公开类别' : category.article === '第二十条' ? category.citation : `${category.article}“${category.text}”`;
};

export function describeFact(fact: Fact): string {
  const d = fact.data;
  switch (fact.type) {
    case 'catalogue.UnitRegistered':
      return `登记单位“${d.name}”`;
    case 'catalogue.UnitRenamed':
      return `单位更名为“${d.name}”`;
    case 'catalogue.UnitOpennessOfficeDesignated':
      return `明确政务公开主管科室“${d.office}”、专人${d.officerName}`;
    case 'catalogue.UnitResponsibleDomainsAssigned':
      return `确定负责的试点领域：${(Array.isArray(d.domainCodes) ? d.domainCodes.join('、') : '') || '无'}`;
    case 'catalogue.ItemPublished':
      return `发布目录事项 ${d.itemId}（领域 ${d.domainCode}）`;
    case 'catalogue.ItemRevised':
      return `修订目录事项 ${d.itemId}（第${d.version}版）`;
    case 'catalogue.ItemWithdrawn':
      return `撤销目录事项 ${d.itemId}`;
    case 'catalogue.NegativeEntryDrafted':
      return `拟定负面清单条目 ${d.entryId}（最近复核 ${d.lastReviewedOn}）`;
    case 'catalogue.NegativeEntryAmended':
      return `修改负面清单条目 ${d.entryId}（最近复核 ${d.lastReviewedOn}）`;
    case 'catalogue.NegativeEntryPublished':
      return `发布负面清单条目 ${d.entryId}`;
    case 'catalogue.NegativeEntryReviewed':
      return `复核负面清单条目 ${d.entryId}（${d.reviewedOn}）`;
    case 'catalogue.NegativeEntryWithdrawn':
      return `撤销负面清单条目 ${d.entryId}`;
    case 'catalogue.ChecklistContentLinked':
      return `主动公开清单：将“${d.title}”关联到${categoryName(d.categoryCode)}`;
    case 'catalogue.ChecklistContentUnlinked':
      return `主动公开清单：取消${categoryName(d.categoryCode)}的关联（${d.reason}）`;
    case 'document-attributes.DocumentIssued':
      return `印发《${d.title}》（${d.documentNumber}，${d.attribute}）`;
    case 'document-attributes.ConfidentialityReviewed':
      return `保密审查文件 ${d.documentId}：${d.outcome}`;
    case 'document-attributes.PublicationRecorded':
      return `文件 ${d.documentId} 于${d.publishedOn}公开${d.late ? '（逾期）' : '（按时）'}`;
    case 'document-attributes.UnitYearlyReviewCompleted':
      return `${d.year}年度不予公开信息评估完成（${d.tasks}件，${d.onTime ? '按期' : '逾期'}）`;
    case 'requests.RequestReceived':
      return `收到依申请公开申请 ${d.requestId}（${d.receivedOn}${dueText(fact)}）`;
    case 'requests.CorrectionRequested':
      return `申请 ${d.requestId} 通知补正（${d.noticeOn}${dueText(fact)}）`;
    case 'requests.CorrectionReceived':
      return `申请 ${d.requestId} 收到补正材料（${d.receivedOn}${dueText(fact)}）`;
    case 'requests.ConsultationStarted':
      return `申请 ${d.requestId} 开始征求意见（${d.startedOn}${dueText(fact)}）`;
    case 'requests.ConsultationEnded':
      return `申请 ${d.requestId} 结束征求意见（${d.endedOn}${dueText(fact)}）`;
    case 'requests.DeadlineExtended':
      return `申请 ${d.requestId} 延长答复期限${d.workingDays}个工作日至${d.newDueOn}`;
    case 'requests.FeeNoticeIssued':
      return `申请 ${d.requestId} 发出收费通知（${d.noticeOn}${dueText(fact)}）`;
    case 'requests.FeePaid':
      return `申请 ${d.requestId} 缴纳信息处理费（${d.paidOn}${dueText(fact)}）`;
    case 'requests.RequestTransferred':
      return `申请 ${d.requestId} 由 ${d.unitId} 移交 ${d.toUnitId}（${d.transferredOn}）`;
    case 'requests.ReplyIssued':
      return `答复申请 ${d.requestId}（${d.repliedOn}，用时${d.workingDaysUsed}个工作日，${d.onTime ? '按期' : '逾期'}）`;
    case 'requests.RequestAbandoned':
      return `申请 ${d.requestId} 视为放弃（${categoryLabel(d.category)}）`;
    case 'requests.PastOutcomeRecorded':
      return `补录申请 ${d.requestId} 的办理结果（${categoryLabel(d.category)}，${d.closedOn}办结）`;
    case 'interpretation.InterpretationObligationOpened':
      return `《${d.title}》（${d.documentNumber}）应于${d.dueOn}前发布解读`;
    case 'interpretation.InterpretationPublished':
      return `发布政策解读 ${d.documentId}（${d.publishedOn}，${d.late ? `逾期${d.workingDaysLate}个工作日` : '同步/按时'}）`;
    case 'interpretation.ConcernResponsePublished':
      return `回应关切 ${d.concernId}（用时${d.hoursTaken}小时，${d.onTime ? '按时' : '超时'}）`;
    case 'interpretation.ConsultationOpened':
      return `公开征求意见“${d.title}”（${d.opensOn}至${d.closesOn}）`;
    case 'interpretation.AdoptionPublished':
      return `公布征求意见采纳情况 ${d.consultationId}`;
    case 'interpretation.OpenDaySummaryPublished':
      return `举办政府开放日 ${d.openDayId}（${d.heldOn}，${d.attendance}人参加）`;
    case 'interpretation.VillagePostingRecorded':
      return `村(居)务公开 ${d.title}（${d.period}，${d.late ? `逾期${d.daysLate}天` : '按时'}）`;
    case 'assessment.TrainingRecorded':
      return `${d.concentrated ? '集中学习培训' : '培训'}“${d.title}”（${d.heldOn}）`;
    default:
      return fact.type;
  }
}
