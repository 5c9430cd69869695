/**
 * Chinese labels for event types and data fields, for auditors' timelines (audit `history`) and any
 * other place users see an event.
 *
 * Convention: each service keeps its labels in `libs/contracts/src/events/<service>.labels.ts`,
 * exporting `<service>EventLabels: EventLabels` with one entry per event type of `<service>Events`;
 * `registry.ts` merges them into `EVENT_LABELS`. Field labels that mean the same everywhere live in
 * `COMMON_FIELD_LABELS` below; an event's own `fields` override them.
 */
export interface EventLabel {
  /** What happened, as a short Chinese phrase, e.g. 单位更名. */
  label: string;
  /** Chinese names of the event's data fields (only those that differ from COMMON_FIELD_LABELS). */
  fields?: Readonly<Record<string, string>>;
  /**
   * Set on decision events (someone decided something about a document, request, unit…): what the
   * domain requires the event to carry besides the envelope's actor and time. The completeness
   * check (`checkDecisionCompleteness` in @gongkai/audit) tests the contracts against it.
   * Omit it on events that are not decisions, and list them in that check's allow-list.
   */
  decision?: {
    /** The data field naming the unit the decision is about or made in (default `unitId`). */
    unitField?: string;
    /**
     * A decision of the district as a whole (the district office opens a review cycle, publishes an
     * assessment scheme, sets limits): no data field names a unit, the deciding unit is the actor's
     * (envelope `actor.unitId`). Never set it on a decision about one unit's document or request.
     */
    districtWide?: boolean;
    /** The data field holding the legal ground when the decider records it under another name than `legalBasis`/`ground`. */
    groundField?: string;
    /** The data field holding the reason when the decider records it under another name than `reason` (e.g. a statutory reason category). */
    reasonField?: string;
    /** A legal ground (`legalBasis` or `ground`, or `groundField`) must be present. */
    groundRequired: boolean;
    /** A reason (`reason`, or `reasonField`) must be present. */
    reasonRequired: boolean;
  };
  /** Chinese names of coded values, per data field (e.g. `legalBasis: { STATE_SECRET: '属于国家秘密' }`). */
  values?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export type EventLabels = Readonly<Record<string, EventLabel>>;

/** Data fields whose meaning is the same in every service. */
export const COMMON_FIELD_LABELS: Readonly<Record<string, string>> = {
  unitId: '单位代码',
  name: '名称',
  reason: '理由',
  legalBasis: '法律依据',
  ground: '依据',
  basis: '依据',
  documentId: '文件编号',
  requestId: '申请编号',
  itemId: '事项编号',
  note: '备注',
};

/** The data fields an audit timeline shows as the legal ground and as the reason. */
export const GROUND_FIELDS = ['legalBasis', 'ground'] as const;
export const REASON_FIELDS = ['reason'] as const;

/** Where an event of this label keeps its legal ground: the label's `groundField` first, then GROUND_FIELDS. */
export const groundFieldsOf = (label: EventLabel | undefined): readonly string[] =>
  label?.decision?.groundField ? [label.decision.groundField, ...GROUND_FIELDS] : GROUND_FIELDS;
/** Where an event of this label keeps its reason: the label's `reasonField` first, then REASON_FIELDS. */
export const reasonFieldsOf = (label: EventLabel | undefined): readonly string[] =>
  label?.decision?.reasonField ? [label.decision.reasonField, ...REASON_FIELDS] : REASON_FIELDS;
