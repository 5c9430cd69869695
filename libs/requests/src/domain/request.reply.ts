import { REPLY_CATEGORIES } from '@gongkai/contracts';
import { DomainError } from '@gongkai/platform/domain';
import type { WorkingDayCalendar } from '@gongkai/working-days';
import { CATEGORY_LEGAL } from './legal-basis';
import { dueDate, workingDaysUsed, type OpenRequest } from './request';
import { checkDate, ids, wrongStatus, type CommandOf, type Decision } from './request.commands';
import { filesFitCategory, publishedReplyFiles } from './request.files';
import { SUPPLIES_INFORMATION } from './request.handling';

/** The reply and after: draft, review, reply (Art. 36–37), delivery, archive, the Art. 44 link, challenges. */

export function draftReply(command: CommandOf<'DraftReply'>, s: OpenRequest): Decision {
  if (!['registered', 'in_progress'].includes(s.status)) return wrongStatus(s, '起草答复');
  if (command.category === 'other.no_correction' || command.category === 'other.unpaid') {
    return DomainError.rule('CATEGORY_BY_ABANDONMENT', '逾期不补正、逾期未缴费由“终止办理”记录，不能作为答复类型起草。');
  }
  if (Object.values(s.consultations).some((c) => c.open)) return DomainError.rule('CONSULTATION_OPEN', '征求意见尚未结束，不能起草答复。');
  if (s.fee && !s.fee.paid) return DomainError.rule('FEE_UNPAID', '信息处理费尚未缴纳，不能答复。');
  if (command.category === 'partial' && command.withheld.length === 0) {
    return DomainError.rule('PARTIAL_NEEDS_WITHHELD', '部分公开须逐项列明不予公开的内容及理由。');
  }
  if (command.category !== 'partial' && command.withheld.length > 0) {
    return DomainError.rule('WITHHELD_ONLY_FOR_PARTIAL', '只有“部分公开”需要列明不予公开的内容。');
  }
  const badGround = command.withheld.find((w) => REPLY_CATEGORIES[w.ground].group !== '不予公开');
  if (badGround) return DomainError.rule('INVALID_WITHHOLD_GROUND', `“${badGround.item}”的不予公开理由应为“不予公开”类别之一。`);
  const refused = preconditionOf(command, s) ?? filesFitCategory(s, command.category);
  if (refused) return refused;
  const { access, holdingAgency } = command;
  return [
    {
      type: 'requests.ReplyDrafted',
      data: {
        ...ids(s),
        category: command.category,
        withheld: command.withheld,
        content: command.content,
        legalBasis: CATEGORY_LEGAL[command.category].article,
        draftedBy: command.by.userId,
        ...(access ? { access } : {}),
        ...(holdingAgency ? { holdingAgency } : {}),
      },
    },
  ];
}

/**
 * What a category needs to have happened first: Art. 35 reasons asked (and not accepted) before
 * 大量反复; a correction actually requested and received before 补正后仍不明确; the Art. 32 notice to a
 * third party that objected before disclosing; a per-page fee only on a reply that supplies information.
 */
