/**
 * What the interpretation service sends to the portal (zod-free, for the web app). Read from
 * libs/interpretation/src/read-models/policies.projection.ts (`portalView`) and
 * consultations.projection.ts (`publicConsultation`, `ConsultationView`).
 */

export interface InterpretationMaterialView {
  materialId: string;
  form: string;
  title: string;
  body?: string;
  reference?: string;
  [extra: string]: unknown;
}

/** `GET /api/interpretation/policies[/:documentId]` (public): a policy with its published interpretation. */
export interface PublicPolicyView {
  documentId: string;
  title: string;
  documentNumber: string;
  documentType: string;
  unitId: string;
  issuedOn: string;
  interpretations: { publishedOn: string; channels: string[]; late: boolean; materials: InterpretationMaterialView[] }[];
}

/** The adoption summary of a consultation (意见采纳情况). */
export interface AdoptionView {
  summary: string;
  commentsReceived: number;
  adopted: number;
  partlyAdopted: number;
  notAdopted: number;
  publishedOn: string;
  [extra: string]: unknown;
}

/** `GET /api/interpretation/consultations[/:id]` (public): approved comments only, names masked. */
export interface PublicConsultationView {
  consultationId: string;
  unitId: string;
  title: string;
  draft: string;
  kind: string;
  opensOn: string;
  closesOn: string;
  periodDays: number;
  periodUnit: 'calendar_days' | 'working_days';
  minimumDays: number;
  shortPeriodReason?: string;
  legalBasis: string;
  commentCount: number;
  comments: { commentId: string; commenter: string; content: string; submittedOn: string }[];
  adoption: AdoptionView | null;
  /** The revision of the consultation's stream this view reflects (detail only). */
  revision?: number;
}
