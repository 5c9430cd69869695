import { deciderSpec } from '@gongkai/platform/decider-spec';
import { decidedBy } from './decided.testing';
import { hearingDecider } from './hearing.decide';

const spec = deciderSpec(hearingDecider);
const decided = decidedBy(spec);

describe('hearing decider: materials at least 7 days before', () => {
  const scheduled = decided({
    type: 'ScheduleHearing',
    hearingId: 'H1',
    unitId: 'TEZ-ECO',
    title: '水价调整听证会',
    heldOn: '2026-05-20',
    today: '2026-05-01',
  });
  const publish = (today: string) =>
    spec.given(...scheduled).when({
      type: 'PublishHearingMaterials',
      materials: [{ title: '成本监审报告', reference: 'file:123' }],
      today,
      minimumDaysBefore: 7,
    });

  it('accepts materials published exactly 7 days before', () => {
    expect(publish('2026-05-13').decision).toMatchObject([{ data: { daysBefore: 7, minimumDaysBefore: 7 } }]);
  });
  it('refuses materials 6 days before and says to reschedule', () => {
    publish('2026-05-14').thenError('HEARING_MATERIALS_TOO_LATE', { detail: expect.stringContaining('改期') });
  });
  it('a rescheduled hearing can take its materials', () => {
    const moved = decided(
      { type: 'ScheduleHearing', hearingId: 'H1', unitId: 'TEZ-ECO', title: '水价调整听证会', heldOn: '2026-05-30', today: '2026-05-14' },
      ...scheduled,
    );
    expect(
      spec.given(...scheduled, ...moved).when({
        type: 'PublishHearingMaterials',
        materials: [{ title: '报告', reference: 'file:1' }],
        today: '2026-05-14',
        minimumDaysBefore: 7,
      }).decision,
    ).toHaveLength(1);
  });
});
