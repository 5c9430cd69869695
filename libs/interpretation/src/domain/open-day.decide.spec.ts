import { checkContract, REGISTRANT_MARKING, type OpenDayRegistrationAccepted } from '@gongkai/contracts';
import { deciderSpec } from '@gongkai/platform/decider-spec';
import { contactDigest } from '../application/personal-data';
import { decidedBy } from './decided.testing';
import type { OpenDayEvent } from './open-day';
import { openDayDecider, type OpenDayCommand } from './open-day.decide';
import { upcastOpenDayRegistrationAcceptedV1 } from './upcasts';

const spec = deciderSpec(openDayDecider);
const decided = decidedBy(spec);

const announceCommand = (heldOn: string, minimumNoticeDays = 15): OpenDayCommand => ({
  type: 'AnnounceOpenDay',
  openDayId: 'O1',
  unitId: 'TEZ-EDU',
  title: '走进校园',
  description: '参观',
  heldOn,
  capacity: 2,
  today: '2026-05-01',
  minimumNoticeDays,
});

describe('open day decider (政府开放日)', () => {
  const announce = (heldOn: string, minimumNoticeDays = 15) => spec.given().when(announceCommand(heldOn, minimumNoticeDays));
  const announced = decided(announceCommand('2026-05-16'));
  const key = Buffer.from('k'.repeat(32));
  const digest = (contact: string) => contactDigest(key, 'open-day:O1', contact);
  const register = (registrationId: string, contact: string, today = '2026-05-10') => ({
    type: 'RegisterForOpenDay' as const,
    registrationId,
    name: '李四',
    contact,
    contactDigest: digest(contact),
    personalDataRef: `pd-${registrationId}`,
    today,
  });

  it('accepts an announcement 15 days ahead and refuses 14', () => {
    expect(announced[0].data).toMatchObject({ noticeDays: 15, announcedOn: '2026-05-01' });
    announce('2026-05-15').thenError('OPEN_DAY_NOTICE_TOO_SHORT', { detail: expect.stringContaining('15') });
    expect(announce('2026-05-08', 7).decision).toHaveLength(1);
  });
  it('records a masked name and the contact digest in clear, the name and contact only in the marked fields (sealed by the command handler)', () => {
    const [event] = decided(register('r1', '13812345678'), ...announced);
    expect(event.data).toEqual({
      openDayId: 'O1',
      unitId: 'TEZ-EDU',
      registrationId: 'r1',
      displayName: '李*',
      contactDigest: digest('13812345678'),
      personalDataRef: 'pd-r1',
      name: '李四',
      contact: '13812345678',
      registeredOn: '2026-05-10',
    });
    const { name: _n, contact: _c, ...unmarked } = event.data as OpenDayRegistrationAccepted;
    expect(REGISTRANT_MARKING.fields).toEqual(['name', 'contact']);
    expect(JSON.stringify(unmarked)).not.toMatch(/李四|13812345678/);
    expect(checkContract(event.type, 3, event.data)).toEqual({ ok: true }); // v3, the current version (event-versions.spec.ts)
  });
  it('detects a duplicate by the digest of the normalised contact, within one open day only, and records nothing (answered as a first registration)', () => {
    const r1 = decided(register('r1', '138 1234 5678'), ...announced);
    spec
      .given(...announced, ...r1)
      .when(register('r2', '+86-13812345678'))
      .thenNothing();
    expect(spec.given(...announced, ...r1).when(register('r2', 'Li.Si@Example.com')).decision).toHaveLength(1);
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
    const history: OpenDayEvent[] = [
      ...announced,
      { type: 'interpretation.OpenDayRegistrationAccepted', data: v1 as OpenDayRegistrationAccepted },
    ];
    const r1 = decided(register('r1', '13812345678'), ...history);
    expect(r1).toHaveLength(1);
    spec
      .given(...history, ...r1)
      .when(register('r2', '13900000000'))
      .thenError('OPEN_DAY_FULL');
  });
  it('takes registrations up to capacity, once per contact, until the day before', () => {
    const r1 = decided(register('r1', '138-1'), ...announced);
    spec
      .given(...announced, ...r1)
      .when(register('r2', '138-1'))
      .thenNothing();
    const r2 = decided(register('r2', '138-2'), ...announced, ...r1);
    spec
      .given(...announced, ...r1, ...r2)
      .when(register('r3', '138-3'))
      .thenError('OPEN_DAY_FULL');
    // Full is full for everyone, registered or not: the answer does not tell who signed up.
    spec
      .given(...announced, ...r1, ...r2)
      .when(register('r4', '138-1'))
      .thenError('OPEN_DAY_FULL');
    spec
      .given(...announced)
      .when(register('r3', '138-3', '2026-05-16'))
      .thenError('OPEN_DAY_REGISTRATION_CLOSED');
    const summary = (today: string) =>
      spec.given(...announced, ...r1, ...r2).when({ type: 'PublishOpenDaySummary', summary: '活动顺利', attendance: 2, today });
    summary('2026-05-15').thenError('OPEN_DAY_NOT_HELD');
    expect(summary('2026-05-16').decision).toMatchObject([{ data: { year: 2026, registrations: 2, unitId: 'TEZ-EDU' } }]);
  });
});

