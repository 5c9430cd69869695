import { checkContract, DEFAULT_INTERPRETATION_LIMITS, type OpenDayRegistrationAccepted } from '@gongkai/contracts';
import { currentSchemaVersion } from '@gongkai/platform';
import { contactDigest } from '../application/personal-data';
import { upcastOpenDayRegistrationAcceptedV1 } from '../application/upcasters';
import { fold } from '@gongkai/platform/domain';
import { hearingDecider, type HearingEvent } from './hearing';
import { openDayDecider, type OpenDayEvent } from './open-day';
import { meetingDecider, participationCatalogueDecider } from './participation';
import { settingsDecider } from './settings';
import { villageDecider, type VillageEvent } from './village';

describe('hearing decider: materials at least 7 days before', () => {
  const scheduled = hearingDecider.decide(
    { type: 'ScheduleHearing', hearingId: 'H1', unitId: 'TEZ-ECO', title: '水价调整听证会', heldOn: '2026-05-20', today: '2026-05-01' },
    hearingDecider.initialState,
  ) as HearingEvent[];
  const state = fold(hearingDecider, scheduled);
  const publish = (today: string) =>
    hearingDecider.decide(
      { type: 'PublishHearingMaterials', materials: [{ title: '成本监审报告', reference: 'file:123' }], today, minimumDaysBefore: 7 },
      state,
    );

  it('accepts materials published exactly 7 days before', () => {
    expect((publish('2026-05-13') as HearingEvent[])[0].data).toMatchObject({ daysBefore: 7, minimumDaysBefore: 7 });
  });
  it('refuses materials 6 days before and says to reschedule', () => {
    expect(publish('2026-05-14')).toMatchObject({ code: 'HEARING_MATERIALS_TOO_LATE', detail: expect.stringContaining('改期') });
  });
  it('a rescheduled hearing can take its materials', () => {
    const moved = hearingDecider.decide(
      { type: 'ScheduleHearing', hearingId: 'H1', unitId: 'TEZ-ECO', title: '水价调整听证会', heldOn: '2026-05-30', today: '2026-05-14' },
      state,
    ) as HearingEvent[];
    const result = hearingDecider.decide(
      { type: 'PublishHearingMaterials', materials: [{ title: '报告', reference: 'file:1' }], today: '2026-05-14', minimumDaysBefore: 7 },
      fold(hearingDecider, [...scheduled, ...moved]),
    );
    expect(result).toHaveLength(1);
  });
});

