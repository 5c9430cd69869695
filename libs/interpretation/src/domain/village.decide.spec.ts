import { DEFAULT_INTERPRETATION_LIMITS } from '@gongkai/contracts';
import { deciderSpec } from '@gongkai/platform/decider-spec';
import { decidedBy } from './decided.testing';
import { villageDecider } from './village.decide';

const spec = deciderSpec(villageDecider);

describe('village postings decider (村(居)务公开)', () => {
  const registered = decidedBy(spec)({
    type: 'RegisterVillageCommittee',
    committeeId: 'V-HZC',
    name: '后洼村',
    kind: 'village',
    townUnitId: 'TEZ-ZSZ',
    financesMonthly: true,
  });
  const post = (category: 'ordinary' | 'finances' | 'major', period: string, today: string) =>
    spec.given(...registered).when({
      type: 'RecordVillagePosting',
      postingId: `${category}-${period}`,
      category,
      title: '公开',
      period,
      today,
      limits: DEFAULT_INTERPRETATION_LIMITS,
    });

  it('ordinary matters are quarterly: due 10 days after the quarter ends', () => {
    expect(post('ordinary', '2026-Q1', '2026-04-10').decision).toMatchObject([
      { data: { dueOn: '2026-04-10', late: false, daysLate: 0, townUnitId: 'TEZ-ZSZ' } },
    ]);
    expect(post('ordinary', '2026-Q1', '2026-04-13').decision).toMatchObject([{ data: { late: true, daysLate: 3 } }]);
    post('ordinary', '2026-03', '2026-04-01').thenError('PERIOD_INVALID', { detail: expect.stringContaining('季度') });
  });
  it('finances are monthly where configured', () => {
    expect(post('finances', '2026-02', '2026-03-10').decision).toMatchObject([{ data: { dueOn: '2026-03-10', late: false } }]);
    post('finances', '2026-Q1', '2026-04-01').thenError('PERIOD_INVALID', { detail: expect.stringContaining('按月') });
  });
  it('major matters immediately: within 3 days of arising', () => {
    expect(post('major', '2026-06-01', '2026-06-04').decision).toMatchObject([{ data: { dueOn: '2026-06-04', late: false } }]);
    expect(post('major', '2026-06-01', '2026-06-08').decision).toMatchObject([{ data: { late: true, daysLate: 4 } }]);
    post('major', '2026-06-09', '2026-06-08').thenError('PERIOD_IN_FUTURE');
  });
  it('refuses postings for an unregistered committee', () => {
    spec
      .given()
      .when({
        type: 'RecordVillagePosting',
        postingId: 'p',
        category: 'major',
        title: 't',
        period: '2026-06-01',
        today: '2026-06-01',
        limits: DEFAULT_INTERPRETATION_LIMITS,
      })
      .thenError('COMMITTEE_NOT_FOUND', { kind: 'not_found' });
  });
});
