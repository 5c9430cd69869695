import type { LocalDate } from '@gongkai/working-days';

/**
 * Steps a handler can take now because a period has run out, which the case page then offers: the
 * clerk's home page lists them, as it lists the cases near their reply deadline.
 * - `correction_lapsed`: no correction within its period; the case can be ended (Art. 30).
 * - `consultation_period_over`: the third party or co-producer let its 15 working days from receipt pass.
 * - `consultation_receipt_missing`: 15 working days from sending have passed, but when the letter
 *   arrived is not recorded, so silence cannot be recorded yet.
 * - `fee_lapsed`: the fee was not paid within its period (counted from the applicant's recorded receipt
 *   of the notice); the case can be ended.
 * - `fee_receipt_missing`: 20 working days from the notice have passed, but when the applicant received
 *   it is not recorded, so the case cannot be ended as unpaid yet (109号: the period runs from receipt).
 * - `reasons_period_over`: the applicant did not state reasons (Art. 35) within the period given.
 * - `investigation_overdue`: the assisting unit has not answered within the internal limit.
 */
export const STEPS_DUE = [
  'correction_lapsed',
  'consultation_period_over',
  'consultation_receipt_missing',
  'fee_lapsed',
  'fee_receipt_missing',
  'investigation_overdue',
  'reasons_period_over',
] as const;
export type StepDue = (typeof STEPS_DUE)[number];

/** The dated parts of a case the steps depend on, as the requests read model keeps them. */
export interface CaseDates {
  status: string;
  closedOn: string | null;
  correction: { correctionDueOn: string; receivedOn?: string } | null;
  consultations: { kind: string; endedOn?: string; letterReceivedOn?: string; answerDueOn?: string }[];
  fee: { payByOn: string; paidOn?: string; noticeReceivedOn?: string } | null;
  investigations: { internalDueOn: string; answeredOn?: string }[];
  /** Absent in documents projected before Art. 35 was recorded. */
  reasons?: { answerDueOn: string; outcome?: string } | null;
}

export function stepsDue(c: CaseDates, today: LocalDate): StepDue[] {
  if (c.closedOn) return [];
  const due: StepDue[] = [];
  if (c.status === 'awaiting_correction' && c.correction && !c.correction.receivedOn && today > c.correction.correctionDueOn)
    due.push('correction_lapsed');
  const waiting = c.consultations.filter((x) => !x.endedOn && x.kind !== 'agency' && x.answerDueOn && today > x.answerDueOn);
  if (waiting.some((x) => x.letterReceivedOn)) due.push('consultation_period_over');
  if (waiting.some((x) => !x.letterReceivedOn)) due.push('consultation_receipt_missing');
  if (c.fee && !c.fee.paidOn && today > c.fee.payByOn) due.push(c.fee.noticeReceivedOn ? 'fee_lapsed' : 'fee_receipt_missing');
  if (c.investigations.some((t) => !t.answeredOn && today > t.internalDueOn)) due.push('investigation_overdue');
  if (c.reasons && !c.reasons.outcome && today > c.reasons.answerDueOn) due.push('reasons_period_over');
  return due;
}
