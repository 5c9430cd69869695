import { DEFAULT_INTERPRETATION_LIMITS } from '@gongkai/contracts';
import { categoryScheduleAsOf, committeeScheduleAsOf, nextPeriod, periodContaining, type CommitteeScheduleFacts } from './village-schedule';

/** 村(居)务公开 schedule: ordinary quarterly, finances monthly where configured (else quarterly), due 10 days after the period. */
describe('village posting schedule as of a date', () => {
  const limits = DEFAULT_INTERPRETATION_LIMITS; // villagePeriodGraceDays 10, villageMajorMatterDays 3
  const facts = (over: Partial<CommitteeScheduleFacts> = {}): CommitteeScheduleFacts => ({
    financesMonthly: false,
    registeredOn: '2026-01-05',
    postedPeriods: { ordinary: [], finances: [] },
    ...over,
  });

  describe('periods', () => {
    it('names the quarter and month containing a date, at the boundaries', () => {
      expect(periodContaining('2026-03-31', 'quarterly')).toBe('2026-Q1');
      expect(periodContaining('2026-04-01', 'quarterly')).toBe('2026-Q2');
      expect(periodContaining('2026-12-31', 'quarterly')).toBe('2026-Q4');
      expect(periodContaining('2026-01-01', 'monthly')).toBe('2026-01');
      expect(periodContaining('2026-09-30', 'monthly')).toBe('2026-09');
    });
    it('steps to the next period across the year end', () => {
      expect(nextPeriod('2026-Q4', 'quarterly')).toBe('2027-Q1');
      expect(nextPeriod('2026-12', 'monthly')).toBe('2027-01');
      expect(nextPeriod('2028-02', 'monthly')).toBe('2028-03');
    });
    it('refuses a date that does not exist', () => {
      expect(() => committeeScheduleAsOf(facts(), '2026-02-30', limits)).toThrow();
    });
  });

  describe('ordinary matters: quarterly', () => {
    it('owes nothing while the first quarter is running', () => {
      const s = categoryScheduleAsOf('ordinary', facts(), '2026-03-31', limits);
      expect(s).toMatchObject({
        frequency: 'quarterly',
        overdue: [],
        pending: [],
        current: { period: '2026-Q1', endsOn: '2026-03-31', dueOn: '2026-04-10' },
      });
    });
    it('a quarter just ended is pending through its due date (posting on the due date is on time)', () => {
      expect(categoryScheduleAsOf('ordinary', facts(), '2026-04-01', limits).pending).toEqual([
        { period: '2026-Q1', endsOn: '2026-03-31', dueOn: '2026-04-10' },
      ]);
      const onDue = categoryScheduleAsOf('ordinary', facts(), '2026-04-10', limits);
      expect(onDue).toMatchObject({ overdue: [], pending: [{ period: '2026-Q1' }] });
    });
    it('is overdue the day after the due date, and counts the days', () => {
      expect(categoryScheduleAsOf('ordinary', facts(), '2026-04-11', limits)).toMatchObject({
        overdue: [{ period: '2026-Q1', dueOn: '2026-04-10', daysOverdue: 1 }],
        pending: [],
      });
    });
    it('a posted quarter is not owed; unposted ones accumulate, across the year end', () => {
      const s = categoryScheduleAsOf('ordinary', facts({ postedPeriods: { ordinary: ['2026-Q2'], finances: [] } }), '2027-01-11', limits);
      expect(s.overdue.map((p) => [p.period, p.dueOn, p.daysOverdue])).toEqual([
        ['2026-Q1', '2026-04-10', 276],
        ['2026-Q3', '2026-10-10', 93],
        ['2026-Q4', '2027-01-10', 1],
      ]);
      expect(s.current.period).toBe('2027-Q1');
    });
    it('owes the quarter in which the committee was registered, none before it', () => {
      const s = categoryScheduleAsOf('ordinary', facts({ registeredOn: '2026-06-30' }), '2026-10-11', limits);
      expect(s.overdue.map((p) => p.period)).toEqual(['2026-Q2', '2026-Q3']);
    });
    it('owes nothing as of a date before the registration', () => {
      expect(committeeScheduleAsOf(facts({ registeredOn: '2026-06-30' }), '2026-01-01', limits)).toMatchObject({
        overdueCount: 0,
        ordinary: { overdue: [], pending: [] },
      });
    });
    it('follows a configured grace period (0 days: overdue the day after the quarter ends)', () => {
      const s = categoryScheduleAsOf('ordinary', facts(), '2026-04-01', { villagePeriodGraceDays: 0 });
      expect(s.overdue).toEqual([{ period: '2026-Q1', endsOn: '2026-03-31', dueOn: '2026-03-31', daysOverdue: 1 }]);
    });
  });

  describe('finances: monthly where configured, quarterly otherwise', () => {
    const monthly = facts({ financesMonthly: true });
    it('a monthly committee owes each month 10 days after it ends (February, 28 or 29 days)', () => {
      expect(categoryScheduleAsOf('finances', monthly, '2026-03-10', limits)).toMatchObject({
        frequency: 'monthly',
        overdue: [{ period: '2026-01', endsOn: '2026-01-31', dueOn: '2026-02-10', daysOverdue: 28 }],
        pending: [{ period: '2026-02', endsOn: '2026-02-28', dueOn: '2026-03-10' }],
      });
      expect(categoryScheduleAsOf('finances', monthly, '2026-03-11', limits).overdue.map((p) => p.period)).toEqual(['2026-01', '2026-02']);
      const leap = categoryScheduleAsOf('finances', facts({ financesMonthly: true, registeredOn: '2028-02-01' }), '2028-03-10', limits);
      expect(leap.pending).toEqual([{ period: '2028-02', endsOn: '2028-02-29', dueOn: '2028-03-10' }]);
      expect(
        categoryScheduleAsOf('finances', facts({ financesMonthly: true, registeredOn: '2028-02-01' }), '2028-03-12', limits).overdue,
      ).toEqual([{ period: '2028-02', endsOn: '2028-02-29', dueOn: '2028-03-10', daysOverdue: 2 }]);
    });
    it('December is due on 10 January of the next year', () => {
      const s = categoryScheduleAsOf('finances', facts({ financesMonthly: true, registeredOn: '2026-12-01' }), '2027-01-11', limits);
      expect(s.overdue).toEqual([{ period: '2026-12', endsOn: '2026-12-31', dueOn: '2027-01-10', daysOverdue: 1 }]);
      expect(s.current.period).toBe('2027-01');
    });
    it('posted months are not owed', () => {
      const s = categoryScheduleAsOf(
        'finances',
        facts({ financesMonthly: true, postedPeriods: { ordinary: [], finances: ['2026-01', '2026-02'] } }),
        '2026-04-11',
        limits,
      );
      expect(s.overdue.map((p) => p.period)).toEqual(['2026-03']);
    });
    it('a committee without monthly finances owes them quarterly', () => {
      expect(categoryScheduleAsOf('finances', facts(), '2026-04-11', limits)).toMatchObject({
        frequency: 'quarterly',
        overdue: [{ period: '2026-Q1' }],
      });
    });
  });

  it('sums both periodic categories and states the major-matter rule', () => {
    const s = committeeScheduleAsOf(
      facts({ financesMonthly: true, postedPeriods: { ordinary: [], finances: ['2026-01'] } }),
      '2026-04-11',
      limits,
    );
    expect(s.ordinary.overdue.map((p) => p.period)).toEqual(['2026-Q1']);
    expect(s.finances.overdue.map((p) => p.period)).toEqual(['2026-02', '2026-03']);
    expect(s).toMatchObject({ asOf: '2026-04-11', overdueCount: 3, major: { frequency: 'immediately', withinDays: 3 } });
  });
});