/** Erasing a registrant's personal data (删除个人信息) in the open day's stream. */
describe("open day decider: erasing a registrant's personal data", () => {
  const DIGEST = 'b'.repeat(64);
  const announced = decided(announceCommand('2026-05-16'));
  const r1 = decided(
    {
      type: 'RegisterForOpenDay',
      registrationId: 'r1',
      name: '李四',
      contact: '13812345678',
      contactDigest: DIGEST,
      personalDataRef: 'pd-r1',
      today: '2026-05-10',
    },
    ...announced,
  );
  const erase = (overrides: Partial<Extract<OpenDayCommand, { type: 'ErasePersonalData' }>> = {}): OpenDayCommand => ({
    type: 'ErasePersonalData',
    refId: 'pd-r1',
    recordId: 'r1',
    reason: '活动已结束，不再需要联系报名者',
    today: '2026-05-20',
    ...overrides,
  });

  it('records the erasure without personal data, after the day and after the summary', () => {
    const summary = decided(
      { type: 'PublishOpenDaySummary', summary: '参观校园', attendance: 1, today: '2026-05-17' },
      ...announced,
      ...r1,
    );
    const events = decided(erase(), ...announced, ...r1, ...summary);
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
          ground: 'request_by_person',
        },
      },
    ]);
    expect(checkContract(events[0].type, 1, events[0].data)).toEqual({ ok: true }); // v1, the current version (event-versions.spec.ts)
    expect(JSON.stringify(events)).not.toMatch(/李四|李\*/);
    // The erasure does not reopen a summarised day, nor change its status.
    expect(spec.given(...announced, ...r1, ...summary, ...events).state).toMatchObject({ status: 'summarised' });
  });

  it('keeps the registration (place and contact digest) and refuses a second erasure', () => {
    const erased = decided(erase({ today: '2026-05-11' }), ...announced, ...r1);
    const history = spec.given(...announced, ...r1, ...erased);
    expect(history.state).toMatchObject({
      status: 'announced',
      registrations: [{ registrationId: 'r1', contactDigest: DIGEST, personalDataRef: 'pd-r1', erasedOn: '2026-05-11' }],
    });
    history.when(erase()).thenError('PERSONAL_DATA_ALREADY_ERASED', { kind: 'conflict', extensions: { erasedOn: '2026-05-11' } });
    // The same contact still cannot register twice (nothing is recorded): the digest stays in the event.
    history
      .when({
        type: 'RegisterForOpenDay',
        registrationId: 'r2',
        name: '李',
        contact: '138 1234 5678',
        contactDigest: DIGEST,
        personalDataRef: 'pd-r2',
        today: '2026-05-12',
      })
      .thenNothing();
  });

  it("refuses a registration not in the stream, a reference that is not the registration's, and no reason", () => {
    spec
      .given(...announced, ...r1)
      .when(erase({ recordId: 'r9' }))
      .thenError('PERSONAL_DATA_RECORD_NOT_FOUND', { kind: 'not_found', detail: expect.stringContaining('该开放日活动') });
    spec
      .given(...announced, ...r1)
      .when(erase({ refId: 'pd-r9' }))
      .thenError('PERSONAL_DATA_RECORD_NOT_FOUND');
    spec.given().when(erase()).thenError('OPEN_DAY_NOT_FOUND');
    spec
      .given(...announced, ...r1)
      .when(erase({ reason: '   ' }))
      .thenError('ERASURE_REASON_REQUIRED', { kind: 'rule' });
  });
});
