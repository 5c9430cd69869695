import {
  ATTRIBUTE_MARKINGS,
  DOCUMENT_NUMBER_PATTERN,
  WITHHOLDING_GROUNDS,
  type DisclosureAttribute,
  type OfficialDocumentType,
  type RedactedAnnex,
  type Role,
  type WithholdingGround,
} from '@gongkai/contracts';
import { DomainError, type Decider } from '@gongkai/platform/domain';
import { defaultWorkingDayCalendar, isLocalDate, type LocalDate } from '@gongkai/working-days';
import { evolveDocument, initialDocumentState, type DocumentEvent, type DocumentState, type RegisteredDocument } from './document';

/** Who gives a command: deciders enforce separation of duties, so the actor travels in the command. */
export interface CommandActor {
  userId: string;
  role: Role;
  unitId: string | null;
}

/** Art. 26: proactive disclosure within 20 working days of the information being formed or changed. */
export const PUBLICATION_WORKING_DAYS = 20;

export interface ForwardedAttribute {
  documentId: string;
  /** null when the forwarded document has no attribute yet */
  attribute: DisclosureAttribute | null;
  legalBasis: WithholdingGround | null;
  reason: string | null;
}

export type DocumentCommand =
  | {
      type: 'RegisterDocument';
      documentId: string;
      unitId: string;
      title: string;
      documentNumber: string;
      documentType: OfficialDocumentType;
      catalogueItemIds: string[];
      needsInterpretation: boolean;
      forwardsDocumentId: string | null;
      by: CommandActor;
    }
  | {
      type: 'ProposeAttribute';
      /** Optional for a forwarding document: it inherits the forwarded one's. */
      attribute?: DisclosureAttribute;
      legalBasis?: WithholdingGround | null;
      reason?: string | null;
      redactedAnnexes?: RedactedAnnex[];
      /** Loaded by the application from the forwarded document's stream. */
      forwarded?: ForwardedAttribute | null;
      by: CommandActor;
    }
  | {
      type: 'ReviewAttribute';
      outcome: 'approve' | 'change' | 'return';
      attribute?: DisclosureAttribute;
      legalBasis?: WithholdingGround | null;
      reason?: string | null;
      redactedAnnexes?: RedactedAnnex[];
      by: CommandActor;
    }
  | { type: 'IssueDocument'; issuedOn: string; by: CommandActor }
  | { type: 'RecordPublication'; channel: string; url: string; publishedOn: string; by: CommandActor }
  | { type: 'OpenYearlyReview'; year: number }
  | {
      type: 'DecideYearlyReview';
      year: number;
      decision: 'keep' | 'release';
      legalBasis?: WithholdingGround | null;
      reason: string;
      decidedOn: string;
      by: CommandActor;
    }
  | { type: 'InvalidateDocument'; status: '失效' | '废止'; effectiveOn: string; legalBasis: string; campaignId?: string | null }
  | { type: 'ReceiveDisclosureSuggestion'; suggestionId: string; requestCount: number; suggestedOn: string }
  | {
      type: 'AnswerDisclosureSuggestion';
      suggestionId: string;
      answer: 'accepted' | 'declined';
      reason: string;
      answeredOn: string;
      by: CommandActor;
    };

const notFound = () => DomainError.notFound('DOCUMENT_NOT_FOUND', '该公文不存在。');

export const groundLabel = (ground: WithholdingGround) =>
  `${WITHHOLDING_GROUNDS[ground].label}（《政府信息公开条例》${WITHHOLDING_GROUNDS[ground].article}）`;

