import { checkContract } from '@gongkai/contracts';
import { currentSchemaVersion } from '@gongkai/platform';
import { fold } from '@gongkai/platform/domain';
import { openDayDecider, type OpenDayCommand, type OpenDayEvent } from './open-day';

/** Erasing a registrant's personal data (删除个人信息) in the open day's stream. */
describe("open day decider: erasing a registrant's personal data", () => {
  const DIGEST = 'b'.repeat(64);
  const announced = openDayDecider.decide(
    {
      type: 'AnnounceOpenDay',
      openDayId: 'O1',
      unitId: 'TEZ-EDU',
      title: '走进校园',
      description: '参观',
      heldOn: '2026-05-16',
      capacity: 2,
      today: '2026-05-01',
      minimumNoticeDays: 15,
    },
    openDayDecider.initialState,
  ) as OpenDayEvent[];
  const r1 = openDayDecider.decide(
    {
      type: 'RegisterForOpenDay',
      registrationId: 'r1',
      name: '李四',
      contactDigest: DIGEST,
      personalDataRef: 'pd-r1',
      today: '2026-05-10',
    },
    fold(openDayDecider, announced),
  ) as OpenDayEvent[];
  const erase = (overrides: Partial<Extract<OpenDayCommand, { type: 'ErasePersonalData' }>> = {}): OpenDayCommand => ({
    type: 'ErasePersonalData',
    refId: 'pd-r1',
    recordId: 'r1',
    reason: '活动已结束，不再需要联系报名者',
    today: '2026-05-20',
    ...overrides,
  });
  const decide = (history: OpenDayEvent[], command: OpenDayCommand) => openDayDecider.decide(command, fold(openDayDecider, history));

  it('records the erasure without personal data, after the day and after the summary', () => {
    const summary = decide([...announced, ...r1], {
      type: 'PublishOpenDaySummary',
      summary: '参观校园',
      attendance: 1,
      today: '2026-05-17',
    }) as OpenDayEvent[];
    const events = decide([...announced, ...r1, ...summary], erase()) as OpenDayEvent[];
    expect(events).toEqual([
      {
        type: 'interpretation.PersonalDataErased',
        data: {
          refId: 'pd-r1',
          kind: 'open_day_registration',
          unitId: 'TEZ-EDU',
          subjectId: 'O1',
          recordId: 'r1',
          legalBasis: expect.stringContaining('第四十七条'),
          reason: '活动已结束，不再需要联系报名者',
          erasedOn: '2026-05-20',
        },
      },
    ]);
    expect(checkContract(events[0].type, currentSchemaVersion(events[0].type), events[0].data)).toEqual({ ok: true });
    expect(JSON.stringify(events)).not.toMatch(/李四|李\*/);
    // The erasure does not reopen a summarised day, nor change its status.
    expect(fold(openDayDecider, [...announced, ...r1, ...summary, ...events])).toMatchObject({ status: 'summarised' });
  });

  it('keeps the registration (place and contact digest) and refuses a second erasure', () => {
    const erased = decide([...announced, ...r1], erase({ today: '2026-05-11' })) as OpenDayEvent[];
    const history = [...announced, ...r1, ...erased];
    expect(fold(openDayDecider, history)).toMatchObject({
      status: 'announced',
      registrations: [{ registrationId: 'r1', contactDigest: DIGEST, personalDataRef: 'pd-r1', erasedOn: '2026-05-11' }],
    });
    expect(decide(history, erase())).toMatchObject({
      kind: 'conflict',
      code: 'PERSONAL_DATA_ALREADY_ERASED',
      extensions: { erasedOn: '2026-05-11' },
    });
    // The same contact still cannot register twice: the digest stays in the event.
    expect(
      decide(history, {
        type: 'RegisterForOpenDay',
        registrationId: 'r2',
        name: '李',
        contactDigest: DIGEST,
        personalDataRef: 'pd-r2',
        today: '2026-05-12',
      }),
    ).toMatchObject({ code: 'ALREADY_REGISTERED' });
  });

  it("refuses a registration not in the stream, a reference that is not the registration's, and no reason", () => {
    expect(decide([...announced, ...r1], erase({ recordId: 'r9' }))).toMatchObject({
      kind: 'not_found',
      code: 'PERSONAL_DATA_RECORD_NOT_FOUND',
      detail: expect.stringContaining('该开放日活动'),
    });
    expect(decide([...announced, ...r1], erase({ refId: 'pd-r9' }))).toMatchObject({ code: 'PERSONAL_DATA_RECORD_NOT_FOUND' });
    expect(decide([], erase())).toMatchObject({ code: 'OPEN_DAY_NOT_FOUND' });
    expect(decide([...announced, ...r1], erase({ reason: '   ' }))).toMatchObject({ kind: 'rule', code: 'ERASURE_REASON_REQUIRED' });
  });
});