function preconditionOf(command: CommandOf<'DraftReply'>, s: OpenRequest): DomainError | null {
  const { category } = command;
  if (category === 'reject.mass_repeat') {
    if (!s.reasons?.outcome) {
      return DomainError.rule(
        'REASONS_NOT_ASKED',
        '按“无正当理由大量反复申请”答复前，须先要求申请人说明理由并登记结果（条例第三十五条）。',
      );
    }
    if (s.reasons.outcome === 'accepted') {
      return DomainError.rule('REASONS_ACCEPTED', '申请人说明的理由合理，不能按“无正当理由大量反复申请”不予处理；可确定延迟答复的期限。');
    }
  }
  if (category === 'unable.still_unclear' && !s.correction?.receivedOn) {
    return DomainError.rule('NO_CORRECTION_RECEIVED', '“补正后申请内容仍不明确”只能在发出补正通知并收到补正材料后适用。');
  }
  if (SUPPLIES_INFORMATION.has(category)) {
    const objected = Object.values(s.consultations).find((c) => c.kind === 'third_party' && c.answer === 'objected' && !c.notified);
    if (objected) {
      return DomainError.rule(
        'THIRD_PARTY_NOT_NOTIFIED',
        `第三方“${objected.party}”不同意公开；决定公开的，须先将决定公开的内容和理由书面告知第三方（条例第三十二条）。`,
      );
    }
  } else if (s.fee?.method === 'per_page') {
    return DomainError.rule(
      'PER_PAGE_FEE_WITHOUT_INFORMATION',
      '已按量计收信息处理费，但本答复不提供信息：按量计收仅适用于提供政府信息的情形。',
    );
  }
  return null;
}

export function reviewReply(command: CommandOf<'ReviewReply'>, s: OpenRequest): Decision {
  if (s.status !== 'under_review') return wrongStatus(s, '审核答复');
  if (!['reviewer', 'office_head'].includes(command.by.role)) {
    return DomainError.forbidden('REVIEW_NEEDS_REVIEWER', '答复须由审核人员或政府信息公开工作机构负责人审核。');
  }
  const selfReview = s.draft?.draftedBy === command.by.userId;
  if (selfReview && !command.allowSelfReview) {
    return DomainError.forbidden('SELF_REVIEW', '答复的审核人不能是其起草人（审核与办理分离）。');
  }
  return [
    {
      type: 'requests.ReplyReviewed',
      data: {
        ...ids(s),
        approved: command.approved,
        ...(command.comment ? { comment: command.comment } : {}),
        reviewedOn: command.today,
        reviewedBy: command.by.userId,
        ...(selfReview ? { selfReview: true as const } : {}),
      },
    },
  ];
}

export function issueReply(command: CommandOf<'IssueReply'>, s: OpenRequest, calendar: WorkingDayCalendar): Decision {
  const { today } = command;
  if (s.status !== 'approved' || !s.draft) return wrongStatus(s, '答复（须先起草并经审核通过）');
  const used = workingDaysUsed(calendar, s.clock, today);
  if (used instanceof DomainError) return used;
  const due = dueDate(calendar, s.clock, today) ?? today;
  if (due instanceof DomainError) return due;
  return [
    {
      type: 'requests.ReplyIssued',
      data: {
        ...ids(s),
        category: s.draft.category,
        withheld: s.draft.withheld,
        legalBasis: s.draft.legalBasis,
        repliedOn: today,
        workingDaysUsed: used,
        onTime: today <= due,
        ...(s.replyFiles?.length ? { files: publishedReplyFiles(s) } : {}),
      },
    },
  ];
}

/**
 * 补录 of a past outcome: a back-entered request answered (or ended) before it was entered, with its
 * true date. Only on a back-entered request, still without any handling recorded here.
 */
export function recordPastOutcome(command: CommandOf<'RecordPastOutcome'>, s: OpenRequest): Decision {
  if (!s.backEntered) return DomainError.rule('NOT_BACK_ENTERED', '只有补录的申请才能补录办理结果；其他申请请按办理流程答复。');
  if (s.status !== 'registered' && s.status !== 'in_progress') return wrongStatus(s, '补录办理结果');
  const future = checkDate(command.closedOn, command.today, '答复（办结）日期');
  if (future) return future;
  if (command.closedOn < s.receivedOn) return DomainError.rule('CLOSED_BEFORE_RECEIPT', '答复（办结）日期不能早于收到申请日期。');
  return [
    {
      type: 'requests.PastOutcomeRecorded',
      data: {
        ...ids(s),
        category: command.category,
        closedOn: command.closedOn,
        legalBasis: CATEGORY_LEGAL[command.category].article,
        ...(command.note ? { note: command.note } : {}),
      },
    },
  ];
}

