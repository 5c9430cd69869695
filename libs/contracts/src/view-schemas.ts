import { z } from 'zod';
import { REPORT_DEADLINE_STATUSES } from './vocabulary/requests';
import type * as V from './vocabulary/views';

/**
 * The zod schemas of what the services answer: the same shapes as the zod-free view types the web app
 * reads (./vocabulary/views), checked against them at compile time (`satisfies`), and the OpenAPI
 * response schemas of the routes (`@Returns(...)`, issue 16.8). A route whose view is not here yet
 * answers a schema next to its controller.
 */

const text = z.string();
const day = z.string();
const instant = z.string();
const int = z.number().int();

/** A command's answer: the revision of the stream it wrote (also the ETag), with its ids and outcome. */
export const commandOutcomeSchema = z.looseObject({ revision: int.nonnegative() });

// catalogue

export const unitListViewSchema = z.object({
  unitId: text,
  name: text,
  level: text,
  kind: text,
  opennessOffice: z.object({ office: text, officerName: text, officerPhone: text.optional() }).nullable(),
  responsibleDomains: z.array(text),
  registeredAt: instant,
  updatedAt: instant,
}) satisfies z.ZodType<V.UnitListView>;

export const domainViewSchema = z.object({ code: text, name: text }) satisfies z.ZodType<V.DomainView>;

export const itemContentViewSchema = z.looseObject({
  domainCode: text,
  firstLevel: text,
  secondLevel: text.optional(),
  content: text.optional(),
  legalBases: z.array(z.looseObject({ law: text, article: text.optional() })),
  timeLimit: z.looseObject({ text }).optional(),
  subject: text.optional(),
  method: text.optional(),
  channels: z.array(z.looseObject({ channel: text, other: text.optional() })),
  audience: z.looseObject({ kind: text, detail: text.optional() }).optional(),
  level: text,
  stage: text.optional(),
}) satisfies z.ZodType<V.ItemContentView>;

export const itemVersionViewSchema = z.object({
  version: int,
  publishedAt: instant,
  supersededAt: instant.nullable(),
  reason: text.nullable(),
  publishedBy: text,
  content: itemContentViewSchema,
}) satisfies z.ZodType<V.ItemVersionView>;

const itemStatus = z.enum(['draft', 'published', 'withdrawn']);

export const publicItemViewSchema = z.object({
  itemId: text,
  unitId: text,
  status: itemStatus,
  content: itemContentViewSchema,
  domainCode: text,
  domainName: text,
  guidelineItemCode: text.nullable(),
  version: int,
  versions: z.array(itemVersionViewSchema),
  withdrawal: z.object({ at: instant, reason: text }).nullable(),
  updatedAt: instant,
}) satisfies z.ZodType<V.PublicItemListView>;

export const itemSearchHitSchema = z.object({
  itemId: text,
  unitId: text,
  domainCode: text,
  name: text,
  firstLevel: text,
  score: z.number(),
  matched: z.array(text),
}) satisfies z.ZodType<V.ItemSearchHit>;

export const staffItemViewSchema = z.object({
  itemId: text,
  unitId: text,
  status: itemStatus,
  content: itemContentViewSchema,
  domainCode: text,
  guidelineItemCode: text.nullable(),
  version: int,
  versions: z.array(itemVersionViewSchema),
  withdrawal: z.object({ at: instant, reason: text }).nullable(),
  updatedAt: instant,
  correction: z.object({ note: text, at: instant, by: text }).nullable(),
  transitions: z.array(
    z.object({
      type: text,
      at: instant,
      actor: z.object({ userId: text, unitId: text.nullable(), role: text }),
      version: int.nullable(),
      reason: text.nullable(),
    }),
  ),
}) satisfies z.ZodType<V.StaffItemView>;

export const itemTodoViewSchema = z.object({
  returned: z.array(staffItemViewSchema),
  drafts: z.array(staffItemViewSchema),
}) satisfies z.ZodType<V.ItemTodoView>;

const importAction = z.enum(['create', 'update', 'revise', 'unchanged']);

