import {
  checkStoredContract,
  isPersonalDataToken,
  personalDataMarking,
  personalValuesOf,
  registerPersonalData,
  subjectValueOf,
  type PersonalDataMarkings,
} from './personal-data';
import { REQUEST_APPLICANT_MARKING } from './events/requests.personal-data';

const TOKEN = `enc:v1:AAAAAAAAAAAAAAAA:${'b'.repeat(16)}:${'c'.repeat(40)}:${'d'.repeat(22)}`;
const hex = (c: string) => c.repeat(64);

const received = {
  requestId: 'REQ-2026-0001',
  unitId: 'TEZ-GOV',
  channel: 'online',
  receivedOn: '2026-03-02',
  receiptBasis: '网上提交之日',
  applicant: { type: '自然人', name: '张三', phone: '13800000000' },
  applicantKey: hex('a'),
  description: '某路段改造的批复文件',
  preferredForm: '电子',
  delivery: '电子邮件',
  trackingCodeHash: hex('b'),
  possibleRepeatOf: [],
  dueOn: '2026-03-23',
};

const markings: PersonalDataMarkings = {
  'requests.RequestReceived': {
    1: { scope: 'requests.applicant', subject: 'applicantKey', fields: ['applicant.name', 'applicant.phone', 'applicant.email'] },
  },
  'interpretation.OpenDayHeld': {
    1: { scope: 'interpretation.attendee', subject: 'openDayId', fields: ['attendees[].name'] },
  },
};

describe('personal-data markings', () => {
  it('finds the present values at the marked paths, array elements included', () => {
    const marking = markings['interpretation.OpenDayHeld'][1];
    const data = { openDayId: 'OD-1', attendees: [{ name: '甲' }, { organisation: '无名' }, { name: '乙' }] };
    expect(personalValuesOf(marking, data).map((v) => [v.location, v.value])).toEqual([
      [['attendees', 0, 'name'], '甲'],
      [['attendees', 2, 'name'], '乙'],
    ]);
    expect(subjectValueOf(marking, data)).toBe('OD-1');
    expect(subjectValueOf(marking, { attendees: [] })).toBeNull();
    const request = markings['requests.RequestReceived'][1];
    expect(personalValuesOf(request, received).map((v) => v.field.path)).toEqual(['applicant.name', 'applicant.phone']);
  });

  it('accepts a token at a marked field where the schema wants the plaintext, and nothing else', () => {
    expect(isPersonalDataToken(TOKEN)).toBe(true);
    expect(isPersonalDataToken('enc:v1:x')).toBe(false);
    const sealed = { ...received, applicant: { ...received.applicant, name: TOKEN, phone: TOKEN } };
    // The token is longer than the 30 characters a phone may have: only the marking lets it through.
    expect(checkStoredContract('requests.RequestReceived', 1, sealed, {})).toMatchObject({ ok: false });
    expect(checkStoredContract('requests.RequestReceived', 1, sealed, markings)).toEqual({ ok: true });
    expect(checkStoredContract('requests.RequestReceived', 1, received, markings)).toEqual({ ok: true });
    // A token outside the marked fields, and a broken unmarked field, are still refused.
    expect(checkStoredContract('requests.RequestReceived', 1, { ...sealed, description: TOKEN.repeat(30) }, markings)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^description: /),
    });
    expect(checkStoredContract('requests.RequestReceived', 1, { ...sealed, channel: 'pigeon' }, markings)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^channel: /),
    });
  });

  it('registers markings once, refusing the malformed and the contradictory', () => {
    // The requests service's own marking, registered with the contracts.
    const marking = REQUEST_APPLICANT_MARKING;
    registerPersonalData({ 'requests.RequestReceived': { 1: marking } });
    registerPersonalData({ 'requests.RequestReceived': { 1: marking } });
    expect(personalDataMarking('requests.RequestReceived', 1)).toEqual(marking);
    expect(personalDataMarking('requests.RequestAssigned', 1)).toBeUndefined();
    expect(() => registerPersonalData({ 'requests.RequestReceived': { 1: { ...marking, fields: ['applicant.name'] } } })).toThrow(
      /already marked differently/,
    );
    expect(() => registerPersonalData({ 'requests.Unheard': { 1: marking } })).toThrow(/no such event contract/);
    expect(() => registerPersonalData({ 'requests.RequestReceived': { 9: marking } })).toThrow(/no such event contract/);
    expect(() => registerPersonalData({ 'requests.RequestAssigned': { 1: { ...marking, fields: ['applicant..name'] } } })).toThrow(
      /malformed path/,
    );
    expect(() => registerPersonalData({ 'requests.RequestAssigned': { 1: { ...marking, fields: ['applicantKey'] } } })).toThrow(
      /subject applicantKey must not be encrypted/,
    );
    expect(() => registerPersonalData({ 'requests.RequestAssigned': { 1: { ...marking, scope: 'Requests' } } })).toThrow(/scope/);
    expect(() => registerPersonalData({ 'requests.RequestAssigned': { 1: { ...marking, scope: 'interpretation.commenter' } } })).toThrow(
      /scope interpretation.commenter must be requests.<kind>/,
    );
    expect(() => registerPersonalData({ 'requests.RequestAssigned': { 1: { ...marking, fields: [] } } })).toThrow(/no fields/);
  });
});
