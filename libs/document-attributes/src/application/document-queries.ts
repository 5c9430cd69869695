import {
  asTyped,
  assertReadsUnit,
  describeEvent,
  DomainError,
  readScope,
  readsEveryUnit,
  type CommandHandler,
  type Principal,
} from '@gongkai/platform';
import { documentStreamId } from '../domain/document';
import type { DocumentEnvelope, DocumentView } from '../read-models/document-view';
import type { DocumentFigures, DocumentsProjection } from '../read-models/documents.projection';
import { statutoryDocumentDecider } from './document-commands';

/**
 * What staff read about documents. Unit staff read their own unit's; the district office, admins
 * and auditors read every unit's (`readsEveryUnit`).
 */

const notFound = () => DomainError.notFound('DOCUMENT_NOT_FOUND', '该公文不存在。');

export async function staffDocument(
  documents: DocumentsProjection,
  principal: Principal,
  documentId: string,
): Promise<DocumentView & { revision: number }> {
  const view = await documents.get(documentId);
  if (!view) throw notFound();
  assertReadsUnit(principal, view.unitId);
  return view;
}

/** Overdue publications as of a day (the given one, else `today`). */
export async function overduePublications(
  documents: DocumentsProjection,
  principal: Principal,
  query: { asOf?: string; unitId?: string },
  today: string,
): Promise<{ asOf: string; documents: DocumentView[] }> {
  const unitId = readScope(principal, query.unitId);
  const asOf = query.asOf ?? today;
  return { asOf, documents: await documents.overdue(asOf, unitId) };
}

export async function documentFigures(
  documents: DocumentsProjection,
  principal: Principal,
  query: { year: number; unitId?: string },
): Promise<DocumentFigures> {
  if (query.unitId) assertReadsUnit(principal, query.unitId);
  else if (!readsEveryUnit(principal)) throw DomainError.validation('UNIT_REQUIRED', '请指明单位（unitId）。');
  return documents.figures(query.year, query.unitId ?? null);
}

/** The attribute facts of one decision, as recorded (codes, not labels). */
interface DecisionFacts {
  outcome: string | null;
  attribute: string | null;
  previousAttribute: string | null;
  legalBasis: string | null;
  reason: string | null;
}

const NO_FACTS: DecisionFacts = { outcome: null, attribute: null, previousAttribute: null, legalBasis: null, reason: null };

function decisionFacts(event: DocumentEnvelope): DecisionFacts {
  switch (event.type) {
    case 'document-attributes.AttributeProposed': {
      const { attribute, legalBasis, reason } = event.data;
      return { ...NO_FACTS, attribute, legalBasis, reason };
    }
    case 'document-attributes.ConfidentialityReviewed': {
      const { outcome, attribute, previousAttribute, legalBasis, reason } = event.data;
      return { outcome, attribute, previousAttribute, legalBasis, reason };
    }
    case 'document-attributes.DocumentIssued':
      return { ...NO_FACTS, attribute: event.data.attribute, legalBasis: event.data.ground ?? null };
    case 'document-attributes.YearlyReviewOpened':
      return { ...NO_FACTS, attribute: event.data.attribute };
    case 'document-attributes.YearlyReviewDecided': {
      const { decision, attribute, previousAttribute, legalBasis, reason } = event.data;
      return { outcome: decision, attribute, previousAttribute, legalBasis, reason };
    }
    case 'document-attributes.DocumentInvalidated':
      return { ...NO_FACTS, outcome: event.data.status, legalBasis: event.data.legalBasis };
    case 'document-attributes.ProactiveDisclosureSuggestionAnswered':
      return { ...NO_FACTS, outcome: event.data.answer, reason: event.data.reason };
    default:
      return NO_FACTS;
  }
}

/**
 * Every decision on a document, read from the event store itself (for auditors): who, which unit,
 * on what ground, why, when — labelled as the audit timeline labels them (`describeEvent`).
 */
export async function documentDecisions(commands: CommandHandler, principal: Principal, documentId: string) {
  const { state, history } = await commands.load(statutoryDocumentDecider(), documentStreamId(documentId));
  if (state.status !== 'registered') throw notFound();
  assertReadsUnit(principal, state.unitId);
  return {
    documentId,
    unitId: state.unitId,
    documentNumber: state.documentNumber,
    title: state.title,
    currentAttribute: state.attribute,
    decisions: history.map((envelope) => {
      const described = describeEvent(envelope);
      const facts = decisionFacts(asTyped<DocumentEnvelope>(envelope));
      return {
        streamRevision: envelope.streamRevision,
        type: envelope.type,
        decision: described.typeLabel,
        outcome: facts.outcome,
        attribute: facts.attribute,
        previousAttribute: facts.previousAttribute,
        legalBasis: facts.legalBasis,
        legalBasisLabel: described.ground,
        reason: facts.reason,
        actor: envelope.actor,
        occurredAt: envelope.occurredAt,
        recordedAt: envelope.recordedAt,
        eventId: envelope.eventId,
        hash: envelope.hash,
      };
    }),
  };
}