export function recordDelivery(command: CommandOf<'RecordDelivery'>, s: OpenRequest): Decision {
  if (s.status !== 'replied') return wrongStatus(s, '登记送达');
  return [
    {
      type: 'requests.ReplyDelivered',
      data: {
        ...ids(s),
        deliveredOn: command.today,
        method: command.method,
        ...(command.reference ? { reference: command.reference } : {}),
      },
    },
  ];
}

export function archiveRequest(command: CommandOf<'ArchiveRequest'>, s: OpenRequest): Decision {
  if (s.status !== 'delivered' && s.status !== 'abandoned') return wrongStatus(s, '归档（须先送达答复或终止办理）');
  return [{ type: 'requests.RequestArchived', data: { ...ids(s), archivedOn: command.today, archiveNo: command.archiveNo } }];
}

/** Names the information asked for, so that the Art. 44 process manager counts the applicants who obtained it. */
export function linkInformation(command: CommandOf<'LinkInformation'>, s: OpenRequest): Decision {
  const { informationKey, information, documentId } = command;
  return [{ type: 'requests.InformationLinked', data: { ...ids(s), informationKey, information, ...(documentId ? { documentId } : {}) } }];
}

/**
 * A reconsideration or lawsuit, in any state of the request: against no reply in time (the commonest),
 * against the reply, or by a third party against a decision to disclose. Table 4 counts them all.
 */
export function fileChallenge(command: CommandOf<'FileChallenge'>, s: OpenRequest): Decision {
  if (s.challenges[command.challengeId]) return DomainError.conflict('CHALLENGE_EXISTS', '该复议或诉讼已登记。');
  const future = checkDate(command.filedOn, command.today, '立案日期');
  if (future) return future;
  if (command.filedOn < s.receivedOn) return DomainError.rule('DATE_BEFORE_RECEIPT', '复议或诉讼日期不能早于收到申请日期。');
  const party = command.party ?? 'applicant';
  const against = command.against ?? (party === 'third_party' ? 'disclosure' : s.reply ? 'reply' : 'no_reply');
  if ((party === 'third_party') !== (against === 'disclosure')) {
    return DomainError.rule('CHALLENGE_PARTY_MISMATCH', '第三方只能就公开决定提起复议或诉讼；申请人针对答复或未按期答复。');
  }
  if (against === 'reply') {
    if (!s.reply) return DomainError.rule('NO_REPLY_YET', '该申请尚未答复：请登记为针对“未按期答复”的复议或诉讼。');
    if (command.filedOn < s.reply.closedOn) return DomainError.rule('DATE_BEFORE_REPLY', '复议或诉讼日期不能早于答复日期。');
  }
  if (against === 'disclosure' && !(s.draft && SUPPLIES_INFORMATION.has(s.draft.category))) {
    return DomainError.rule('NO_DISCLOSURE_DECISION', '该申请没有公开决定，第三方无从提起复议或诉讼。');
  }
  const { challengeId, kind, filedOn, body } = command;
  return [{ type: 'requests.ChallengeFiled', data: { ...ids(s), challengeId, kind, filedOn, body, party, against } }];
}

export function decideChallenge(command: CommandOf<'DecideChallenge'>, s: OpenRequest): Decision {
  const challenge = s.challenges[command.challengeId];
  if (!challenge) return DomainError.notFound('CHALLENGE_NOT_FOUND', '该复议或诉讼不存在。');
  if (challenge.decided) return DomainError.conflict('CHALLENGE_DECIDED', '该复议或诉讼已审结。');
  const future = checkDate(command.decidedOn, command.today, '审结日期');
  if (future) return future;
  return [
    {
      type: 'requests.ChallengeDecided',
      data: { ...ids(s), challengeId: command.challengeId, outcome: command.outcome, decidedOn: command.decidedOn },
    },
  ];
}
