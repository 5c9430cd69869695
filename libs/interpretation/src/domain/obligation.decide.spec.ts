import type { Actor } from '@gongkai/contracts';
import { deciderSpec } from '@gongkai/platform/decider-spec';
import { DomainError } from '@gongkai/platform/domain';
import { defaultWorkingDayCalendar } from '@gongkai/working-days';
import { decidedBy } from './decided.testing';
import { obligationDecider, type ObligationCommand } from './obligation.decide';

const calendar = defaultWorkingDayCalendar();
const spec = deciderSpec(obligationDecider(calendar));
const decided = decidedBy(spec);
const leader = (userId: string): Actor => ({ userId, unitId: 'TEZ-CIVIL', role: 'office_head' });

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
const [opened] = decided(open);
const planned = decided(
  { type: 'PlanInterpretation', plan: '政策出台同步发布问答和图解', forms: ['简明问答', '图表图解'], channels: ['政府网站'] },
  opened,
);
const qa = decided({ type: 'AddMaterial', materialId: 'm1', form: '简明问答', title: '低保十问', body: '问：谁可以申请？答：……' }, opened);
const prepared = [opened, ...planned, ...qa];
const signed = decided({ type: 'SignOff', signer: '王明', by: leader('clerk-li') }, ...prepared);
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

  it('counts the limit in statutory working days, skipping weekends', () => {
    expect(spec.given().when({ ...open, issued: { ...issued, issuedOn: '2026-03-05' } }).decision).toMatchObject([
      { data: { dueOn: '2026-03-10' } }, // Thu → Fri, Mon, Tue
    ]);
  });

  it('counts the configured limit, not a hard-coded 3', () => {
    expect(spec.given().when({ ...open, limitWorkingDays: 5 }).decision).toMatchObject([{ data: { dueOn: '2026-03-09' } }]);
  });

  it('skips statutory holidays: a policy issued before 国庆 is due after the holiday', () => {
    const [event] = decided({ ...open, issued: { ...issued, issuedOn: '2026-09-30' } });
    if (event.type !== 'interpretation.InterpretationObligationOpened') throw new Error(`unexpected ${event.type}`);
    const dueOn = event.data.dueOn;
    expect(dueOn > '2026-10-07').toBe(true);
    expect(calendar.workingDaysBetween('2026-09-30' as never, dueOn as never)).toBe(3);
  });

  it('opens only for a 主动公开 policy: nothing for 依申请公开 or 不予公开', () => {
    spec
      .given()
      .when({ ...open, issued: { ...issued, attribute: '依申请公开' } })
      .thenNothing();
    spec
      .given()
      .when({ ...open, issued: { ...issued, attribute: '不予公开' } })
      .thenNothing();
  });

  it("the deadline runs from the policy's publication, not its issue", () => {
    // Issued Mon 03-02, published Fri 03-13: due 3 working days later, Wed 03-18; the interpretation on Tue 03-17 is on time.
    expect(
      spec.given(...ready).when({ type: 'Publish', today: '2026-03-17', channels: ['政府网站'], policyPublishedOn: '2026-03-13' }).decision,
    ).toMatchObject([{ data: { policyPublishedOn: '2026-03-13', dueOn: '2026-03-18', late: false, workingDaysLate: 0 } }]);
    expect(
      spec.given(...ready).when({ type: 'Publish', today: '2026-03-19', channels: ['政府网站'], policyPublishedOn: '2026-03-13' }).decision,
    ).toMatchObject([{ data: { dueOn: '2026-03-18', late: true, workingDaysLate: 1 } }]);
  });

  it('without a recorded publication the issue counts, and the event has no policyPublishedOn', () => {
    const decision = spec
      .given(...ready)
      .when({ type: 'Publish', today: '2026-03-05', channels: ['政府网站'], policyPublishedOn: null }).decision;
    expect(decision).toMatchObject([{ data: { dueOn: '2026-03-05', late: false } }]);
    expect((decision as { data: object }[])[0].data).not.toHaveProperty('policyPublishedOn');
  });

  it('opening twice (a redelivered DocumentIssued) changes nothing', () => {
    spec.given(opened).when(open).thenNothing();
  });

  it('publishes with the policy (same day): 0 working days, not late', () => {
    expect(spec.given(...ready).when({ type: 'Publish', today: '2026-03-02', channels: ['政府网站'] }).decision).toMatchObject([
      { data: { workingDaysAfterIssue: 0, late: false, workingDaysLate: 0, materialIds: ['m1'] } },
    ]);
  });

  it('publishes on the 3rd working day: on time', () => {
    expect(spec.given(...ready).when({ type: 'Publish', today: '2026-03-05', channels: ['政府网站'] }).decision).toMatchObject([
      { data: { workingDaysAfterIssue: 3, late: false, workingDaysLate: 0 } },
    ]);
  });

  it('publishes on the 4th working day: late by one working day', () => {
    expect(
      spec.given(...ready).when({ type: 'Publish', today: '2026-03-06', channels: ['政府网站', '政务新媒体'] }).decision,
    ).toMatchObject([
      {
        type: 'interpretation.InterpretationPublished',
        data: { workingDaysAfterIssue: 4, late: true, workingDaysLate: 1, dueOn: '2026-03-05' },
      },
    ]);
  });

  it('a weekend after the due date is still late', () => {
    expect(spec.given(...ready).when({ type: 'Publish', today: '2026-03-07', channels: ['政府网站'] }).decision).toMatchObject([
      { data: { late: true, workingDaysLate: 1 } },
    ]);
  });

  it("records the drafting unit on the sign-off, for the auditors' timeline", () => {
    spec
      .given(...prepared)
      .when({ type: 'SignOff', signer: '王明', by: leader('clerk-li') })
      .then([
        {
          type: 'interpretation.InterpretationSignedOff',
          data: { documentId: 'D-2026-001', unitId: 'TEZ-CIVIL', signedBy: '王明', recordedBy: 'clerk-li', materialIds: ['m1'] },
        },
      ]);
  });

  it('records the 签发人 as data (a name), whoever records it: the signer need not be a system user (同步审签)', () => {
    expect(spec.given(...prepared).when({ type: 'SignOff', signer: ' 张副区长 ', by: leader('someone-else') }).decision).toMatchObject([
      { data: { signedBy: '张副区长', recordedBy: 'someone-else' } },
    ]);
    spec
      .given(...prepared)
      .when({ type: 'SignOff', signer: ' ', by: leader('clerk-li') })
      .thenError('SIGNER_REQUIRED', { kind: 'validation' });
  });

  it('needs a plan and at least one material before sign-off', () => {
    spec
      .given(opened)
      .when({ type: 'SignOff', signer: '王明', by: leader('clerk-li') })
      .thenError('PLAN_MISSING');
    spec
      .given(opened, ...planned)
      .when({ type: 'SignOff', signer: '王明', by: leader('clerk-li') })
      .thenError('MATERIALS_MISSING');
  });

  it('refuses to publish what was not signed off, or was changed after sign-off', () => {
    spec
      .given(...prepared)
      .when({ type: 'Publish', today: '2026-03-03', channels: ['政府网站'] })
      .thenError('NOT_SIGNED_OFF');
    const changed = decided({ type: 'AddMaterial', materialId: 'm2', form: '案例说明', title: '案例', body: '某户…' }, ...ready);
    spec
      .given(...ready, ...changed)
      .when({ type: 'Publish', today: '2026-03-03', channels: ['政府网站'] })
      .thenError('NOT_SIGNED_OFF');
  });

  it('checks each form carries what it needs', () => {
    const given = spec.given(opened);
    given.when({ type: 'AddMaterial', materialId: 'x', form: '简明问答', title: 't' }).thenError('MATERIAL_TEXT_REQUIRED');
    given.when({ type: 'AddMaterial', materialId: 'x', form: '案例说明', title: 't', body: '  ' }).thenError('MATERIAL_TEXT_REQUIRED');
    given.when({ type: 'AddMaterial', materialId: 'x', form: '图表图解', title: 't', body: '文字' }).thenError('MATERIAL_IMAGE_REQUIRED');
    given.when({ type: 'AddMaterial', materialId: 'x', form: '音频视频', title: 't' }).thenError('MATERIAL_MEDIA_REQUIRED');
    expect(
      given.when({ type: 'AddMaterial', materialId: 'x', form: '音频视频', title: 't', reference: 'https://v.example/1' }).decision,
    ).toHaveLength(1);
  });

  it('takes a material as a file of a type its form accepts, or as a link, and records the file by hash, size, type and name', () => {
    const given = spec.given(opened);
    const png = { sha256: 'a'.repeat(64), size: 2048, mediaType: 'image/png', originalName: '低保图解.png' };
    const docx = {
      sha256: 'b'.repeat(64),
      size: 4096,
      mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      originalName: '低保十问.docx',
    };
    given.when({ type: 'AddMaterial', materialId: 'g', form: '图表图解', title: '一图读懂', file: png }).then([
      {
        type: 'interpretation.InterpretationMaterialAdded',
        data: { documentId: 'D-2026-001', materialId: 'g', form: '图表图解', title: '一图读懂', file: png },
      },
    ]);
    expect(given.when({ type: 'AddMaterial', materialId: 'q', form: '简明问答', title: '问答', file: docx }).decision).toHaveLength(1);
    expect(
      given.when({ type: 'AddMaterial', materialId: 'v', form: '音频视频', title: '视频解读', link: 'https://v.example.cn/1' }).decision,
    ).toHaveLength(1);
    // A picture is not a 问答 document; a 问答 document is not a 图解; audio and video go as links.
    given.when({ type: 'AddMaterial', materialId: 'x', form: '简明问答', title: 't', file: png }).thenError('MATERIAL_FILE_TYPE');
    given.when({ type: 'AddMaterial', materialId: 'x', form: '图表图解', title: 't', file: docx }).thenError('MATERIAL_FILE_TYPE');
    given
      .when({ type: 'AddMaterial', materialId: 'x', form: '音频视频', title: 't', file: { ...png, mediaType: 'application/pdf' } })
      .thenError('MATERIAL_MEDIA_AS_LINK');
    given
      .when({ type: 'AddMaterial', materialId: 'x', form: '简明问答', title: 't', link: 'https://v.example.cn/1' })
      .thenError('MATERIAL_LINK_NOT_ACCEPTED');
  });

  it('refuses changes after publication and anything on an unknown obligation', () => {
    const published = decided({ type: 'Publish', today: '2026-03-03', channels: ['政府网站'] }, ...ready);
    spec
      .given(...ready, ...published)
      .when({ type: 'AddMaterial', materialId: 'm9', form: '简明问答', title: 't', body: 'b' })
      .thenError('INTERPRETATION_ALREADY_PUBLISHED', { kind: 'conflict' });
    const unknown = spec
      .given()
      .when({ type: 'SignOff', signer: '王明', by: leader('x') })
      .thenError('OBLIGATION_NOT_FOUND', { kind: 'not_found' });
    expect(unknown).toBeInstanceOf(DomainError);
  });
});