describe('open day decider (政府开放日)', () => {
  const announce = (heldOn: string, minimumNoticeDays = 15) =>
    openDayDecider.decide(
      {
        type: 'AnnounceOpenDay',
        openDayId: 'O1',
        unitId: 'TEZ-EDU',
        title: '走进校园',
        description: '参观',
        heldOn,
        capacity: 2,
        today: '2026-05-01',
        minimumNoticeDays,
      },
      openDayDecider.initialState,
    );
  const announced = announce('2026-05-16') as OpenDayEvent[];
  const key = Buffer.from('k'.repeat(32));
  const digest = (contact: string) => contactDigest(key, 'open-day:O1', contact);
  const register = (registrationId: string, contact: string, today = '2026-05-10') => ({
    type: 'RegisterForOpenDay' as const,
    registrationId,
    name: '李四',
    contactDigest: digest(contact),
    personalDataRef: `pd-${registrationId}`,
    today,
  });

  it('accepts an announcement 15 days ahead and refuses 14', () => {
    expect(announced[0].data).toMatchObject({ noticeDays: 15, announcedOn: '2026-05-01' });
    expect(announce('2026-05-15')).toMatchObject({ code: 'OPEN_DAY_NOTICE_TOO_SHORT', detail: expect.stringContaining('15') });
    expect(announce('2026-05-08', 7)).toHaveLength(1);
  });
  it('records a masked name and the contact digest, never the name or contact', () => {
    const [event] = openDayDecider.decide(register('r1', '13812345678'), fold(openDayDecider, announced)) as OpenDayEvent[];
    expect(event.data).toEqual({
      openDayId: 'O1',
      registrationId: 'r1',
      displayName: '李*',
      contactDigest: digest('13812345678'),
      personalDataRef: 'pd-r1',
      registeredOn: '2026-05-10',
    });
    expect(JSON.stringify(event)).not.toMatch(/李四|13812345678/);
    expect(checkContract(event.type, currentSchemaVersion(event.type), event.data)).toEqual({ ok: true });
  });
  it('detects a duplicate by the digest of the normalised contact, within one open day only', () => {
    const r1 = openDayDecider.decide(register('r1', '138 1234 5678'), fold(openDayDecider, announced)) as OpenDayEvent[];
    expect(openDayDecider.decide(register('r2', '+86-13812345678'), fold(openDayDecider, [...announced, ...r1]))).toMatchObject({
      code: 'ALREADY_REGISTERED',
    });
    expect(openDayDecider.decide(register('r2', 'Li.Si@Example.com'), fold(openDayDecider, [...announced, ...r1]))).toHaveLength(1);
    expect(contactDigest(key, 'open-day:O2', '13812345678')).not.toBe(digest('13812345678'));
    expect(contactDigest(Buffer.from('x'.repeat(32)), 'open-day:O1', '13812345678')).not.toBe(digest('13812345678'));
  });
  it('counts a v1 registration (upcast: masked name, contact dropped) against capacity but matches no contact', () => {
    const v1 = upcastOpenDayRegistrationAcceptedV1({
      openDayId: 'O1',
      registrationId: 'old',
      name: '赵六',
      contact: '13812345678',
      registeredOn: '2026-05-02',
    });
    expect(v1).toEqual({
      openDayId: 'O1',
      registrationId: 'old',
      displayName: '赵*',
      contactDigest: null,
      personalDataRef: null,
      registeredOn: '2026-05-02',
    });
    expect(checkContract('interpretation.OpenDayRegistrationAccepted', 2, v1)).toEqual({ ok: true });
    const history = [
      ...announced,
      { type: 'interpretation.OpenDayRegistrationAccepted' as const, data: v1 as OpenDayRegistrationAccepted },
    ];
    const r1 = openDayDecider.decide(register('r1', '13812345678'), fold(openDayDecider, history)) as OpenDayEvent[];
    expect(r1).toHaveLength(1);
    expect(openDayDecider.decide(register('r2', '13900000000'), fold(openDayDecider, [...history, ...r1]))).toMatchObject({
      code: 'OPEN_DAY_FULL',
    });
  });
  it('takes registrations up to capacity, once per contact, until the day before', () => {
    const r1 = openDayDecider.decide(register('r1', '138-1'), fold(openDayDecider, announced)) as OpenDayEvent[];
    expect(openDayDecider.decide(register('r2', '138-1'), fold(openDayDecider, [...announced, ...r1]))).toMatchObject({
      code: 'ALREADY_REGISTERED',
    });
    const r2 = openDayDecider.decide(register('r2', '138-2'), fold(openDayDecider, [...announced, ...r1])) as OpenDayEvent[];
    expect(openDayDecider.decide(register('r3', '138-3'), fold(openDayDecider, [...announced, ...r1, ...r2]))).toMatchObject({
      code: 'OPEN_DAY_FULL',
    });
    expect(openDayDecider.decide(register('r3', '138-3', '2026-05-16'), fold(openDayDecider, announced))).toMatchObject({
      code: 'OPEN_DAY_REGISTRATION_CLOSED',
    });
    const summary = (today: string) =>
      openDayDecider.decide(
        { type: 'PublishOpenDaySummary', summary: '活动顺利', attendance: 2, today },
        fold(openDayDecider, [...announced, ...r1, ...r2]),
      );
    expect(summary('2026-05-15')).toMatchObject({ code: 'OPEN_DAY_NOT_HELD' });
    expect((summary('2026-05-16') as OpenDayEvent[])[0].data).toMatchObject({ year: 2026, registrations: 2, unitId: 'TEZ-EDU' });
  });
});