export const importPreviewViewSchema = z.object({
  format: z.enum(['xlsx', 'docx']),
  tables: z.array(
    z.object({
      source: text,
      kind: z.enum(['sheet', 'table']),
      title: text.nullable(),
      layout: z.enum(['standard', 'published']),
      headerRows: z.union([z.literal(1), z.literal(2)]),
      columns: z.array(z.object({ column: int, heading: text, role: text })),
      domain: z.object({
        code: text.nullable(),
        name: text.nullable(),
        from: z.enum(['column', 'choice', 'sheet', 'title']).nullable(),
      }),
      skipped: z.array(z.object({ rowNumber: int, text })),
    }),
  ),
  rows: z.array(
    z.object({
      source: text,
      rowNumber: int,
      ok: z.boolean(),
      errors: z.array(text),
      firstLevel: text,
      secondLevel: text,
      level: text,
      domainCode: text.nullable(),
      elements: z.object({ 名称: text, 内容: text, 依据: text, 时限: text, 主体: text, 方式: text, 渠道: text, 公开对象: text }),
      itemId: text.nullable(),
      content: itemContentViewSchema.nullable(),
      action: importAction.nullable(),
    }),
  ),
  ignored: z.array(z.object({ source: text, reason: text })),
  summary: z.object({ rows: int, valid: int, invalid: int, create: int, update: int, revise: int, unchanged: int }),
}) satisfies z.ZodType<V.ImportPreviewView>;

const importCounts = { rows: int, created: int, updated: int, revised: int, unchanged: int };
const importedFile = z.object({ sha256: text, size: int, mediaType: text, originalName: text });
export const importReportViewSchema = z.looseObject({
  ...importCounts,
  importId: text.nullable(),
  file: importedFile.nullable(),
}) satisfies z.ZodType<V.ImportReportView>;

export const importListViewSchema = z.object({
  imports: z.array(
    z.object({
      ...importCounts,
      importId: text,
      unitId: text,
      file: importedFile,
      domainCode: text.optional(),
      itemIds: z.array(text),
      importedAt: instant,
    }),
  ),
}) satisfies z.ZodType<V.ImportListView>;

export const matchProposalsViewSchema = z.object({
  unitId: text,
  unitName: text,
  proposals: z.array(
    z.object({
      itemId: text,
      candidates: z.array(z.object({ code: text, firstLevel: text, secondLevel: text, score: z.number(), shared: z.array(text) })),
      proposed: text.nullable(),
    }),
  ),
}) satisfies z.ZodType<V.MatchProposalsView>;

const guidelineItemViewSchema = z.looseObject({
  code: text,
  domainCode: text,
  level: text,
  firstLevel: text,
  secondLevel: text,
  source: z.object({ title: text, issuer: text.optional(), url: text, publishedOn: text.optional(), readOn: text }).optional(),
}) satisfies z.ZodType<V.GuidelineItemView>;

export const matchDecisionResultSchema = z.object({
  itemId: text,
  guidelineItemCode: text,
  decisions: z.record(z.string(), z.enum(['confirmed', 'rejected'])),
  revision: int.nonnegative(),
}) satisfies z.ZodType<V.MatchDecisionResult>;

export const unitCoverageViewSchema = z.object({
  unitId: text,
  unitName: text,
  level: text,
  domains: z.array(
    z.object({
      domainCode: text,
      domainName: text,
      expected: int,
      covered: z.array(guidelineItemViewSchema),
      missing: z.array(guidelineItemViewSchema),
      extra: z.array(z.object({ itemId: text, name: text, domainCode: text, guidelineItemCode: text.nullable() })),
      percent: z.number().nullable(),
      sample: z.boolean(),
    }),
  ),
  overall: z.object({ expected: int, covered: int, missing: int, extra: int, percent: z.number().nullable() }),
}) satisfies z.ZodType<V.UnitCoverageView>;

const checklistLinkViewSchema = z.object({
  targetKind: z.enum(['item', 'document']),
  targetId: text,
  title: text,
  href: text,
  pending: z.boolean(),
}) satisfies z.ZodType<V.ChecklistLinkView>;

