import type { PublicConsultationKind, InterpretationLimits } from '@gongkai/contracts';
import { DomainError, type Decider } from '@gongkai/platform/domain';
import { addCalendarDays, parseLocalDate, type WorkingDayCalendar } from '@gongkai/working-days';
import { evolveConsultation, initialConsultationState, type ConsultationEvent, type ConsultationState } from './consultation';
import { calendarDaysBetween } from './dates';
import { decideErasure, maskName, maskPersonalData, type ErasePersonalData } from './personal-data';

type Outcome = '采纳' | '部分采纳' | '未采纳';

export type ConsultationCommand =
  | {
      type: 'OpenConsultation';
      consultationId: string;
      unitId: string;
      title: string;
      draft: string;
      kind: PublicConsultationKind;
      opensOn: string;
      closesOn: string;
      shortPeriodReason?: string;
      today: string;
      limits: InterpretationLimits;
    }
  | {
      type: 'SubmitComment';
      commentId: string;
      /** As written: numbers inside are masked here, before the event. */
      content: string;
      /** As given: the event carries its masked form in clear and the full name sealed (crypto-shredding). */
      commenterName?: string;
      /** As given: sealed in the event. */
      contact?: string;
      /** HMAC of the contact (computed outside the domain: it needs the key); null when none was given. */
      contactDigest: string | null;
      /** The key subject of the sealed fields (`interpretation.commenter/<ref>`); null when nothing personal was given. */
      personalDataRef: string | null;
      today: string;
    }
  | { type: 'ModerateComment'; commentId: string; decision: 'approved' | 'rejected'; reason?: string }
  | { type: 'PublishAdoption'; summary: string; outcomes: { commentId: string; outcome: Outcome; reason?: string }[]; today: string }
  /** Records the erasure of a commenter's name and contact (the HTTP layer deletes the document after). */
  | ErasePersonalData;

export const CONSULTATION_BASIS: Record<PublicConsultationKind, string> = {
  major_decision: '《重大行政决策程序暂行条例》第十四条：征求意见期限一般不少于30日',
  normative_document: '国办发〔2018〕37号：行政规范性文件征求意见期限一般不少于7个工作日',
  other: '台政办发〔2020〕10号 三(五)：完善决策公众参与机制',
};

type Command<T extends ConsultationCommand['type']> = Extract<ConsultationCommand, { type: T }>;
type Existing = Exclude<ConsultationState, { status: 'none' }>;
type Period = { periodDays: number; periodUnit: 'calendar_days' | 'working_days'; minimumDays: number; unit: string };

/** The consultation decider; the calendar is data (the statutory working days), not I/O. */
export function consultationDecider(calendar: WorkingDayCalendar): Decider<ConsultationCommand, ConsultationEvent, ConsultationState> {
  function period(kind: PublicConsultationKind, opensOn: string, closesOn: string, limits: InterpretationLimits): Period | DomainError {
    switch (kind) {
      case 'major_decision':
        return {
          periodDays: calendarDaysBetween(opensOn, closesOn) + 1,
          periodUnit: 'calendar_days',
          minimumDays: limits.majorDecisionCommentDays,
          unit: '日',
        };
      case 'normative_document': {
        const periodDays = calendar.workingDaysBetweenChecked(addCalendarDays(parseLocalDate(opensOn), -1), parseLocalDate(closesOn));
        if (periodDays instanceof DomainError) return periodDays;
        return { periodDays, periodUnit: 'working_days', minimumDays: limits.normativeDocumentCommentWorkingDays, unit: '个工作日' };
      }
      case 'other':
        return { periodDays: calendarDaysBetween(opensOn, closesOn) + 1, periodUnit: 'calendar_days', minimumDays: 0, unit: '日' };
    }
  }

  function openConsultation(command: Command<'OpenConsultation'>, state: ConsultationState): ConsultationEvent[] | DomainError {
    if (state.status !== 'none') return DomainError.conflict('CONSULTATION_EXISTS', `征求意见 ${command.consultationId} 已存在。`);
    if (command.opensOn < command.today) return DomainError.rule('OPENS_IN_PAST', '征求意见的开始日期不能早于今天。');
    if (command.closesOn < command.opensOn) return DomainError.rule('CLOSES_BEFORE_OPENS', '截止日期不能早于开始日期。');
    const counted = period(command.kind, command.opensOn, command.closesOn, command.limits);
    if (counted instanceof DomainError) return counted;
    const { unit, ...computed } = counted;
    const reason = command.shortPeriodReason?.trim();
    if (computed.periodDays < computed.minimumDays && !reason) {
      return DomainError.rule(
        'COMMENT_PERIOD_TOO_SHORT',
        `征求意见期限为 ${computed.periodDays}${unit}，少于规定的 ${computed.minimumDays}${unit}；确需缩短的，须说明理由。`,
        { periodDays: computed.periodDays, minimumDays: computed.minimumDays },
      );
    }
    const { consultationId, unitId, title, draft, kind, opensOn, closesOn } = command;
    return [
      {
        type: 'interpretation.ConsultationOpened',
        data: {
          consultationId,
          unitId,
          title,
          draft,
          kind,
          opensOn,
          closesOn,
          ...computed,
          ...(computed.periodDays < computed.minimumDays && reason ? { shortPeriodReason: reason } : {}),
          legalBasis: CONSULTATION_BASIS[kind],
        },
      },
    ];
  }

  function decide(command: ConsultationCommand, state: ConsultationState): ConsultationEvent[] | DomainError {
    if (command.type === 'OpenConsultation') return openConsultation(command, state);
    if (state.status === 'none') return DomainError.notFound('CONSULTATION_NOT_FOUND', '该征求意见不存在。');
    switch (command.type) {
      case 'SubmitComment':
        return submitComment(command, state);
      case 'ModerateComment':
        return moderateComment(command, state);
      case 'ErasePersonalData':
        // Allowed whatever the consultation's status: a citizen's right to erasure does not end with the period.
        return decideErasure(
          state.comments.find((c) => c.commentId === command.recordId),
          command,
          { kind: 'comment', unitId: state.opened.unitId, subjectId: state.opened.consultationId },
        );
      case 'PublishAdoption':
        return publishAdoption(command, state);
    }
  }
  return { initialState: initialConsultationState, evolve: evolveConsultation, decide };
}

