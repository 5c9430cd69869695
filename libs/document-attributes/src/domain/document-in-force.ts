import { DomainError } from '@gongkai/platform/domain';
import type { WorkingDayCalendar } from '@gongkai/working-days';
import type { DocumentEvent, RegisteredDocument } from './document';
import type { DocumentCommandOf } from './document-commands';
import { checkDate, hasText, publicationDueDate } from './document-rules';

/**
 * An issued document in force: the yearly review of a withheld one (年度评估), a suggestion to make it
 * proactive (Art. 44), its repeal or expiry (失效/废止).
 */

export function openYearlyReview(command: DocumentCommandOf<'OpenYearlyReview'>, state: RegisteredDocument): DocumentEvent[] | DomainError {
  if (state.openReviewYear === command.year || state.reviewedYears.includes(command.year)) return []; // idempotent
  if (state.phase !== 'issued' || state.validity !== '现行有效' || state.attribute === '主动公开' || !state.attribute) {
    return DomainError.rule('NOT_SUBJECT_TO_REVIEW', '只有现行有效、已印发的不予公开和依申请公开公文需要年度评估。');
  }
  if (state.openReviewYear !== null) {
    return DomainError.rule('REVIEW_STILL_OPEN', `该公文 ${state.openReviewYear} 年度的评估尚未完成。`);
  }
  return [
    {
      type: 'document-attributes.YearlyReviewOpened',
      data: { documentId: state.documentId, unitId: state.unitId, year: command.year, attribute: state.attribute },
    },
  ];
}

export function decideYearlyReview(
  command: DocumentCommandOf<'DecideYearlyReview'>,
  state: RegisteredDocument,
  calendar: WorkingDayCalendar,
): DocumentEvent[] | DomainError {
  if (state.openReviewYear !== command.year || !state.attribute || state.attribute === '主动公开') {
    return DomainError.rule('NO_OPEN_REVIEW', `该公文没有 ${command.year} 年度待评估的任务。`);
  }
  if (!hasText(command.reason)) return DomainError.rule('REASON_REQUIRED', '年度评估须说明理由。');
  const badDate = checkDate(command.decidedOn, '评估日期');
  if (badDate) return badDate;
  const previousAttribute = state.attribute;
  const base = {
    documentId: state.documentId,
    unitId: state.unitId,
    year: command.year,
    previousAttribute,
    reason: command.reason,
    decidedOn: command.decidedOn,
    decidedBy: command.by.userId,
  };
  if (command.decision === 'keep') {
    // 依申请公开 stays on its reason (outside Arts. 19–21), without an Art. 14–16 ground; 不予公开 needs its ground.
    const legalBasis = previousAttribute === '依申请公开' ? null : (command.legalBasis ?? state.legalBasis);
    if (previousAttribute === '不予公开' && !legalBasis) return DomainError.rule('GROUND_REQUIRED', '继续不予公开须列明依据。');
    if (previousAttribute === '依申请公开' && command.legalBasis) {
      return DomainError.rule('GROUND_NOT_APPLICABLE', '依申请公开不适用第十四条至第十六条的依据；继续依申请公开请说明理由。');
    }
    return [
      {
        type: 'document-attributes.YearlyReviewDecided',
        data: { ...base, decision: 'keep', attribute: previousAttribute, legalBasis, publicationDueOn: null },
      },
    ];
  }
  const due = publicationDueDate(calendar, command.decidedOn);
  if (due instanceof DomainError) return due;
  return [
    {
      type: 'document-attributes.YearlyReviewDecided',
      data: { ...base, decision: 'release', attribute: '主动公开', legalBasis: null, publicationDueOn: due },
    },
  ];
}

export function invalidateDocument(
  command: DocumentCommandOf<'InvalidateDocument'>,
  state: RegisteredDocument,
): DocumentEvent[] | DomainError {
  if (state.phase !== 'issued' || !state.issuedOn) return DomainError.rule('NOT_ISSUED', '公文尚未印发，无需宣布失效或废止。');
  if (state.validity !== '现行有效') {
    return DomainError.conflict('ALREADY_INVALID', `该公文已于 ${state.invalidatedOn} ${state.validity}。`);
  }
  const badDate = checkDate(command.effectiveOn, '失效（废止）日期');
  if (badDate) return badDate;
  if (command.effectiveOn < state.issuedOn) return DomainError.rule('INVALID_BEFORE_ISSUE', '失效（废止）日期不能早于印发日期。');
  if (!hasText(command.legalBasis)) return DomainError.rule('BASIS_REQUIRED', '宣布失效或废止须说明依据。');
  return [
    {
      type: 'document-attributes.DocumentInvalidated',
      data: {
        documentId: state.documentId,
        unitId: state.unitId,
        status: command.status,
        effectiveOn: command.effectiveOn,
        legalBasis: command.legalBasis,
        campaignId: command.campaignId ?? null,
      },
    },
  ];
}

export function receiveDisclosureSuggestion(
  command: DocumentCommandOf<'ReceiveDisclosureSuggestion'>,
  state: RegisteredDocument,
): DocumentEvent[] | DomainError {
  if (state.answeredSuggestions.includes(command.suggestionId) || state.pendingSuggestion?.suggestionId === command.suggestionId) {
    return [];
  }
  // Already proactive (or not yet issued): nothing to suggest.
  if (state.phase !== 'issued' || state.attribute === '主动公开') return [];
  return [
    {
      type: 'document-attributes.ProactiveDisclosureSuggestionReceived',
      data: {
        documentId: state.documentId,
        unitId: state.unitId,
        suggestionId: command.suggestionId,
        requestCount: command.requestCount,
        suggestedOn: command.suggestedOn,
      },
    },
  ];
}

export function answerDisclosureSuggestion(
  command: DocumentCommandOf<'AnswerDisclosureSuggestion'>,
  state: RegisteredDocument,
  calendar: WorkingDayCalendar,
): DocumentEvent[] | DomainError {
  if (state.pendingSuggestion?.suggestionId !== command.suggestionId) {
    return DomainError.rule('NO_PENDING_SUGGESTION', '该公文没有待答复的转为主动公开的建议。');
  }
  if (!hasText(command.reason)) return DomainError.rule('REASON_REQUIRED', '答复建议须说明理由。');
  const badDate = checkDate(command.answeredOn, '答复日期');
  if (badDate) return badDate;
  const publicationDueOn = command.answer === 'accepted' ? publicationDueDate(calendar, command.answeredOn) : null;
  if (publicationDueOn instanceof DomainError) return publicationDueOn;
  return [
    {
      type: 'document-attributes.ProactiveDisclosureSuggestionAnswered',
      data: {
        documentId: state.documentId,
        unitId: state.unitId,
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
