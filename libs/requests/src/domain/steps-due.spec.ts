import type { LocalDate } from '@gongkai/working-days';
import { stepsDue, type CaseDates } from './steps-due';

const today = '2026-04-10' as LocalDate;
const quiet: CaseDates = { status: 'in_progress', closedOn: null, correction: null, consultations: [], fee: null, investigations: [] };

describe('steps a handler can take now that a period has run out', () => {
  it('none for a quiet case, and none once the case is closed', () => {
    expect(stepsDue(quiet, today)).toEqual([]);
    expect(stepsDue({ ...quiet, closedOn: '2026-04-09', fee: { payByOn: '2026-04-01' } }, today)).toEqual([]);
  });

  it('a correction not received within its period, not on its last day', () => {
    const awaiting = { ...quiet, status: 'awaiting_correction', correction: { correctionDueOn: '2026-04-09' } };
    expect(stepsDue(awaiting, today)).toEqual(['correction_lapsed']);
    expect(stepsDue({ ...awaiting, correction: { correctionDueOn: '2026-04-10' } }, today)).toEqual([]);
    expect(
      stepsDue({ ...awaiting, status: 'registered', correction: { correctionDueOn: '2026-04-09', receivedOn: '2026-04-08' } }, today),
    ).toEqual([]);
  });

  it('a consultation whose answer period ran out: silence can be recorded once the letter’s receipt is known', () => {
    const over = { kind: 'third_party', answerDueOn: '2026-04-09' };
    expect(stepsDue({ ...quiet, consultations: [{ ...over, letterReceivedOn: '2026-03-13' }] }, today)).toEqual([
      'consultation_period_over',
    ]);
    expect(stepsDue({ ...quiet, consultations: [over] }, today)).toEqual(['consultation_receipt_missing']);
    expect(
      stepsDue(
        {
          ...quiet,
          consultations: [{ ...over, endedOn: '2026-04-09' }, { kind: 'agency' }, { kind: 'co_producer', answerDueOn: '2026-04-10' }],
        },
        today,
      ),
    ).toEqual([]);
  });

  it('an unpaid fee past its period, and an assisting unit late to answer', () => {
    expect(stepsDue({ ...quiet, fee: { payByOn: '2026-04-09', noticeReceivedOn: '2026-03-10' } }, today)).toEqual(['fee_lapsed']);
    // The applicant's receipt of the notice not recorded: the period is not known to have run out.
    expect(stepsDue({ ...quiet, fee: { payByOn: '2026-04-09' } }, today)).toEqual(['fee_receipt_missing']);
    expect(stepsDue({ ...quiet, fee: { payByOn: '2026-04-09', paidOn: '2026-04-08' } }, today)).toEqual([]);
    expect(
      stepsDue(
        { ...quiet, investigations: [{ internalDueOn: '2026-04-09' }, { internalDueOn: '2026-04-01', answeredOn: '2026-03-30' }] },
        today,
      ),
    ).toEqual(['investigation_overdue']);
  });

  it('the applicant did not state reasons (Art. 35) within the period given', () => {
    expect(stepsDue({ ...quiet, reasons: { answerDueOn: '2026-04-09' } }, today)).toEqual(['reasons_period_over']);
    expect(stepsDue({ ...quiet, reasons: { answerDueOn: '2026-04-10' } }, today)).toEqual([]);
    expect(stepsDue({ ...quiet, reasons: { answerDueOn: '2026-04-09', outcome: 'rejected' } }, today)).toEqual([]);
  });
});
