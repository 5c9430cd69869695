import { DEFAULT_INTERPRETATION_LIMITS } from '@gongkai/contracts';
import { deciderSpec } from '@gongkai/platform/decider-spec';
import { concernDecider, type ConcernCommand } from './concern.decide';
import { decidedBy } from './decided.testing';

const spec = deciderSpec(concernDecider);
const decided = decidedBy(spec);
const limits = DEFAULT_INTERPRETATION_LIMITS;
const at = '2026-06-01T02:00:00.000Z';
const register = (
  severity: 'major_emergency' | 'hot_issue' | 'ordinary',
  overrides: Partial<ConcernCommand & { type: 'RegisterConcern' }> = {},
): ConcernCommand => ({
  type: 'RegisterConcern',
  concernId: 'C1',
  source: '12345热线',
  topic: '暴雨内涝',
  summary: '多处道路积水',
  severity,
  registeredAt: at,
  at,
  limits,
  ...overrides,
});
const hoursAfter = (h: number) => new Date(Date.parse(at) + h * 3600_000).toISOString();
const registeredAndAssigned = (severity: 'major_emergency' | 'hot_issue' | 'ordinary', l = limits) => {
  const registered = decided(register(severity, { limits: l }));
  const assigned = decided({ type: 'AssignConcern', unitId: 'TEZ-HOUSING' }, ...registered);
  return [...registered, ...assigned];
};
const respond = (kind: 'authoritative_information' | 'press_conference' | 'response', hours: number): ConcernCommand => ({
  type: 'PublishResponse',
  kind,
  content: '权威发布：……',
  channel: '政府网站',
  at: hoursAfter(hours),
});

describe('public concern decider (回应关切)', () => {
  it('a major emergency needs authoritative information within 5 hours and a press conference within 24', () => {
    expect(spec.given().when(register('major_emergency')).decision).toMatchObject([
      {
        data: {
          dueBy: [
            { kind: 'authoritative_information', hours: 5, dueAt: hoursAfter(5) },
            { kind: 'press_conference', hours: 24, dueAt: hoursAfter(24) },
          ],
        },
      },
    ]);
  });

  it('a hot issue and, by default, an ordinary concern need a response within 48 hours (国办发〔2016〕61号: 其他政务舆情)', () => {
    expect(spec.given().when(register('hot_issue')).decision).toMatchObject([
      { data: { dueBy: [{ kind: 'response', hours: 48, dueAt: hoursAfter(48) }] } },
    ]);
    expect(spec.given().when(register('ordinary')).decision).toMatchObject([
      { data: { dueBy: [{ kind: 'response', hours: 48, dueAt: hoursAfter(48) }] } },
    ]);
    // The district office may still configure no fixed limit for ordinary concerns.
    expect(spec.given().when(register('ordinary', { limits: { ...limits, ordinaryResponseHours: null } })).decision).toMatchObject([
      { data: { dueBy: [{ kind: 'response', hours: null, dueAt: null }] } },
    ]);
  });

  it('authoritative information at exactly 5 hours is on time; at 5 h 1 min it is late', () => {
    const history = registeredAndAssigned('major_emergency');
    expect(spec.given(...history).when(respond('authoritative_information', 5)).decision).toMatchObject([
      { data: { onTime: true, hoursTaken: 5 } },
    ]);
    expect(spec.given(...history).when(respond('authoritative_information', 5 + 1 / 60)).decision).toMatchObject([
      { data: { onTime: false } },
    ]);
  });

  it('a press conference at 23 hours is on time, at 25 late', () => {
    const history = registeredAndAssigned('major_emergency');
    expect(spec.given(...history).when(respond('press_conference', 23)).decision).toMatchObject([{ data: { onTime: true } }]);
    expect(spec.given(...history).when(respond('press_conference', 25)).decision).toMatchObject([
      { data: { onTime: false, dueAt: hoursAfter(24) } },
    ]);
  });

  it('a hot issue answered at 47 hours is on time, at 49 late', () => {
    const history = registeredAndAssigned('hot_issue');
    expect(spec.given(...history).when(respond('response', 47)).decision).toMatchObject([
      { data: { onTime: true, unitId: 'TEZ-HOUSING', severity: 'hot_issue' } },
    ]);
    expect(spec.given(...history).when(respond('response', 49)).decision).toMatchObject([{ data: { onTime: false } }]);
  });

  it('uses configured limits', () => {
    const history = registeredAndAssigned('hot_issue', { ...limits, hotIssueResponseHours: 24 });
    expect(spec.given(...history).when(respond('response', 30)).decision).toMatchObject([{ data: { onTime: false } }]);
  });

  it('an ordinary concern: on time within 48 hours by default, late after; without a configured limit always on time', () => {
    const history = registeredAndAssigned('ordinary');
    expect(spec.given(...history).when(respond('response', 48)).decision).toMatchObject([{ data: { onTime: true } }]);
    expect(spec.given(...history).when(respond('response', 49)).decision).toMatchObject([{ data: { onTime: false } }]);
    const unlimited = registeredAndAssigned('ordinary', { ...limits, ordinaryResponseHours: null });
    expect(spec.given(...unlimited).when(respond('response', 500)).decision).toMatchObject([{ data: { onTime: true, dueAt: null } }]);
  });

  it('refuses a response before the concern is assigned, of the wrong kind, or twice', () => {
    const registered = decided(register('major_emergency'));
    spec
      .given(...registered)
      .when(respond('authoritative_information', 1))
      .thenError('CONCERN_NOT_ASSIGNED');
    const history = registeredAndAssigned('major_emergency');
    spec
      .given(...history)
      .when(respond('response', 1))
      .thenError('RESPONSE_KIND_NOT_EXPECTED', { detail: expect.stringContaining('召开新闻发布会') });
    const first = decided(respond('authoritative_information', 1), ...history);
    spec
      .given(...history, ...first)
      .when(respond('authoritative_information', 2))
      .thenError('RESPONSE_ALREADY_PUBLISHED', { kind: 'conflict' });
  });

  it('refuses a concern picked up in the future, and re-assignment after a response', () => {
    spec
      .given()
      .when(register('hot_issue', { registeredAt: hoursAfter(1) }))
      .thenError('CONCERN_IN_FUTURE');
    const history = registeredAndAssigned('hot_issue');
    const answered = decided(respond('response', 1), ...history);
    spec
      .given(...history, ...answered)
      .when({ type: 'AssignConcern', unitId: 'TEZ-ECO' })
      .thenError('CONCERN_ALREADY_ANSWERED');
  });
});