function submitComment(command: Command<'SubmitComment'>, state: Existing): ConsultationEvent[] | DomainError {
  const { consultationId, opensOn, closesOn } = state.opened;
  if (command.today < opensOn) return DomainError.rule('CONSULTATION_NOT_YET_OPEN', `征求意见将于 ${opensOn} 开始，请届时提交。`);
  if (command.today > closesOn || state.status !== 'open')
    return DomainError.rule('CONSULTATION_CLOSED', `征求意见已于 ${closesOn} 截止。`);
  if (state.comments.some((c) => c.commentId === command.commentId)) return [];
  const { commentId, content, commenterName, contact, contactDigest, personalDataRef, today } = command;
  const masked = maskPersonalData(content);
  // Nothing personal can be sealed without a subject to seal it under.
  const personal = personalDataRef !== null;
  return [
    {
      type: 'interpretation.CommentSubmitted',
      data: {
        consultationId,
        unitId: state.opened.unitId,
        commentId,
        content: masked,
        displayName: maskName(commenterName),
        contactDigest,
        personalDataRef,
        commenterName: (personal && commenterName) || null,
        contact: (personal && contact) || null,
        originalContent: personal && masked !== content ? content : null,
        submittedOn: today,
      },
    },
  ];
}

function moderateComment(command: Command<'ModerateComment'>, state: Existing): ConsultationEvent[] | DomainError {
  const comment = state.comments.find((c) => c.commentId === command.commentId);
  if (!comment) return DomainError.notFound('COMMENT_NOT_FOUND', '该意见不存在。');
  if (comment.status !== 'pending') return DomainError.conflict('COMMENT_ALREADY_MODERATED', '该意见已审核。');
  if (command.decision === 'rejected' && !command.reason?.trim())
    return DomainError.rule('REJECTION_REASON_REQUIRED', '不予公开的意见须说明理由。');
  const { type: _command, ...moderation } = command;
  const { consultationId, unitId } = state.opened;
  return [{ type: 'interpretation.CommentModerated', data: { consultationId, unitId, ...moderation } }];
}

function publishAdoption(command: Command<'PublishAdoption'>, state: Existing): ConsultationEvent[] | DomainError {
  const { consultationId, closesOn } = state.opened;
  if (state.status === 'adoption_published') return DomainError.conflict('ADOPTION_ALREADY_PUBLISHED', '采纳情况已公布。');
  if (command.today <= closesOn) return DomainError.rule('CONSULTATION_STILL_OPEN', `征求意见 ${closesOn} 截止后方可公布采纳情况。`);
  if (state.comments.some((c) => c.status === 'pending')) return DomainError.rule('COMMENTS_PENDING', '尚有意见未审核，请先审核全部意见。');
  const approved = state.comments.filter((c) => c.status === 'approved').map((c) => c.commentId);
  const missing = approved.filter((id) => !command.outcomes.some((o) => o.commentId === id));
  if (missing.length > 0) return DomainError.rule('OUTCOME_MISSING', `以下意见尚未说明采纳情况：${missing.join('、')}。`);
  const stray = command.outcomes.filter((o) => !approved.includes(o.commentId));
  if (stray.length > 0)
    return DomainError.rule('OUTCOME_FOR_UNKNOWN_COMMENT', `以下意见不存在或未通过审核：${stray.map((o) => o.commentId).join('、')}。`);
  const unexplained = command.outcomes.filter((o) => o.outcome !== '采纳' && !o.reason?.trim());
  if (unexplained.length > 0) {
    return DomainError.rule(
      'NON_ADOPTION_REASON_REQUIRED',
      `未采纳或部分采纳的意见须说明理由：${unexplained.map((o) => o.commentId).join('、')}。`,
    );
  }
  const count = (outcome: Outcome) => command.outcomes.filter((o) => o.outcome === outcome).length;
  return [
    {
      type: 'interpretation.AdoptionPublished',
      data: {
        consultationId,
        unitId: state.opened.unitId,
        kind: state.opened.kind,
        summary: command.summary,
        commentsReceived: state.comments.length,
        commentsApproved: approved.length,
        outcomes: command.outcomes,
        adopted: count('采纳'),
        partlyAdopted: count('部分采纳'),
        notAdopted: count('未采纳'),
        publishedOn: command.today,
      },
    },
  ];
}
