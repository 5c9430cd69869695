import type { Actor, PersonalDataErased, PersonalDataErasureReason, PersonalDataKind } from '@gongkai/contracts';
import { hasRole, UNIT_STAFF_ROLES } from '@gongkai/contracts/vocabulary';
import { DomainError, type DomainEvent } from '@gongkai/platform/domain';

/**
 * Masking of personal data (个人信息保护), pure so that deciders, upcasters and projections share it,
 * and the erasure decision both deciders share. Events carry a masked name in clear; since v3 the full
 * name and contact are sealed in the event with the subject's key (crypto-shredding, ADR 0010).
 */

/** 王小明 → 王**; no name → 匿名. Keeps the first character (code point) only. */
export function maskName(name: string | null | undefined): string {
  const chars = Array.from((name ?? '').trim());
  if (chars.length === 0) return '匿名';
  return `${chars[0]}${'*'.repeat(Math.max(1, Math.min(chars.length - 1, 29)))}`;
}

/** Mobile numbers and ID-card numbers inside free text are masked (138****5678, 370***********34). */
export const maskPersonalData = (text: string): string =>
  text
    .replace(/\d{17}[\dXx]|\d{15}/g, (id) => `${id.slice(0, 3)}***********${id.slice(-2)}`)
    .replace(/1[3-9]\d{9}/g, (m) => `${m.slice(0, 3)}****${m.slice(-4)}`);

/**
 * Who reads a citizen's name and contact: the staff of the owning unit only (they moderate and
 * contact), narrower than the platform's unit reading (`unitReadError`): not the district office,
 * not auditors. Null when allowed. Erasing is broader: the unit or the district office (`unitActionError`).
 */
export function personalDataReadError(who: Pick<Actor, 'role' | 'unitId'>, unitId: string): DomainError | null {
  if (hasRole(who.role, UNIT_STAFF_ROLES) && who.unitId === unitId) return null;
  return DomainError.forbidden('OTHER_UNIT', `个人信息仅限单位 ${unitId} 的工作人员查阅。`);
}

/** The ground of every erasure of a commenter's or registrant's name and contact. */
export const PERSONAL_DATA_ERASURE_BASIS =
  '《中华人民共和国个人信息保护法》第四十七条：处理目的已实现、不再必要或者个人撤回同意等情形的，个人信息处理者应当删除个人信息';

/** The command both deciders (consultation, open day) take to record an erasure. */
export interface ErasePersonalData {
  type: 'ErasePersonalData';
  /** The personal-data document: must be the one the comment or registration refers to. */
  refId: string;
  /** commentId or registrationId. */
  recordId: string;
  reason: string;
  today: string;
  /** The category (PIPL Art. 47): the unit erases on request (the default), the system when the retention period ended. */
  ground?: PersonalDataErasureReason;
  /** Retention: the day the period ended. */
  retentionEndedOn?: string;
}

export const ERASURE_REASON_MIN = 2;
export const ERASURE_REASON_MAX = 500;

/** Normalised reason, or null when it is too short or too long (the HTTP schema says which). */
export function erasureReason(reason: string): string | null {
  // UTF-16 length, as the contract (zod) counts it.
  const trimmed = reason.trim();
  return trimmed.length >= ERASURE_REASON_MIN && trimmed.length <= ERASURE_REASON_MAX ? trimmed : null;
}

/** What a decider keeps of one comment or registration for erasures. */
export interface PersonalDataHolder {
  personalDataRef: string | null;
  /** The date its personal data was erased (PersonalDataErased), null while it is kept. */
  erasedOn: string | null;
}

/** The consultation (comment) or open day (registration) an erasure is recorded in. */
export interface ErasureSubject {
  kind: PersonalDataKind;
  unitId: string;
  subjectId: string;
}

const WHERE: Record<PersonalDataKind, string> = {
  comment: '该征求意见中没有与该个人信息对应的意见',
  open_day_registration: '该开放日活动中没有与该个人信息对应的报名',
  meeting_attendance: '该会议没有登记列席人员',
};

/**
 * The erasure decision both deciders share: the document must be the one this comment or
 * registration refers to, not erased before, and a reason must be given; then PersonalDataErased,
 * with the ground and the reason, and nothing personal.
 */
export function decideErasure(
  holder: PersonalDataHolder | undefined,
  command: ErasePersonalData,
  subject: ErasureSubject,
): DomainEvent<'interpretation.PersonalDataErased', PersonalDataErased>[] | DomainError {
  if (!holder || holder.personalDataRef !== command.refId) {
    return DomainError.notFound('PERSONAL_DATA_RECORD_NOT_FOUND', `${WHERE[subject.kind]}（${command.recordId}）。`);
  }
  if (holder.erasedOn !== null)
    return DomainError.conflict('PERSONAL_DATA_ALREADY_ERASED', `该个人信息已于 ${holder.erasedOn} 删除。`, { erasedOn: holder.erasedOn });
  const reason = erasureReason(command.reason);
  if (reason === null)
    return DomainError.rule('ERASURE_REASON_REQUIRED', `删除个人信息须说明理由（${ERASURE_REASON_MIN} 至 ${ERASURE_REASON_MAX} 字）。`);
  const { refId, recordId, today, ground = 'request_by_person', retentionEndedOn } = command;
  return [
    {
      type: 'interpretation.PersonalDataErased',
      data: {
        refId,
        ...subject,
        recordId,
        legalBasis: PERSONAL_DATA_ERASURE_BASIS,
        reason,
        erasedOn: today,
        ground,
        ...(retentionEndedOn ? { retentionEndedOn } : {}),
      },
    },
  ];
}
