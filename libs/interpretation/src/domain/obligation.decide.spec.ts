import { DomainError, fold } from '@gongkai/platform/domain';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWorkingDayCalendar, defaultWorkingDayCalendar } from '@gongkai/working-days';
import type { ObligationEvent } from './obligation';
import { obligationDecider, type ObligationCommand } from './obligation.decide';

const calendar = defaultWorkingDayCalendar();
const decider = obligationDecider(calendar);
const given = (...events: ObligationEvent[]) => fold(decider, events);
const when = (state: ReturnType<typeof given>, command: ObligationCommand) => decider.decide(command, state);

const issued = {
  documentId: 'D-2026-001',
  unitId: 'TEZ-CIVIL',
  title: '台儿庄区城乡低保实施办法',
  documentNumber: '台民发〔2026〕3号',
  documentType: '行政规范性文件' as const,
  attribute: '主动公开' as const,
  approvedBy: 'leader-wang',
  issuedOn: '2026-03-02', // Monday
};
const open: ObligationCommand = { type: 'OpenObligation', issued, limitWorkingDays: 3 };
const [opened] = when(given(), open) as ObligationEvent[];
const planned = when(given(opened), {
  type: 'PlanInterpretation',
  plan: '政策出台同步发布问答和图解',
  forms: ['简明问答', '图表图解'],
  channels: ['政府网站'],
}) as ObligationEvent[];
const qa = when(given(opened), {
  type: 'AddMaterial',
  materialId: 'm1',
  form: '简明问答',
  title: '低保十问',
  body: '问：谁可以申请？答：……',
}) as ObligationEvent[];
const prepared = [opened, ...planned, ...qa];
const signed = when(given(...prepared), { type: 'SignOff', signedBy: 'leader-wang' }) as ObligationEvent[];
const ready = [...prepared, ...signed];

