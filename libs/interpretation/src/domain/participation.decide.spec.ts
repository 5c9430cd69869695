import { ATTENDEE_MARKING, checkContract } from '@gongkai/contracts';
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
  it("erases the attendees' names of a recorded meeting once, recorded with the ground (the key is deleted after)", () => {
    const spec = deciderSpec(meetingDecider);
    const recorded = decidedBy(spec)({
      type: 'RecordMeetingAttendance',
      meetingId: 'M2',
      unitId: 'TEZ-GOV-OFFICE',
      title: '区政府常务会议',
      heldOn: '2026-05-10',
      attendees: [{ category: '群众代表', name: '李大娘' }],
      today: '2026-05-10',
    });
    const erase = {
      type: 'ErasePersonalData' as const,
      refId: 'M2',
      recordId: 'M2',
      reason: '个人信息保存期限届满，由系统自动删除',
      today: '2027-05-12',
      ground: 'retention' as const,
      retentionEndedOn: '2027-05-10',
    };
    spec.given().when(erase).thenError('PERSONAL_DATA_RECORD_NOT_FOUND');
    const [erased] = decidedBy(spec)(erase, ...recorded);
    expect(erased).toEqual({
      type: 'interpretation.PersonalDataErased',
      data: expect.objectContaining({
        refId: 'M2',
        kind: 'meeting_attendance',
        unitId: 'TEZ-GOV-OFFICE',
        subjectId: 'M2',
        ground: 'retention',
        retentionEndedOn: '2027-05-10',
      }),
    });
    expect(checkContract(erased.type, 1, erased.data)).toEqual({ ok: true });
    spec
      .given(...recorded, erased)
      .when(erase)
      .thenError('PERSONAL_DATA_ALREADY_ERASED', { kind: 'conflict' });
    // Only the names are marked for sealing: category and organisation stay in clear.
    expect(ATTENDEE_MARKING.fields).toEqual(['attendees[].name']);
  });
});