export const unitChecklistViewSchema = z.object({
  unitId: text,
  unitName: text,
  unitKind: text,
  revision: int.min(-1),
  counted: int,
  covered: int,
  percent: z.number().nullable(),
  categories: z.array(
    z.object({
      code: text,
      article: text,
      citation: text,
      text,
      catchAll: z.boolean(),
      links: z.array(checklistLinkViewSchema),
      proposals: z.array(checklistLinkViewSchema.extend({ matched: z.array(text) })),
      gap: z.boolean(),
    }),
  ),
}) satisfies z.ZodType<V.UnitChecklistView>;

export const checklistCandidatesViewSchema = z.object({
  items: z.array(z.object({ targetId: text, title: text, domainName: text })),
  documents: z.array(z.object({ targetId: text, title: text, documentNumber: text, published: z.boolean() })),
}) satisfies z.ZodType<V.ChecklistCandidatesView>;

export const checklistOverviewViewSchema = z.array(
  z.object({
    unitId: text,
    unitName: text,
    unitKind: text,
    counted: int,
    covered: int,
    percent: z.number().nullable(),
    gaps: z.array(z.object({ code: text, citation: text, text })),
  }) satisfies z.ZodType<V.ChecklistOverviewRow>,
);

// document-attributes

const documentPhase = z.enum(['drafting', 'proposed', 'confirmed', 'issued']);

const fileView = z.object({ sha256: text, size: int, mediaType: text, originalName: text }) satisfies z.ZodType<V.FileView>;
const markedText = z.array(z.object({ text, hit: z.boolean() }));

export const documentStaffViewSchema = z.object({
  documentId: text,
  unitId: text,
  title: text,
  documentNumber: text,
  documentType: text,
  catalogueItemIds: z.array(text),
  needsInterpretation: z.boolean(),
  forwardsDocumentId: text.nullable(),
  phase: documentPhase,
  attribute: text.nullable(),
  legalBasis: text.nullable(),
  reason: text.nullable(),
  redactedAnnexes: z.array(z.looseObject({ title: text, ground: text })),
  marking: text.nullable(),
  issuedOn: day.nullable(),
  formedOn: day.nullable().optional(),
  publicationDueOn: day.nullable(),
  publications: z.array(z.object({ channel: text, url: text, publishedOn: day, late: z.boolean() })),
  firstPublishedOn: day.nullable(),
  validity: text,
  invalidatedOn: day.nullable(),
  invalidationBasis: text.nullable(),
  reviews: z.record(text, z.object({ status: z.enum(['open', 'kept', 'released']), decidedOn: day.nullable() })),
  pendingSuggestion: z.object({ suggestionId: text, requestCount: int, suggestedOn: day }).nullable(),
  registeredAt: instant,
  updatedAt: instant,
  isPublic: z.boolean(),
  writtenOn: day.nullable().optional(),
  topic: text.nullable().optional(),
  indexNumber: text.nullable().optional(),
  body: fileView.nullable().optional(),
  annexes: z
    .array(
      z.object({
        annexId: text,
        title: text,
        file: fileView,
        redacted: z.object({ file: fileView, redactions: z.array(z.object({ ground: text, description: text })) }).nullable(),
      }),
    )
    .optional(),
  publishedFiles: z.unknown().optional(),
  revision: int.optional(),
}) satisfies z.ZodType<V.DocumentStaffView>;

export const publicDocumentViewSchema = z.object({
  documentId: text,
  unitId: text,
  title: text,
  documentNumber: text,
  documentType: text,
  attribute: z.literal('主动公开'),
  marking: text,
  issuedOn: day.nullable(),
  publications: z.array(z.object({ channel: text, url: text, publishedOn: day })),
  validity: text,
  invalidatedOn: day.nullable(),
  redactedAnnexes: z.array(z.object({ title: text, ground: text })),
  indexNumber: text.nullable().optional(),
  writtenOn: day.nullable().optional(),
  publishedOn: day.nullable().optional(),
  topic: text.nullable().optional(),
  files: z
    .object({
      body: fileView.nullable(),
      annexes: z.array(z.object({ annexId: text, title: text, file: fileView, redactions: z.array(text) })),
    })
    .optional(),
  text: text.nullable().optional(),
}) satisfies z.ZodType<V.PublicDocumentView>;