describe('interpretation obligation decider (谁起草、谁解读)', () => {
  it('opens an obligation for the drafting unit, due 3 working days after issue by default', () => {
    expect(opened).toEqual({
      type: 'interpretation.InterpretationObligationOpened',
      data: expect.objectContaining({
        documentId: 'D-2026-001',
        unitId: 'TEZ-CIVIL',
        approvedBy: 'leader-wang',
        issuedOn: '2026-03-02',
        dueOn: '2026-03-05',
        limitWorkingDays: 3,
        legalBasis: expect.stringContaining('谁起草、谁解读'),
      }),
    });
  });

  it('judges a publication late with the calendar of the publication day, not the due date stored when opened (ADR 0009)', () => {
    // Issued Wed 2026-12-30 while 2027 was provisional: due Tue 2027-01-05 (12-31, 01-04, 01-05; 01-01 off).
    const [openedInDecember] = when(given(), { ...open, issued: { ...issued, issuedOn: '2026-12-30' } }) as ObligationEvent[];
    expect(openedInDecember.data).toMatchObject({ dueOn: '2027-01-05' });
    // Then the State Council's notice is loaded (hypothetically with Mon 01-04 off too): due Wed 01-06.
    const dir = mkdtempSync(join(tmpdir(), 'calendar-'));
    writeFileSync(
      join(dir, '2027.json'),
      JSON.stringify({ year: 2027, holidays: ['2027-01-01', '2027-01-02', '2027-01-03', '2027-01-04'], workdays: [] }),
    );
    const withNotice = obligationDecider(createWorkingDayCalendar({ dataDirs: [dir] }));
    // Plan, material and sign-off as in the other cases; they do not depend on the issue date.
    const readyInJanuary = fold(withNotice, [openedInDecember, ...planned, ...qa, ...signed]);
    const [published] = withNotice.decide(
      { type: 'Publish', today: '2027-01-06', channels: ['政府网站'] },
      readyInJanuary,
    ) as ObligationEvent[];
    expect(published.data).toMatchObject({ dueOn: '2027-01-06', late: false, workingDaysLate: 0 });
  });

  it('counts the limit in statutory working days, skipping weekends', () => {
    const [event] = when(given(), { ...open, issued: { ...issued, issuedOn: '2026-03-05' } }) as ObligationEvent[];
    expect(event.data).toMatchObject({ dueOn: '2026-03-10' }); // Thu → Fri, Mon, Tue
  });

  it('counts the configured limit, not a hard-coded 3', () => {
    const [event] = when(given(), { ...open, limitWorkingDays: 5 }) as ObligationEvent[];
    expect(event.data).toMatchObject({ dueOn: '2026-03-09' });
  });

  it('skips statutory holidays: a policy issued before 国庆 is due after the holiday', () => {
    const [event] = when(given(), { ...open, issued: { ...issued, issuedOn: '2026-09-30' } }) as ObligationEvent[];
    const dueOn = (event.data as { dueOn: string }).dueOn;
    expect(dueOn > '2026-10-07').toBe(true);
    expect(calendar.workingDaysBetween('2026-09-30' as never, dueOn as never)).toBe(3);
  });

  it('opening twice (a redelivered DocumentIssued) changes nothing', () => {
    expect(when(given(opened), open)).toEqual([]);
  });

  it('publishes with the policy (same day): 0 working days, not late', () => {
    const [event] = when(given(...ready), { type: 'Publish', today: '2026-03-02', channels: ['政府网站'] }) as ObligationEvent[];
    expect(event.data).toMatchObject({ workingDaysAfterIssue: 0, late: false, workingDaysLate: 0, materialIds: ['m1'] });
  });

  it('publishes on the 3rd working day: on time', () => {
    const [event] = when(given(...ready), { type: 'Publish', today: '2026-03-05', channels: ['政府网站'] }) as ObligationEvent[];
    expect(event.data).toMatchObject({ workingDaysAfterIssue: 3, late: false, workingDaysLate: 0 });
  });

  it('publishes on the 4th working day: late by one working day', () => {
    const [event] = when(given(...ready), {
      type: 'Publish',
      today: '2026-03-06',
      channels: ['政府网站', '政务新媒体'],
    }) as ObligationEvent[];
    expect(event).toMatchObject({
      type: 'interpretation.InterpretationPublished',
      data: { workingDaysAfterIssue: 4, late: true, workingDaysLate: 1, dueOn: '2026-03-05' },
    });
  });

  it('a weekend after the due date is still late', () => {
    const [event] = when(given(...ready), { type: 'Publish', today: '2026-03-07', channels: ['政府网站'] }) as ObligationEvent[];
    expect(event.data).toMatchObject({ late: true, workingDaysLate: 1 });
  });

  it("records the drafting unit on the sign-off, for the auditors' timeline", () => {
    expect(signed).toEqual([
      {
        type: 'interpretation.InterpretationSignedOff',
        data: { documentId: 'D-2026-001', unitId: 'TEZ-CIVIL', signedBy: 'leader-wang', materialIds: ['m1'] },
      },
    ]);
  });

  it('must be signed off by the same leader who signed the policy (同步审签)', () => {
    const result = when(given(...prepared), { type: 'SignOff', signedBy: 'someone-else' });
    expect(result).toMatchObject({ kind: 'forbidden', code: 'SIGNER_NOT_POLICY_APPROVER', detail: expect.stringContaining('leader-wang') });
  });

  it('needs a plan and at least one material before sign-off', () => {
    expect(when(given(opened), { type: 'SignOff', signedBy: 'leader-wang' })).toMatchObject({ code: 'PLAN_MISSING' });
    expect(when(given(opened, ...planned), { type: 'SignOff', signedBy: 'leader-wang' })).toMatchObject({ code: 'MATERIALS_MISSING' });
  });

  it('refuses to publish what was not signed off, or was changed after sign-off', () => {
    expect(when(given(...prepared), { type: 'Publish', today: '2026-03-03', channels: ['政府网站'] })).toMatchObject({
      code: 'NOT_SIGNED_OFF',
    });
    const changed = when(given(...ready), {
      type: 'AddMaterial',
      materialId: 'm2',
      form: '案例说明',
      title: '案例',
      body: '某户…',
    }) as ObligationEvent[];
    expect(when(given(...ready, ...changed), { type: 'Publish', today: '2026-03-03', channels: ['政府网站'] })).toMatchObject({
      code: 'NOT_SIGNED_OFF',
    });
  });

  it('checks each form carries what it needs', () => {
    const state = given(opened);
    expect(when(state, { type: 'AddMaterial', materialId: 'x', form: '简明问答', title: 't' })).toMatchObject({
      code: 'MATERIAL_TEXT_REQUIRED',
    });
    expect(when(state, { type: 'AddMaterial', materialId: 'x', form: '案例说明', title: 't', body: '  ' })).toMatchObject({
      code: 'MATERIAL_TEXT_REQUIRED',
    });
    expect(when(state, { type: 'AddMaterial', materialId: 'x', form: '图表图解', title: 't', body: '文字' })).toMatchObject({
      code: 'MATERIAL_IMAGE_REQUIRED',
    });
    expect(when(state, { type: 'AddMaterial', materialId: 'x', form: '音频视频', title: 't' })).toMatchObject({
      code: 'MATERIAL_MEDIA_REQUIRED',
    });
    expect(
      when(state, { type: 'AddMaterial', materialId: 'x', form: '音频视频', title: 't', reference: 'https://v.example/1' }),
    ).toHaveLength(1);
  });

  it('refuses changes after publication and anything on an unknown obligation', () => {
    const published = when(given(...ready), { type: 'Publish', today: '2026-03-03', channels: ['政府网站'] }) as ObligationEvent[];
    expect(
      when(given(...ready, ...published), { type: 'AddMaterial', materialId: 'm9', form: '简明问答', title: 't', body: 'b' }),
    ).toMatchObject({
      kind: 'conflict',
      code: 'INTERPRETATION_ALREADY_PUBLISHED',
    });
    const unknown = when(given(), { type: 'SignOff', signedBy: 'x' });
    expect(unknown).toBeInstanceOf(DomainError);
    expect(unknown).toMatchObject({ kind: 'not_found', code: 'OBLIGATION_NOT_FOUND' });
  });
});
