import { deciderSpec } from '@gongkai/platform/decider-spec';
import { decidedBy } from './decided.testing';
import { meetingDecider, participationCatalogueDecider } from './participation.decide';

describe('participation catalogue and meetings', () => {
  it('versions each publication of the participation catalogue and refuses duplicate items', () => {
    const spec = deciderSpec(participationCatalogueDecider);
    const item = { decisionItem: '老旧小区改造计划', methods: ['座谈会' as const, '问卷调查' as const], channels: ['政府网站'] };
    const [v1] = decidedBy(spec)({ type: 'PublishParticipationCatalogue', unitId: 'TEZ-HOUSING', items: [item] });
    expect(v1.data.version).toBe(1);
    spec
      .given(v1)
      .when({ type: 'PublishParticipationCatalogue', unitId: 'TEZ-HOUSING', items: [item, item] })
      .thenError('DUPLICATE_DECISION_ITEM');
  });
  it('records meeting attendance (列席) once, after the meeting', () => {
    const spec = deciderSpec(meetingDecider);
    const command = {
      type: 'RecordMeetingAttendance' as const,
      meetingId: 'M1',
      unitId: 'TEZ-GOV-OFFICE',
      title: '区政府常务会议',
      heldOn: '2026-05-10',
      attendees: [{ category: '专家' as const, name: '王教授' }],
      today: '2026-05-09',
    };
    spec.given().when(command).thenError('MEETING_NOT_HELD');
    const recorded = decidedBy(spec)({ ...command, today: '2026-05-10' });
    expect(recorded).toHaveLength(1);
    spec
      .given(...recorded)
      .when({ ...command, today: '2026-05-10' })
      .thenError('MEETING_ALREADY_RECORDED', { kind: 'conflict' });
  });
});