export const documentSearchViewSchema = z.object({
  query: text,
  hits: z.array(
    z.object({
      documentId: text,
      unitId: text,
      documentType: text,
      topic: text.nullable(),
      publishedOn: day.nullable(),
      documentNumber: text,
      title: markedText,
      snippet: markedText.nullable(),
      score: z.number(),
      matched: z.array(text),
    }),
  ),
}) satisfies z.ZodType<{ query: string; hits: V.DocumentSearchHitView[] }>;

/** The answer of a file upload to a document: the command's revision and the file as recorded. */
export const attachedFileViewSchema = z.looseObject({
  documentId: text,
  revision: int.nonnegative(),
  file: fileView,
  annexId: text.nullable(),
});

export const reviewProgressViewSchema = z.object({
  year: int,
  units: z.array(z.object({ unitId: text, tasks: int, open: int, kept: int, released: int, complete: z.boolean() })),
}) satisfies z.ZodType<V.ReviewProgressView>;

// requests

const clock = z.object({
  dueOn: day.nullable(),
  remainingWorkingDays: int.nullable(),
  overdue: z.boolean(),
  nearDue: z.boolean(),
  paused: z.boolean(),
  provisional: z.boolean(),
});
const summaryShape = {
  requestId: text,
  unitId: text,
  receivedOn: day,
  channel: text,
  applicantType: text,
  description: text,
  status: text,
  statusLabel: text,
  clock: clock.nullable(),
  stage: z.object({ since: day, internalLimitWorkingDays: int.nullable(), internalDueOn: day.nullable(), overInternalLimit: z.boolean() }),
  stepsDue: z.array(
    z.enum(['correction_lapsed', 'consultation_period_over', 'consultation_receipt_missing', 'fee_lapsed', 'investigation_overdue']),
  ),
  possibleRepeatOf: z.array(text),
  category: text.nullable(),
  closedOn: day.nullable(),
  handlerName: text.nullable(),
  backEntered: z.boolean(),
};

export const requestSummaryViewSchema = z.object(summaryShape) satisfies z.ZodType<V.RequestSummaryView>;

const withheld = z.looseObject({ item: text, ground: text, reason: text });
const replyFileRef = z.object({ sha256: text, size: int, mediaType: text, originalName: text }) satisfies z.ZodType<V.ReplyFileRefView>;
const fileRedactions = z.array(z.object({ ground: text, description: text }));
const replyFile = z.object({
  fileId: text,
  file: replyFileRef,
  attachedBy: text,
  redacted: z.object({ file: replyFileRef, redactions: fileRedactions }).optional(),
  downloadedAt: instant.optional(),
}) satisfies z.ZodType<V.ReplyFileView>;

export const replyFileViewSchema = z.object({
  requestId: text,
  revision: int,
  fileId: text,
  file: replyFileRef,
}) satisfies z.ZodType<V.ReplyFileUploadView>;

/**
 * The read model's `RequestView` grows with each handling step (review, reasons, joint applicants…);
 * the schema names what the console reads and lets the rest through.
 */
