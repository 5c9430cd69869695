import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deciderSpec } from '@gongkai/platform/decider-spec';
import { createWorkingDayCalendar, defaultWorkingDayCalendar } from '@gongkai/working-days';
import { decidedBy } from '../domain/decided.testing';
import { obligationDecider } from '../domain/obligation.decide';

/**
 * The obligation decider with a calendar read from holiday-arrangement files, as the service loads
 * it (ADR 0009). Outside domain/ because it writes such a file; the decider's other cases are in
 * domain/obligation.decide.spec.ts.
 */
describe('interpretation obligation decider with a holiday arrangement loaded later (ADR 0009)', () => {
  const decided = decidedBy(deciderSpec(obligationDecider(defaultWorkingDayCalendar())));
  const issued = {
    documentId: 'D-2026-001',
    unitId: 'TEZ-CIVIL',
    title: '台儿庄区城乡低保实施办法',
    documentNumber: '台民发〔2026〕3号',
    documentType: '行政规范性文件' as const,
    attribute: '主动公开' as const,
    approvedBy: 'leader-wang',
    issuedOn: '2026-12-30',
  };

  it('judges a publication late with the calendar of the publication day, not the due date stored when opened (ADR 0009)', () => {
    // Issued Wed 2026-12-30 while 2027 was provisional: due Tue 2027-01-05 (12-31, 01-04, 01-05; 01-01 off).
    const [openedInDecember] = decided({ type: 'OpenObligation', issued, limitWorkingDays: 3 });
    expect(openedInDecember.data).toMatchObject({ dueOn: '2027-01-05' });
    // Plan, material and sign-off as in the decider's spec; they do not depend on the issue date.
    const planned = decided(
      { type: 'PlanInterpretation', plan: '政策出台同步发布问答和图解', forms: ['简明问答', '图表图解'], channels: ['政府网站'] },
      openedInDecember,
    );
    const qa = decided(
      { type: 'AddMaterial', materialId: 'm1', form: '简明问答', title: '低保十问', body: '问：谁可以申请？答：……' },
      openedInDecember,
    );
    const signed = decided(
      { type: 'SignOff', signer: '王明', by: { userId: 'leader-wang', unitId: 'TEZ-CIVIL', role: 'office_head' } },
      openedInDecember,
      ...planned,
      ...qa,
    );
    // Then the State Council's notice is loaded (hypothetically with Mon 01-04 off too): due Wed 01-06.
    const dir = mkdtempSync(join(tmpdir(), 'calendar-'));
    writeFileSync(
      join(dir, '2027.json'),
      JSON.stringify({ year: 2027, holidays: ['2027-01-01', '2027-01-02', '2027-01-03', '2027-01-04'], workdays: [] }),
    );
    const withNotice = deciderSpec(obligationDecider(createWorkingDayCalendar({ dataDirs: [dir] })));
    expect(
      withNotice
        .given(openedInDecember, ...planned, ...qa, ...signed)
        .when({ type: 'Publish', today: '2027-01-06', channels: ['政府网站'] }).decision,
    ).toMatchObject([{ data: { dueOn: '2027-01-06', late: false, workingDaysLate: 0 } }]);
  });
});