describe('village postings decider (村(居)务公开)', () => {
  const registered = villageDecider.decide(
    {
      type: 'RegisterVillageCommittee',
      committeeId: 'V-HZC',
      name: '后洼村',
      kind: 'village',
      townUnitId: 'TEZ-ZSZ',
      financesMonthly: true,
    },
    villageDecider.initialState,
  ) as VillageEvent[];
  const state = fold(villageDecider, registered);
  const post = (category: 'ordinary' | 'finances' | 'major', period: string, today: string) =>
    villageDecider.decide(
      {
        type: 'RecordVillagePosting',
        postingId: `${category}-${period}`,
        category,
        title: '公开',
        period,
        today,
        limits: DEFAULT_INTERPRETATION_LIMITS,
      },
      state,
    );

  it('ordinary matters are quarterly: due 10 days after the quarter ends', () => {
    expect((post('ordinary', '2026-Q1', '2026-04-10') as VillageEvent[])[0].data).toMatchObject({
      dueOn: '2026-04-10',
      late: false,
      daysLate: 0,
      townUnitId: 'TEZ-ZSZ',
    });
    expect((post('ordinary', '2026-Q1', '2026-04-13') as VillageEvent[])[0].data).toMatchObject({ late: true, daysLate: 3 });
    expect(post('ordinary', '2026-03', '2026-04-01')).toMatchObject({ code: 'PERIOD_INVALID', detail: expect.stringContaining('季度') });
  });
  it('finances are monthly where configured', () => {
    expect((post('finances', '2026-02', '2026-03-10') as VillageEvent[])[0].data).toMatchObject({ dueOn: '2026-03-10', late: false });
    expect(post('finances', '2026-Q1', '2026-04-01')).toMatchObject({ code: 'PERIOD_INVALID', detail: expect.stringContaining('按月') });
  });
  it('major matters immediately: within 3 days of arising', () => {
    expect((post('major', '2026-06-01', '2026-06-04') as VillageEvent[])[0].data).toMatchObject({ dueOn: '2026-06-04', late: false });
    expect((post('major', '2026-06-01', '2026-06-08') as VillageEvent[])[0].data).toMatchObject({ late: true, daysLate: 4 });
    expect(post('major', '2026-06-09', '2026-06-08')).toMatchObject({ code: 'PERIOD_IN_FUTURE' });
  });
  it('refuses postings for an unregistered committee', () => {
    expect(
      villageDecider.decide(
        {
          type: 'RecordVillagePosting',
          postingId: 'p',
          category: 'major',
          title: 't',
          period: '2026-06-01',
          today: '2026-06-01',
          limits: DEFAULT_INTERPRETATION_LIMITS,
        },
        villageDecider.initialState,
      ),
    ).toMatchObject({ kind: 'not_found' });
  });
});

describe('participation catalogue, meetings and settings', () => {
  it('versions each publication of the participation catalogue and refuses duplicate items', () => {
    const item = { decisionItem: '老旧小区改造计划', methods: ['座谈会' as const, '问卷调查' as const], channels: ['政府网站'] };
    const [v1] = participationCatalogueDecider.decide(
      { type: 'PublishParticipationCatalogue', unitId: 'TEZ-HOUSING', items: [item] },
      { version: 0 },
    ) as { data: { version: number } }[];
    expect(v1.data.version).toBe(1);
    expect(
      participationCatalogueDecider.decide(
        { type: 'PublishParticipationCatalogue', unitId: 'TEZ-HOUSING', items: [item, item] },
        { version: 1 },
      ),
    ).toMatchObject({ code: 'DUPLICATE_DECISION_ITEM' });
  });
  it('records meeting attendance (列席) once, after the meeting', () => {
    const command = {
      type: 'RecordMeetingAttendance' as const,
      meetingId: 'M1',
      unitId: 'TEZ-GOV-OFFICE',
      title: '区政府常务会议',
      heldOn: '2026-05-10',
      attendees: [{ category: '专家' as const, name: '王教授' }],
      today: '2026-05-09',
    };
    expect(meetingDecider.decide(command, { recorded: false })).toMatchObject({ code: 'MEETING_NOT_HELD' });
    expect(meetingDecider.decide({ ...command, today: '2026-05-10' }, { recorded: false })).toHaveLength(1);
    expect(meetingDecider.decide({ ...command, today: '2026-05-10' }, { recorded: true })).toMatchObject({ kind: 'conflict' });
  });
  it('configures limits over the defaults and refuses inconsistent ones', () => {
    const [event] = settingsDecider.decide(
      { type: 'ConfigureLimits', limits: { interpretationWorkingDays: 5 }, reason: '区政府常务会议决定' },
      settingsDecider.initialState,
    ) as { data: Record<string, unknown> }[];
    expect(event.data).toMatchObject({ interpretationWorkingDays: 5, openDayNoticeDays: 15, reason: '区政府常务会议决定' });
    expect(
      settingsDecider.decide(
        { type: 'ConfigureLimits', limits: { majorEmergencyInformationHours: 30 }, reason: 'x' },
        settingsDecider.initialState,
      ),
    ).toMatchObject({ code: 'LIMITS_INCONSISTENT' });
  });
});