export const requestDetailViewSchema = z.looseObject({
  ...summaryShape,
  applicant: z.looseObject({
    type: text,
    name: text,
    phone: text.optional(),
    email: text.optional(),
    address: text.optional(),
    idDocument: z.object({ kind: text, masked: text }).optional(),
  }),
  purpose: text.optional(),
  preferredForm: text,
  delivery: text,
  receiptBasis: text.optional(),
  stageSince: day,
  draft: z
    .looseObject({ category: text, content: text, withheld: z.array(withheld), legalBasis: text, draftedBy: text.optional() })
    .nullable(),
  reply: z
    .object({
      repliedOn: day,
      legalBasis: text,
      withheld: z.array(withheld),
      workingDaysUsed: int,
      onTime: z.boolean(),
      files: z.array(z.object({ fileId: text, file: replyFileRef, redactions: fileRedactions })).optional(),
    })
    .nullable(),
  replyFiles: z.array(replyFile).optional(),
  replyFileActions: z.object({ attach: z.boolean(), redact: z.boolean() }),
  correction: z.looseObject({ noticeOn: day, items: z.array(text), correctionDueOn: day, receivedOn: day.optional() }).nullable(),
  review: z
    .object({ reviewedBy: text.optional(), selfReview: z.literal(true).optional(), approved: z.boolean(), reviewedOn: day })
    .nullable()
    .optional(),
  extension: z.object({ workingDays: int, reason: text, approvedBy: text, noticeSentOn: day, newDueOn: day }).nullable(),
  fee: z
    .object({
      method: text,
      quantity: z.number(),
      amountYuan: z.number(),
      noticeOn: day,
      noticeReceivedOn: day.optional(),
      payByOn: day,
      paidOn: day.optional(),
    })
    .nullable(),
  consultations: z.array(
    z.object({
      consultationId: text,
      kind: text,
      party: text,
      subject: text,
      startedOn: day,
      letterReceivedOn: day.optional(),
      answerDueOn: day.optional(),
      endedOn: day.optional(),
      outcome: text.optional(),
      answer: text.optional(),
    }),
  ),
  investigations: z.array(
    z.object({
      taskId: text,
      assistingUnitId: text,
      question: text,
      requestedOn: day,
      internalDueOn: day,
      answeredOn: day.optional(),
      answer: text.optional(),
    }),
  ),
  challenges: z.array(z.looseObject({ challengeId: text, kind: text, filedOn: day, body: text })),
  information: z.object({ informationKey: text, information: text, documentId: text.optional() }).nullable(),
  handler: z.object({ handlerId: text, handlerName: text.optional(), assignedOn: day }).nullable().optional(),
  deliveryRecord: z.object({ deliveredOn: day, method: text, reference: text.optional() }).nullable().optional(),
  archive: z.object({ archivedOn: day, archiveNo: text }).nullable().optional(),
  history: z.array(z.object({ type: text, at: instant, userId: text, unitId: text.nullable(), role: text })),
  updatedAt: instant,
  revision: int,
}) satisfies z.ZodType<V.RequestDetailView>;

export const reportDeadlinesViewSchema = z.object({
  today: day,
  deadlines: z.array(
    z.object({
      unitId: text,
      unitName: text,
      reporter: z.enum(['government', 'unit']),
      year: int,
      dueOn: day,
      status: z.enum(REPORT_DEADLINE_STATUSES),
      daysLeft: int,
      correctedOn: day.optional(),
    }),
  ),
}) satisfies z.ZodType<V.ReportDeadlinesView>;

export const requestStepResultSchema = z.object({
  requestId: text,
  revision: int,
  status: text.nullable(),
  events: z.array(text),
}) satisfies z.ZodType<V.RequestStepResult>;

export const requestReceiptViewSchema = z.object({
  requestId: text,
  trackingCode: text,
  receivedOn: day,
  dueOn: day,
  dueOnProvisional: z.boolean(),
  notice: text,
}) satisfies z.ZodType<V.RequestReceiptView>;

export const requestTrackingViewSchema = z.object({
  status: text,
  statusLabel: text,
  receivedOn: day,
  dueOn: day.nullable(),
  dueOnProvisional: z.boolean(),
  remainingWorkingDays: int.nullable(),
  paused: z.boolean(),
  correctionDueOn: day.optional(),
  feeAmountYuan: z.number().optional(),
  feePayByOn: day.optional(),
  result: text.nullable(),
  closedOn: day.nullable(),
  files: z.array(z.object({ fileId: text, file: replyFileRef, redactions: z.array(text) })),
}) satisfies z.ZodType<V.RequestTrackingView>;

// interpretation

const materialSchema = z.looseObject({
  materialId: text,
  form: text,
  title: text,
  body: text.optional(),
  reference: text.optional(),
  file: fileView.optional(),
  link: text.optional(),
});

export const publicPolicyViewSchema = z.object({
  documentId: text,
  title: text,
  documentNumber: text,
  documentType: text,
  unitId: text,
  issuedOn: day,
  interpretations: z.array(z.object({ publishedOn: day, channels: z.array(text), late: z.boolean(), materials: z.array(materialSchema) })),
}) satisfies z.ZodType<V.PublicPolicyView>;

