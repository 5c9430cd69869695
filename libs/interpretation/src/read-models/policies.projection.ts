import type {
  DocumentIssued,
  FileRef,
  EventEnvelope,
  PublicationRecorded,
  InterpretationMaterialAdded,
  InterpretationObligationOpened,
  InterpretationPlanned,
  InterpretationPublished,
  InterpretationSignedOff,
} from '@gongkai/contracts';
import {
  appliedRevision,
  asTyped,
  BatchedProjection,
  documentChange,
  type DocumentChange,
  withoutMeta,
  type TypedEnvelope,
  viewOf,
} from '@gongkai/platform';
import { obligationStreamId } from '../domain/obligation';

export interface PolicyView {
  documentId: string;
  unitId: string;
  title: string;
  documentNumber: string;
  documentType: string;
  attribute: string;
  issuedOn: string;
  /** The policy's first publication (document-attributes' PublicationRecorded): the interpretation's due date runs from it. */
  policyPublishedOn?: string | null;
  obligation: {
    status: 'open' | 'signed_off' | 'published';
    approvedBy: string;
    dueOn: string;
    limitWorkingDays: number;
    plan: InterpretationPlanned | null;
    signedBy: string | null;
  } | null;
  materials: Omit<InterpretationMaterialAdded, 'documentId'>[];
  interpretation: Pick<
    InterpretationPublished,
    'publishedOn' | 'workingDaysAfterIssue' | 'late' | 'workingDaysLate' | 'channels' | 'materialIds'
  > | null;
}

const EMPTY = { obligation: null, materials: [], interpretation: null };

/** The events this read model handles: the policy's issue (another service's) and its obligation's. */
type PolicyEvent =
  | TypedEnvelope<'document-attributes.DocumentIssued', DocumentIssued>
  | TypedEnvelope<'document-attributes.PublicationRecorded', PublicationRecorded>
  | TypedEnvelope<'interpretation.InterpretationObligationOpened', InterpretationObligationOpened>
  | TypedEnvelope<'interpretation.InterpretationPlanned', InterpretationPlanned>
  | TypedEnvelope<'interpretation.InterpretationMaterialAdded', InterpretationMaterialAdded>
  | TypedEnvelope<'interpretation.InterpretationSignedOff', InterpretationSignedOff>
  | TypedEnvelope<'interpretation.InterpretationPublished', InterpretationPublished>;

/** Each policy with its interpretation obligation and, once published, its interpretation. */
export class PoliciesProjection extends BatchedProjection {
  readonly name = 'interpretation.policies';
  readonly collections = ['policies'];
  readonly eventTypes = [
    'document-attributes.DocumentIssued',
    'document-attributes.PublicationRecorded',
    'interpretation.InterpretationObligationOpened',
    'interpretation.InterpretationPlanned',
    'interpretation.InterpretationMaterialAdded',
    'interpretation.InterpretationSignedOff',
    'interpretation.InterpretationPublished',
  ];

  private get policies() {
    return this.connection.collection('policies');
  }

  changesOf(envelope: EventEnvelope): DocumentChange[] {
    const event = asTyped<PolicyEvent>(envelope);
    if (event.type === 'document-attributes.DocumentIssued' && !event.data.needsInterpretation) return [];
    return [
      documentChange<PolicyView>('policies', event.data.documentId, (current) => {
        const policy = current ? (withoutMeta(current) as PolicyView) : null;
        switch (event.type) {
          case 'document-attributes.DocumentIssued': {
            const { documentId, unitId, title, documentNumber, documentType, attribute, issuedOn } = event.data;
            return { ...EMPTY, ...policy, documentId, unitId, title, documentNumber, documentType, attribute, issuedOn };
          }
          case 'interpretation.InterpretationObligationOpened': {
            const { documentId, unitId, title, documentNumber, documentType, attribute, issuedOn, approvedBy, dueOn, limitWorkingDays } =
              event.data;
            return {
              ...EMPTY,
              ...policy,
              documentId,
              unitId,
              title,
              documentNumber,
              documentType,
              attribute,
              issuedOn,
              obligation: { status: 'open', approvedBy, dueOn, limitWorkingDays, plan: null, signedBy: null },
            };
          }
          case 'interpretation.InterpretationPlanned':
            return policy?.obligation ? { ...policy, obligation: { ...policy.obligation, plan: event.data } } : policy;
          case 'interpretation.InterpretationMaterialAdded': {
            if (!policy?.obligation) return policy;
            const { documentId: _d, ...material } = event.data;
            return {
              ...policy,
              obligation: { ...policy.obligation, status: 'open', signedBy: null },
              materials: [...policy.materials.filter((m) => m.materialId !== material.materialId), material],
            };
          }
          case 'document-attributes.PublicationRecorded':
            // The first publication only (a document may be published on several channels).
            return policy && !policy.policyPublishedOn ? { ...policy, policyPublishedOn: event.data.publishedOn } : policy;
          case 'interpretation.InterpretationSignedOff':
            return policy?.obligation
              ? {
                  ...policy,
                  obligation: { ...policy.obligation, status: 'signed_off', signedBy: event.data.signedBy },
                }
              : policy;
          case 'interpretation.InterpretationPublished': {
            if (!policy?.obligation) return policy;
            const { publishedOn, workingDaysAfterIssue, late, workingDaysLate, channels, materialIds } = event.data;
            return {
              ...policy,
              obligation: { ...policy.obligation, status: 'published' },
              interpretation: { publishedOn, workingDaysAfterIssue, late, workingDaysLate, channels, materialIds },
            };
          }
          default:
            return policy;
        }
      }),
    ];
  }

  async list(filter: { unitId?: string } = {}): Promise<PolicyView[]> {
    const docs = await this.policies
      .find(filter.unitId ? { unitId: filter.unitId } : {}, { sort: { issuedOn: -1, documentId: 1 } })
      .toArray();
    return docs.map((doc) => viewOf<PolicyView>(doc));
  }

  /**
   * The policy with the revision of its obligation's stream it reflects (see `appliedRevision`): the
   * stream the obligation's commands write (the document's own DocumentIssued is another stream).
   */
  async get(documentId: string): Promise<(PolicyView & { revision: number }) | null> {
    const doc = await this.policies.findOne({ _id: documentId as never });
    return doc && { ...viewOf<PolicyView>(doc), revision: appliedRevision(doc, obligationStreamId(documentId)) };
  }
}

/** The materials the public may see: those of a published interpretation of a 主动公开 policy (none otherwise). */
export function publishedMaterials(policy: PolicyView): PolicyView['materials'] {
  const published = policy.interpretation;
  if (!published || policy.attribute !== '主动公开') return [];
  return policy.materials.filter((m) => published.materialIds.includes(m.materialId));
}

/** A published material's file (see `publishedMaterials`), or null: the portal's only way to a material's bytes. */
export function publishedMaterialFile(policy: PolicyView, materialId: string): FileRef | null {
  return publishedMaterials(policy).find((m) => m.materialId === materialId)?.file ?? null;
}

/** What the portal shows: proactively disclosed policies, with their published interpretation materials only. */
export function portalView(policy: PolicyView) {
  const published = policy.interpretation;
  return {
    documentId: policy.documentId,
    title: policy.title,
    documentNumber: policy.documentNumber,
    documentType: policy.documentType,
    unitId: policy.unitId,
    issuedOn: policy.issuedOn,
    interpretations: published
      ? [
          {
            publishedOn: published.publishedOn,
            channels: published.channels,
            late: published.late,
            materials: publishedMaterials(policy),
          },
        ]
      : [],
  };
}
