import { DEFAULT_INTERPRETATION_LIMITS } from '@gongkai/contracts';
import { fold } from '@gongkai/platform/domain';
import type { ConcernEvent } from './concern';
import { concernDecider, type ConcernCommand } from './concern.decide';

const given = (...events: ConcernEvent[]) => fold(concernDecider, events);
const when = (state: ReturnType<typeof given>, command: ConcernCommand) => concernDecider.decide(command, state);
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
  now: at,
  limits,
  ...overrides,
});
const hoursAfter = (h: number) => new Date(Date.parse(at) + h * 3600_000).toISOString();
const registeredAndAssigned = (severity: 'major_emergency' | 'hot_issue' | 'ordinary', l = limits) => {
  const registered = when(given(), register(severity, { limits: l })) as ConcernEvent[];
  const assigned = when(given(...registered), { type: 'AssignConcern', unitId: 'TEZ-HOUSING' }) as ConcernEvent[];
  return [...registered, ...assigned];
};
const respond = (kind: 'authoritative_information' | 'press_conference' | 'response', hours: number): ConcernCommand => ({
  type: 'PublishResponse',
  kind,
  content: '权威发布：……',
  channel: '政府网站',
  now: hoursAfter(hours),
});

describe('public concern decider (回应关切)', () => {
  it('a major emergency needs authoritative information within 5 hours and a press conference within 24', () => {
    const [event] = when(given(), register('major_emergency')) as ConcernEvent[];
    expect(event.data).toMatchObject({
      dueBy: [
        { kind: 'authoritative_information', hours: 5, dueAt: hoursAfter(5) },
        { kind: 'press_conference', hours: 24, dueAt: hoursAfter(24) },
      ],
    });
  });

  it('a hot issue needs a response within 48 hours; an ordinary concern has no fixed limit by default', () => {
    expect((when(given(), register('hot_issue')) as ConcernEvent[])[0].data).toMatchObject({
      dueBy: [{ kind: 'response', hours: 48, dueAt: hoursAfter(48) }],
    });
    expect((when(given(), register('ordinary')) as ConcernEvent[])[0].data).toMatchObject({
      dueBy: [{ kind: 'response', hours: null, dueAt: null }],
    });
  });

  it('authoritative information at exactly 5 hours is on time; at 5 h 1 min it is late', () => {
    const history = registeredAndAssigned('major_emergency');
    expect((when(given(...history), respond('authoritative_information', 5)) as ConcernEvent[])[0].data).toMatchObject({
      onTime: true,
      hoursTaken: 5,
    });
    expect((when(given(...history), respond('authoritative_information', 5 + 1 / 60)) as ConcernEvent[])[0].data).toMatchObject({
      onTime: false,
    });
  });

  it('a press conference at 23 hours is on time, at 25 late', () => {
    const history = registeredAndAssigned('major_emergency');
    expect((when(given(...history), respond('press_conference', 23)) as ConcernEvent[])[0].data).toMatchObject({ onTime: true });
    expect((when(given(...history), respond('press_conference', 25)) as ConcernEvent[])[0].data).toMatchObject({
      onTime: false,
      dueAt: hoursAfter(24),
    });
  });

  it('a hot issue answered at 47 hours is on time, at 49 late', () => {
    const history = registeredAndAssigned('hot_issue');
    expect((when(given(...history), respond('response', 47)) as ConcernEvent[])[0].data).toMatchObject({
      onTime: true,
      unitId: 'TEZ-HOUSING',
      severity: 'hot_issue',
    });
    expect((when(given(...history), respond('response', 49)) as ConcernEvent[])[0].data).toMatchObject({ onTime: false });
  });

  it('uses configured limits', () => {
    const history = registeredAndAssigned('hot_issue', { ...limits, hotIssueResponseHours: 24 });
    expect((when(given(...history), respond('response', 30)) as ConcernEvent[])[0].data).toMatchObject({ onTime: false });
  });

  it('an ordinary concern without a limit is always on time', () => {
    const history = registeredAndAssigned('ordinary');
    expect((when(given(...history), respond('response', 500)) as ConcernEvent[])[0].data).toMatchObject({ onTime: true, dueAt: null });
  });

  it('refuses a response before the concern is assigned, of the wrong kind, or twice', () => {
    const registered = when(given(), register('major_emergency')) as ConcernEvent[];
    expect(when(given(...registered), respond('authoritative_information', 1))).toMatchObject({ code: 'CONCERN_NOT_ASSIGNED' });
    const history = registeredAndAssigned('major_emergency');
    expect(when(given(...history), respond('response', 1))).toMatchObject({
      code: 'RESPONSE_KIND_NOT_EXPECTED',
      detail: expect.stringContaining('召开新闻发布会'),
    });
    const first = when(given(...history), respond('authoritative_information', 1)) as ConcernEvent[];
    expect(when(given(...history, ...first), respond('authoritative_information', 2))).toMatchObject({
      kind: 'conflict',
      code: 'RESPONSE_ALREADY_PUBLISHED',
    });
  });

  it('refuses a concern picked up in the future, and re-assignment after a response', () => {
    expect(when(given(), register('hot_issue', { registeredAt: hoursAfter(1) }))).toMatchObject({ code: 'CONCERN_IN_FUTURE' });
    const history = registeredAndAssigned('hot_issue');
    const answered = when(given(...history), respond('response', 1)) as ConcernEvent[];
    expect(when(given(...history, ...answered), { type: 'AssignConcern', unitId: 'TEZ-ECO' })).toMatchObject({
      code: 'CONCERN_ALREADY_ANSWERED',
    });
  });
});