export const publicConsultationViewSchema = z.object({
  consultationId: text,
  unitId: text,
  title: text,
  draft: text,
  kind: text,
  opensOn: day,
  closesOn: day,
  periodDays: int,
  periodUnit: z.enum(['calendar_days', 'working_days']),
  minimumDays: int,
  shortPeriodReason: text.optional(),
  legalBasis: text,
  commentCount: int,
  comments: z.array(z.object({ commentId: text, commenter: text, content: text, submittedOn: day })),
  adoption: z
    .looseObject({ summary: text, commentsReceived: int, adopted: int, partlyAdopted: int, notAdopted: int, publishedOn: day })
    .nullable(),
  revision: int.optional(),
}) satisfies z.ZodType<V.PublicConsultationView>;

export const obligationStaffViewSchema = z.object({
  documentId: text,
  unitId: text,
  title: text,
  documentNumber: text,
  documentType: text,
  attribute: text,
  issuedOn: day,
  obligation: z
    .object({
      status: z.enum(['open', 'signed_off', 'published']),
      approvedBy: text,
      dueOn: day,
      dueOnProvisional: z.boolean().optional(),
      limitWorkingDays: int,
      plan: z.object({ plan: text, forms: z.array(text), channels: z.array(text) }).nullable(),
      signedBy: text.nullable(),
    })
    .nullable(),
  materials: z.array(materialSchema),
  interpretation: z
    .object({
      publishedOn: day,
      workingDaysAfterIssue: int,
      late: z.boolean(),
      workingDaysLate: int,
      channels: z.array(text),
      materialIds: z.array(text),
    })
    .nullable(),
  revision: int.optional(),
}) satisfies z.ZodType<V.ObligationStaffView>;

export const concernStaffViewSchema = z.object({
  concernId: text,
  source: text,
  topic: text,
  summary: text,
  severity: text,
  registeredAt: instant,
  unitId: text.nullable(),
  dueBy: z.array(z.object({ kind: text, hours: z.number().nullable(), dueAt: instant.nullable() })),
  responses: z.array(
    z.object({
      kind: text,
      content: text,
      channel: text,
      publishedAt: instant,
      dueAt: instant.nullable(),
      hoursTaken: z.number(),
      onTime: z.boolean(),
    }),
  ),
  revision: int.optional(),
}) satisfies z.ZodType<V.ConcernStaffView>;

export const staffCommentViewSchema = z.object({
  commentId: text,
  content: text,
  commenter: text,
  personalDataRef: text.nullable(),
  submittedOn: day,
  status: z.enum(['pending', 'approved', 'rejected']),
  moderationReason: text.nullable(),
}) satisfies z.ZodType<V.StaffCommentView>;

export const publicOpenDayViewSchema = z.object({
  openDayId: text,
  unitId: text,
  title: text,
  description: text,
  heldOn: day,
  announcedOn: day,
  capacity: int,
  noticeDays: int,
  minimumNoticeDays: int,
  year: int,
  registered: int,
  remaining: int,
  status: z.enum(['upcoming', 'held', 'summarised']),
  summary: z.looseObject({ summary: text, attendance: int, registrations: int }).nullable(),
  revision: int.optional(),
}) satisfies z.ZodType<V.PublicOpenDayView>;

// assessment

export const schemeSummaryViewSchema = z.object({
  schemeId: text,
  year: int,
  title: text,
  currentVersion: int,
  opennessWeightPercent: z.number(),
  totalPoints: z.number(),
  versions: z.array(z.object({ version: int, title: text, publishedAt: instant, eventId: text, reason: text.nullable() })),
  frozen: z.object({ asOf: text, schemeVersion: int, inputsHash: text, eventId: text, frozenAt: instant }).nullable(),
}) satisfies z.ZodType<V.SchemeSummaryView>;

// audit

export const recordVerificationSchema = z.object({
  ok: z.boolean(),
  chains: z.looseObject({ streams: int, events: int, firstBreak: z.unknown(), breaks: z.array(z.unknown()) }),
  anchors: z.looseObject({
    anchors: int,
    lastAnchor: z.looseObject({ revision: int, position: int, root: text, recordedAt: instant }).nullable(),
    unanchoredEvents: int,
    findings: z.array(z.looseObject({ kind: text.optional(), message: text.optional() })),
  }),
  /** Every file an event refers to, read back and hashed again (missing or altered ones as findings). */
  files: z
    .object({
      files: int,
      references: int,
      findings: z.array(
        z.object({
          streamId: text,
          streamRevision: int,
          eventType: text,
          path: text,
          sha256: text,
          originalName: text,
          problem: z.enum(['missing', 'altered']),
        }),
      ),
    })
    .optional(),
}) satisfies z.ZodType<V.RecordVerification>;

