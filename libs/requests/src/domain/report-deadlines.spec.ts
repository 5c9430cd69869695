import type { LocalDate } from '@gongkai/working-days';
import { annualReportDueOn, reportsDue, reportStatus, reportYearsInPlay, type ReportProgress } from './report-deadlines';

const day = (iso: string) => iso as LocalDate;
const nothing: ReportProgress = { draftSaved: false, finalised: false, published: false };

describe('the annual report deadlines (departments and towns by 31 January, the government by 31 March)', () => {
  it('gives the due date of each kind of reporter, in the year after the report year', () => {
    expect(annualReportDueOn('unit', 2026)).toBe('2027-01-31');
    expect(annualReportDueOn('government', 2026)).toBe('2027-03-31');
  });

  it("puts the previous year's report in play all year, and the current year's from 1 December", () => {
    expect(reportYearsInPlay(day('2027-01-05'))).toEqual([2026]);
    expect(reportYearsInPlay(day('2026-11-30'))).toEqual([2025]);
    expect(reportYearsInPlay(day('2026-12-01'))).toEqual([2025, 2026]);
  });

  it('says where a report stands: not started, draft, overdue, finalised, published', () => {
    expect(reportStatus(nothing, '2027-01-31', day('2027-01-31'))).toBe('not_started');
    expect(reportStatus({ ...nothing, draftSaved: true }, '2027-01-31', day('2027-01-20'))).toBe('draft');
    // A draft is no excuse: past the due date an unfinalised report is overdue.
    expect(reportStatus({ ...nothing, draftSaved: true }, '2027-01-31', day('2027-02-01'))).toBe('overdue');
    expect(reportStatus(nothing, '2027-01-31', day('2027-02-01'))).toBe('overdue');
    // Finalised (even late) is no longer overdue; published once the portal shows it.
    expect(reportStatus({ ...nothing, finalised: true }, '2027-01-31', day('2027-02-10'))).toBe('finalised');
    expect(reportStatus({ draftSaved: true, finalised: true, published: true }, '2027-01-31', day('2027-02-10'))).toBe('published');
  });

  it("lists each reporter's reports with the days left, the government's by 31 March", () => {
    const progress: Record<string, ReportProgress> = {
      'TEZ-ZSZ:2026': { draftSaved: true, finalised: false, published: false },
      'TEZ-EDU:2026': { draftSaved: true, finalised: true, published: true, correctedOn: '2027-02-03' },
    };
    const due = reportsDue(
      [
        { unitId: 'district', reporter: 'government' },
        { unitId: 'TEZ-ZSZ', reporter: 'unit' },
        { unitId: 'TEZ-EDU', reporter: 'unit' },
      ],
      (unitId, year) => progress[`${unitId}:${year}`],
      day('2027-02-05'),
    );
    expect(due).toEqual([
      { unitId: 'district', reporter: 'government', year: 2026, dueOn: '2027-03-31', status: 'not_started', daysLeft: 54 },
      { unitId: 'TEZ-ZSZ', reporter: 'unit', year: 2026, dueOn: '2027-01-31', status: 'overdue', daysLeft: -5 },
      {
        unitId: 'TEZ-EDU',
        reporter: 'unit',
        year: 2026,
        dueOn: '2027-01-31',
        status: 'published',
        daysLeft: -5,
        correctedOn: '2027-02-03',
      },
    ]);
  });

  it("in December also lists the current year's report, not yet due", () => {
    const due = reportsDue([{ unitId: 'TEZ-ZSZ', reporter: 'unit' }], () => undefined, day('2026-12-07'));
    expect(due.map(({ year, status, daysLeft }) => ({ year, status, daysLeft }))).toEqual([
      { year: 2025, status: 'overdue', daysLeft: -310 },
      { year: 2026, status: 'not_started', daysLeft: 55 },
    ]);
  });
});