/** The statutory publication due date: the 20th working day after `from` (the day itself not counted). */
export function publicationDueDate(from: string): LocalDate | DomainError {
  if (!isLocalDate(from)) return DomainError.validation('INVALID_DATE', `日期“${from}”无效，应为 YYYY-MM-DD。`);
  try {
    return defaultWorkingDayCalendar().addWorkingDays(from, PUBLICATION_WORKING_DAYS);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
}

const hasText = (value: string | null | undefined): value is string => typeof value === 'string' && value.trim().length >= 2;

interface AttributeChoice {
  attribute: DisclosureAttribute;
  legalBasis: WithholdingGround | null;
  reason: string | null;
  redactedAnnexes: RedactedAnnex[];
}

/** The rules every attribute decision obeys, at proposal and at review alike. */
function checkAttributeChoice(choice: AttributeChoice): DomainError | null {
  if (choice.attribute === '主动公开') {
    if (choice.legalBasis) {
      return DomainError.rule('GROUND_NOT_APPLICABLE', '主动公开的公文不需要不予公开的依据；如含不公开的附件，请作为“删除附件”逐项说明。');
    }
    return null;
  }
  if (!choice.legalBasis) {
    return DomainError.rule(
      'GROUND_REQUIRED',
      `公开属性为“${choice.attribute}”时，须列明《政府信息公开条例》第十四条至第十六条规定的依据。`,
    );
  }
  if (!hasText(choice.reason)) return DomainError.rule('REASON_REQUIRED', `公开属性为“${choice.attribute}”时，须说明理由。`);
  if (choice.redactedAnnexes.length > 0) {
    return DomainError.rule('REDACTED_ANNEXES_ONLY_FOR_PUBLIC', '只有主动公开的公文需要列明不公开的附件；整件不公开时无需逐项列明。');
  }
  return null;
}

function checkDate(value: string, field: string): DomainError | null {
  return isLocalDate(value) ? null : DomainError.validation('INVALID_DATE', `${field}“${value}”无效，应为 YYYY-MM-DD。`);
}

function decideOnRegistered(
  command: Exclude<DocumentCommand, { type: 'RegisterDocument' }>,
  state: RegisteredDocument,
): DocumentEvent[] | DomainError {
  const { documentId, unitId } = state;
  switch (command.type) {
    case 'ProposeAttribute': {
      if (state.phase !== 'drafting') {
        return DomainError.rule('NOT_IN_DRAFTING', '公开属性只能在拟文阶段提出；已提交保密审查或已印发的公文不能重新提出。');
      }
      let choice: AttributeChoice;
      let inheritedFrom: string | null = null;
      if (state.forwardsDocumentId) {
        const forwarded = command.forwarded;
        if (!forwarded || forwarded.documentId !== state.forwardsDocumentId || !forwarded.attribute) {
          return DomainError.rule(
            'FORWARDED_ATTRIBUTE_UNKNOWN',
            '被转发公文尚未确定公开属性，转发文件须沿用其公开属性，请待其确定后再提出。',
          );
        }
        if (command.attribute && command.attribute !== forwarded.attribute) {
          return DomainError.rule(
            'FORWARDING_MUST_INHERIT',
            `转发文件应沿用被转发文件的公开属性“${forwarded.attribute}”，不能提出“${command.attribute}”。`,
          );
        }
        choice = {
          attribute: forwarded.attribute,
          legalBasis: forwarded.attribute === '主动公开' ? null : (command.legalBasis ?? forwarded.legalBasis),
          reason: forwarded.attribute === '主动公开' ? (command.reason ?? null) : (command.reason ?? forwarded.reason),
          redactedAnnexes: command.redactedAnnexes ?? [],
        };
        inheritedFrom = forwarded.documentId;
      } else {
        if (!command.attribute) return DomainError.validation('ATTRIBUTE_REQUIRED', '请选择公开属性。');
        choice = {
          attribute: command.attribute,
          legalBasis: command.legalBasis ?? null,
          reason: command.reason ?? null,
          redactedAnnexes: command.redactedAnnexes ?? [],
        };
      }
      const invalid = checkAttributeChoice(choice);
      if (invalid) return invalid;
      return [
        {
          type: 'document-attributes.AttributeProposed',
          data: { documentId, unitId, ...choice, reason: choice.reason ?? null, inheritedFrom, proposedBy: command.by.userId },
        },
      ];
    }
    case 'ReviewAttribute': {
      if (command.by.role !== 'reviewer') {
        return DomainError.forbidden('REVIEWER_ROLE_REQUIRED', '保密审查须由保密审查人员进行。');
      }
      if (command.by.userId === state.draftedBy || command.by.userId === state.proposedBy) {
        return DomainError.forbidden('SELF_REVIEW_FORBIDDEN', '起草人不能对自己起草的公文进行保密审查（审查与起草须由不同人员承担）。');
      }
      if (state.phase !== 'proposed' || !state.attribute) {
        return DomainError.rule('NOT_AWAITING_REVIEW', '该公文当前没有待审查的公开属性建议。');
      }
      const previousAttribute = state.attribute;
      const reviewedBy = command.by.userId;
      if (command.outcome === 'return') {
        if (!hasText(command.reason)) return DomainError.rule('REASON_REQUIRED', '退回时须说明理由。');
        return [
          {
            type: 'document-attributes.ConfidentialityReviewed',
            data: {
              documentId,
              unitId,
              outcome: 'returned',
              attribute: null,
              previousAttribute,
              legalBasis: null,
              reason: command.reason,
              redactedAnnexes: [],
              reviewedBy,
            },
          },
        ];
      }
      if (command.outcome === 'approve') {
        return [
          {
            type: 'document-attributes.ConfidentialityReviewed',
            data: {
              documentId,
              unitId,
              outcome: 'approved',
              attribute: previousAttribute,
              previousAttribute,
              legalBasis: state.legalBasis,
              reason: hasText(command.reason) ? command.reason : null,
              redactedAnnexes: state.redactedAnnexes,
              reviewedBy,
            },
          },
        ];
      }
      if (!command.attribute) return DomainError.validation('ATTRIBUTE_REQUIRED', '变更公开属性时须选择新的公开属性。');
      if (!hasText(command.reason)) return DomainError.rule('REASON_REQUIRED', '变更公开属性时须说明理由。');
      if (state.inheritedFrom && command.attribute !== previousAttribute) {
        return DomainError.rule('FORWARDING_MUST_INHERIT', `转发文件应沿用被转发文件的公开属性“${previousAttribute}”，审查时不能变更。`);
      }
      const choice: AttributeChoice = {
        attribute: command.attribute,
        legalBasis: command.legalBasis ?? null,
        reason: command.reason,
        redactedAnnexes: command.redactedAnnexes ?? [],
      };
      const invalid = checkAttributeChoice(choice);
      if (invalid) return invalid;
      return [
        {
          type: 'document-attributes.ConfidentialityReviewed',
          data: { documentId, unitId, outcome: 'changed', previousAttribute, ...choice, reason: command.reason, reviewedBy },
        },
      ];
    }
    case 'IssueDocument': {
      if (state.phase === 'issued') return DomainError.conflict('ALREADY_ISSUED', '该公文已印发。');
      if (state.phase !== 'confirmed' || !state.attribute) {
        return DomainError.rule('REVIEW_NOT_PASSED', '公文须经保密审查确认公开属性后方可印发。');
      }
      const badDate = checkDate(command.issuedOn, '印发日期');
      if (badDate) return badDate;
      let publicationDueOn: string | null = null;
      if (state.attribute === '主动公开') {
        const due = publicationDueDate(command.issuedOn);
        if (due instanceof DomainError) return due;
        publicationDueOn = due;
      }
      return [
        {
          type: 'document-attributes.DocumentIssued',
          data: {
            documentId,
            unitId,
            title: state.title,
            documentNumber: state.documentNumber,
            documentType: state.documentType,
            attribute: state.attribute,
            marking: ATTRIBUTE_MARKINGS[state.attribute],
            needsInterpretation: state.needsInterpretation,
            approvedBy: command.by.userId,
            issuedOn: command.issuedOn,
            publicationDueOn,
            ...(state.legalBasis ? { ground: state.legalBasis } : {}),
            ...(state.forwardsDocumentId ? { forwardsDocumentId: state.forwardsDocumentId } : {}),
          },
        },
      ];
    }
    case 'RecordPublication': {
      if (state.phase !== 'issued' || !state.issuedOn) return DomainError.rule('NOT_ISSUED', '公文尚未印发，不能登记公开发布。');
      if (state.attribute !== '主动公开') {
        return DomainError.rule('NOT_PROACTIVE', `该公文的公开属性为“${state.attribute}”，不能公开发布。`);
      }
      const badDate = checkDate(command.publishedOn, '发布日期');
      if (badDate) return badDate;
      if (command.publishedOn < state.issuedOn) return DomainError.rule('PUBLISHED_BEFORE_ISSUE', '发布日期不能早于印发日期。');
      if (state.publications.some((p) => p.channel === command.channel)) {
        return DomainError.conflict('ALREADY_PUBLISHED_ON_CHANNEL', `该公文已在“${command.channel}”发布。`);
      }
      const recomputed = state.publicationDueFrom ? publicationDueDate(state.publicationDueFrom) : null;
      const dueOn = typeof recomputed === 'string' ? recomputed : state.publicationDueOn;
      const late = dueOn !== null && command.publishedOn > dueOn;
      return [
        {
          type: 'document-attributes.PublicationRecorded',
          data: { documentId, unitId, channel: command.channel, url: command.url, publishedOn: command.publishedOn, late },
        },
      ];
    }
    case 'OpenYearlyReview': {
      if (state.openReviewYear === command.year || state.reviewedYears.includes(command.year)) return []; // idempotent
      if (state.phase !== 'issued' || state.validity !== '现行有效' || state.attribute === '主动公开' || !state.attribute) {
        return DomainError.rule('NOT_SUBJECT_TO_REVIEW', '只有现行有效、已印发的不予公开和依申请公开公文需要年度评估。');
      }
      if (state.openReviewYear !== null) {
        return DomainError.rule('REVIEW_STILL_OPEN', `该公文 ${state.openReviewYear} 年度的评估尚未完成。`);
      }
      return [
        { type: 'document-attributes.YearlyReviewOpened', data: { documentId, unitId, year: command.year, attribute: state.attribute } },
      ];
    }
    case 'DecideYearlyReview': {
      if (state.openReviewYear !== command.year || !state.attribute || state.attribute === '主动公开') {
        return DomainError.rule('NO_OPEN_REVIEW', `该公文没有 ${command.year} 年度待评估的任务。`);
      }
      if (!hasText(command.reason)) return DomainError.rule('REASON_REQUIRED', '年度评估须说明理由。');
      const badDate = checkDate(command.decidedOn, '评估日期');
      if (badDate) return badDate;
      const previousAttribute = state.attribute;
      const base = {
        documentId,
        unitId,
        year: command.year,
        previousAttribute,
        reason: command.reason,
        decidedOn: command.decidedOn,
        decidedBy: command.by.userId,
      };
      if (command.decision === 'keep') {
        const legalBasis = command.legalBasis ?? state.legalBasis;
        if (!legalBasis) return DomainError.rule('GROUND_REQUIRED', '继续不予公开（或依申请公开）须列明依据。');
        return [
          {
            type: 'document-attributes.YearlyReviewDecided',
            data: { ...base, decision: 'keep', attribute: previousAttribute, legalBasis, publicationDueOn: null },
          },
        ];
      }
      const due = publicationDueDate(command.decidedOn);
      if (due instanceof DomainError) return due;
      return [
        {
          type: 'document-attributes.YearlyReviewDecided',
          data: { ...base, decision: 'release', attribute: '主动公开', legalBasis: null, publicationDueOn: due },
        },
      ];
    }
    case 'InvalidateDocument': {
      if (state.phase !== 'issued' || !state.issuedOn) return DomainError.rule('NOT_ISSUED', '公文尚未印发，无需宣布失效或废止。');
      if (state.validity !== '现行有效')
        return DomainError.conflict('ALREADY_INVALID', `该公文已于 ${state.invalidatedOn} ${state.validity}。`);
      const badDate = checkDate(command.effectiveOn, '失效（废止）日期');
      if (badDate) return badDate;
      if (command.effectiveOn < state.issuedOn) return DomainError.rule('INVALID_BEFORE_ISSUE', '失效（废止）日期不能早于印发日期。');
      if (!hasText(command.legalBasis)) return DomainError.rule('BASIS_REQUIRED', '宣布失效或废止须说明依据。');
      return [
        {
          type: 'document-attributes.DocumentInvalidated',
          data: {
            documentId,
            unitId,
            status: command.status,
            effectiveOn: command.effectiveOn,
            legalBasis: command.legalBasis,
            campaignId: command.campaignId ?? null,
          },
        },
      ];
    }
    case 'ReceiveDisclosureSuggestion': {
      if (state.answeredSuggestions.includes(command.suggestionId) || state.pendingSuggestion?.suggestionId === command.suggestionId)
        return [];
      // Already proactive (or not yet issued): nothing to suggest.
      if (state.phase !== 'issued' || state.attribute === '主动公开') return [];
      return [
        {
          type: 'document-attributes.ProactiveDisclosureSuggestionReceived',
          data: {
            documentId,
            unitId,
            suggestionId: command.suggestionId,
            requestCount: command.requestCount,
            suggestedOn: command.suggestedOn,
          },
        },
      ];
    }
    case 'AnswerDisclosureSuggestion': {
      if (state.pendingSuggestion?.suggestionId !== command.suggestionId) {
        return DomainError.rule('NO_PENDING_SUGGESTION', '该公文没有待答复的转为主动公开的建议。');
      }
      if (!hasText(command.reason)) return DomainError.rule('REASON_REQUIRED', '答复建议须说明理由。');
      const badDate = checkDate(command.answeredOn, '答复日期');
      if (badDate) return badDate;
      let publicationDueOn: string | null = null;
      if (command.answer === 'accepted') {
        const due = publicationDueDate(command.answeredOn);
        if (due instanceof DomainError) return due;
        publicationDueOn = due;
      }
      return [
        {
          type: 'document-attributes.ProactiveDisclosureSuggestionAnswered',
          data: {
            documentId,
            unitId,
            suggestionId: command.suggestionId,
            answer: command.answer,
            reason: command.reason,
            answeredOn: command.answeredOn,
            publicationDueOn,
            answeredBy: command.by.userId,
          },
        },
      ];
    }
  }
}

export function decideDocument(command: DocumentCommand, state: DocumentState): DocumentEvent[] | DomainError {
  if (command.type === 'RegisterDocument') {
    if (state.status === 'registered') return DomainError.conflict('DOCUMENT_ALREADY_REGISTERED', '该公文已登记。');
    if (!DOCUMENT_NUMBER_PATTERN.test(command.documentNumber)) {
      return DomainError.validation('DOCUMENT_NUMBER_INVALID', `文号“${command.documentNumber}”格式有误，应如“台政办发〔2020〕10号”。`);
    }
    if (command.forwardsDocumentId === command.documentId) return DomainError.rule('FORWARDS_ITSELF', '公文不能转发其自身。');
    const { type: _type, by, ...data } = command;
    return [
      {
        type: 'document-attributes.DocumentRegistered',
        data: { ...data, catalogueItemIds: [...new Set(data.catalogueItemIds)], draftedBy: by.userId },
      },
    ];
  }
  if (state.status !== 'registered') return notFound();
  return decideOnRegistered(command, state);
}

export const documentDecider: Decider<DocumentCommand, DocumentEvent, DocumentState> = {
  initialState: initialDocumentState,
  evolve: evolveDocument,
  decide: decideDocument,
};