export const auditHistoryViewSchema = z.object({
  target: text,
  streams: z.array(text),
  entries: z.array(
    z.object({
      position: int,
      streamId: text,
      revision: int,
      recordedAt: instant,
      occurredAt: instant,
      actor: z.object({ userId: text, unitId: text.nullable(), role: text, roleLabel: text }),
      unitId: text.nullable(),
      type: text,
      typeLabel: text,
      ground: text.nullable(),
      reason: text.nullable(),
      fields: z.array(z.object({ name: text, label: text, value: z.unknown() })),
      hash: text,
    }),
  ),
}) satisfies z.ZodType<V.AuditHistoryView>;

/**
 * Answers whose full view is not typed in ./vocabulary/views yet: their top level and the fields the
 * clients rely on; further fields are allowed (looseObject).
 */
const some = z.looseObject({});
export const someObjectSchema = some;
export const someListSchema = z.array(some);

export const guidelineVersionViewSchema = z.looseObject({ version: int, title: text, items: z.array(guidelineItemViewSchema) });
export const guidelineVersionListSchema = z.array(z.looseObject({ version: int, title: text }));
export const unitCatalogueViewSchema = z.looseObject({
  unit: unitListViewSchema,
  asOf: text.nullable(),
  items: z.array(publicItemViewSchema),
});
export const domainCatalogueViewSchema = z.looseObject({ domain: domainViewSchema, items: z.array(publicItemViewSchema) });
export const itemSearchViewSchema = z.object({ query: text, hits: z.array(itemSearchHitSchema) });
export const negativeEntryViewSchema = z.looseObject({
  entryId: text,
  ownerUnitId: text,
  status: itemStatus,
  content: some,
  publishedAt: instant.nullable(),
  reviews: z.array(z.object({ reviewedOn: day, note: text, by: text })),
  withdrawal: z.object({ at: instant, reason: text }).nullable(),
  updatedAt: instant,
  reviewOverdue: z.boolean(),
});
export const districtCoverageViewSchema = z.array(z.looseObject({ unitId: text, unitName: text }));
export const milestonesViewSchema = z.looseObject({ unitId: text, milestones: someListSchema });
export const reviewCycleProgressViewSchema = reviewProgressViewSchema.extend({
  assignedTasks: z.record(text, int),
  completedUnits: z.array(text),
});
export const publicDocumentListViewSchema = z.object({ total: int, documents: z.array(publicDocumentViewSchema) });
export const cleanupResultsViewSchema = z.array(
  z.object({
    campaignId: text,
    title: text,
    unitId: text,
    publishedOn: day,
    entries: z.array(z.object({ documentId: text, documentNumber: text, title: text, outcome: text, note: text.optional() })),
  }),
);
export const assessedUnitViewSchema = z.looseObject({
  unitId: text,
  name: text,
  level: text,
  kind: text,
  hasOpennessOffice: z.boolean(),
  opennessOffice: text.nullable(),
  officerName: text.nullable(),
  sourceEventIds: z.array(text),
});
export const auditReadModelsViewSchema = z.array(z.object({ name: text, collections: z.array(text), eventTypes: z.array(text) }));
export const auditAnchorsViewSchema = z.array(z.looseObject({ revision: int, recordedAt: instant, changed: int, text }));
export const overduePublicationsViewSchema = z.looseObject({ asOf: day, documents: someListSchema });

/** `POST /api/interpretation/consultations/:id/comments` (public): the citizen's receipt, no revision. */
export const commentReceiptViewSchema = z.object({ consultationId: text, commentId: text, message: text });
/** `POST /api/interpretation/open-days/:id/registrations` (public): the registration's id, no revision. */
export const openDayRegistrationViewSchema = z.object({ openDayId: text, registrationId: text });

/** `POST /api/requests/:requestId/erase-personal-data`: the requests whose applicant was erased. */
export const applicantErasureViewSchema = z.object({
  requestIds: z.array(text),
  reason: text,
  erasedOn: day,
  retentionEndedOn: day.optional(),
});
