import type { LocalDate } from '@gongkai/working-days';

/**
 * Steps a handler can take now because a period has run out, which the case page then offers: the
 * clerk's home page lists them, as it lists the cases near their reply deadline.
 * - `correction_lapsed`: no correction within its period; the case can be ended (Art. 30).
 * - `consultation_period_over`: the third party or co-producer let its 15 working days from receipt pass.
 * - `consultation_receipt_missing`: 15 working days from sending have passed, but when the letter
 *   arrived is not recorded, so silence cannot be recorded yet.
 * - `fee_lapsed`: the fee was not paid within its period; the case can be ended.
 * - `investigation_overdue`: the assisting unit has not answered within the internal limit.
 */
export const STEPS_DUE = [
  'correction_lapsed',
  'consultation_period_over',
  'consultation_receipt_missing',
  'fee_lapsed',
  'investigation_overdue',
] as const;
export type StepDue = (typeof STEPS_DUE)[number];

/** The dated parts of a case the steps depend on, as the requests read model keeps them. */
export interface CaseDates {
  status: string;
  closedOn: string | null;
  correction: { correctionDueOn: string; receivedOn?: string } | null;
  consultations: { kind: string; endedOn?: string; letterReceivedOn?: string; answerDueOn?: string }[];
  fee: { payByOn: string; paidOn?: string } | null;
  investigations: { internalDueOn: string; answeredOn?: string }[];
}

export function stepsDue(c: CaseDates, today: LocalDate): StepDue[] {
  if (c.closedOn) return [];
  const due: StepDue[] = [];
  if (c.status === 'awaiting_correction' && c.correction && !c.correction.receivedOn && today > c.correction.correctionDueOn)
    due.push('correction_lapsed');
  const waiting = c.consultations.filter((x) => !x.endedOn && x.kind !== 'agency' && x.answerDueOn && today > x.answerDueOn);
  if (waiting.some((x) => x.letterReceivedOn)) due.push('consultation_period_over');
  if (waiting.some((x) => !x.letterReceivedOn)) due.push('consultation_receipt_missing');
  if (c.fee && !c.fee.paidOn && today > c.fee.payByOn) due.push('fee_lapsed');
  if (c.investigations.some((t) => !t.answeredOn && today > t.internalDueOn)) due.push('investigation_overdue');
  return due;
}
