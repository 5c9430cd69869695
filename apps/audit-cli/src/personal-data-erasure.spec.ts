import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { AuditModule } from '@gongkai/audit';
import { ERASED_PLACEHOLDER, WITHHELD_PLACEHOLDER, type EventEnvelope, type Role } from '@gongkai/contracts';
import { createApp, EVENT_STORE, ReadModelConnections, type EventStore } from '@gongkai/platform';
import { eventually, isolatedEnv, sqliteStoreBytes, tokenFor } from '@gongkai/platform/testing';
import { ApplicantPersonalData, applicantSubjectId, knownUnits, RequestsModule } from '@gongkai/requests';
import { addCalendarDays, toShanghaiDate, type LocalDate } from '@gongkai/working-days';
import { runCommand } from './commands';
import { expectNoTrace as expectNoTraceOf, kafkaDump, readModelDump } from './erasure-dumps.testing';

const UNIT = 'TEZ-ZSZ';
const TODAY = toShanghaiDate(new Date());
const YEAR = Number(TODAY.slice(0, 4));

/** The applicants: one erased at her request, one kept, one whose request stays open, one whose period runs out. */
const APPLICANTS = {
  erased: {
    name: '欧阳晓燕',
    phone: '13611112222',
    email: 'ouyang.xy@example.cn',
    address: '台儿庄区运河大街 18 号',
    id: '370405199203034567',
  },
  kept: { name: '司马建国', phone: '13733334444', email: 'sima.jg@example.cn', address: '台儿庄区华兴路 6 号', id: '370405198512126789' },
  open: { name: '诸葛明远', phone: '13855556666', email: 'zhuge.my@example.cn', address: '台儿庄区金光路 30 号', id: '370405197707071234' },
} as const;
type Who = keyof typeof APPLICANTS;
/** The strings that must leave no trace once an applicant is erased (UTF-8), the masked ID number included. */
const traces = (who: Who) => {
  const a = APPLICANTS[who];
  return [a.name, a.phone, a.email, a.address, a.id, `${a.id.slice(0, 4)}${'*'.repeat(10)}${a.id.slice(-4)}`];
};

/**
 * Erasing an applicant (issue 19) over the real servers: the requests service alone (SQLite store,
 * Kafka, FerretDB), its audit. After the office head erases one applicant, no byte of the store, of
 * any Kafka topic the installation wrote, or of any read-model collection holds her name, phone,
 * e-mail, address or ID number; the others are intact; the hash chains verify; the annual report is
 * unchanged. Then the retention job with a clock past the period.
 */
describe('erasing an applicant’s personal data (crypto-shredding) over the real servers', () => {
  const env = isolatedEnv();
  const storeFile = env.EVENT_STORE_URL.replace(/^sqlite:/, '');
  let app: INestApplication;
  const requests: Record<Who, string[]> = { erased: [], kept: [], open: [] };
  const http = () => request(app.getHttpServer());
  const as = async (role: Role, unitId: string | null = UNIT) => `Bearer ${await tokenFor(role, unitId)}`;

  async function register(who: Who, description: string): Promise<string> {
    const a = APPLICANTS[who];
    const res = await http()
      .post('/api/requests')
      .set('Authorization', await as('clerk'))
      .send({
        unitId: UNIT,
        channel: 'in_person',
        receivedOn: addCalendarDays(TODAY, -5),
        applicant: {
          type: '自然人',
          name: a.name,
          phone: a.phone,
          email: a.email,
          address: a.address,
          idDocument: { kind: '居民身份证', number: a.id },
        },
        description,
        preferredForm: '电子',
        delivery: '电子邮件',
      });
    expect([res.status, res.body.code]).toEqual([201, undefined]);
    requests[who].push(res.body.requestId);
    return res.body.requestId as string;
  }

  async function act(role: Role, requestId: string, action: string, body: object = {}) {
    const res = await http()
      .post(`/api/requests/${requestId}/${action}`)
      .set('Authorization', await as(role))
      .send(body);
    expect([action, res.status, res.body.code]).toEqual([action, 200, undefined]);
  }

  /** Replied, delivered and archived: the case is closed and its retention period runs. */
  async function closeAndArchive(requestId: string, archiveNo: string) {
    await act('clerk', requestId, 'assign', { handlerId: 'clerk-1', handlerName: '王芳' });
    await act('clerk', requestId, 'draft-reply', { category: 'disclose', content: '现将所申请的信息提供给您。' });
    await act('reviewer', requestId, 'review', { approved: true });
    await act('clerk', requestId, 'reply');
    await act('clerk', requestId, 'delivery', { method: '电子邮件' });
    await act('clerk', requestId, 'archive', { archiveNo });
  }

  const detail = async (requestId: string, role: Role, unitId: string | null = UNIT) =>
    (
      await http()
        .get(`/api/requests/${requestId}`)
        .set('Authorization', await as(role, unitId))
    ).body as {
      status: string;
      applicant: Record<string, unknown>;
      personalDataErased?: { reason: string } | null;
      history: { type: string }[];
    };
  const annualReport = async () => {
    const body = (
      await http()
        .get(`/api/requests/reports/annual/${UNIT}/${YEAR}`)
        .set('Authorization', await as('clerk'))
    ).body;
    return { table2: body.table2, table3: body.table3, table4: body.table4, tables: body.tables };
  };
  const cli = async (...argv: string[]) => {
    let output = '';
    const code = await runCommand(app, argv, (text) => (output += text));
    return { code, output };
  };
  const applicantInHistory = async (requestId: string, ...options: string[]) => {
    const { output } = await cli('history', requestId, '--json', ...options);
    const entries = JSON.parse(output).entries as { type: string; fields: { name: string; value: unknown }[] }[];
    return entries.find((e) => e.type === 'requests.RequestReceived')?.fields.find((f) => f.name === 'applicant')?.value as Record<
      string,
      unknown
    >;
  };

  const expectNoTrace = (where: string, bytes: Buffer, who: Who) => expectNoTraceOf(where, bytes, traces(who));

  let reportBefore: Awaited<ReturnType<typeof annualReport>>;

  beforeAll(async () => {
    ({ app } = await createApp({ shape: 'requests', title: 'erasure test', modules: () => [RequestsModule, AuditModule] }, env));
    await app.init();
    await knownUnits(app, [UNIT]);
    await closeAndArchive(await register('erased', '台儿庄区2026年城区老旧小区改造项目清单'), '2026-ZSZ-001');
    await closeAndArchive(await register('erased', '台儿庄区2026年城区老旧小区改造项目资金安排'), '2026-ZSZ-002');
    await closeAndArchive(await register('kept', '张山子镇2026年农村公路养护计划'), '2026-ZSZ-003');
    await register('open', '张山子镇2026年高标准农田建设项目批复');
    await eventually(
      async () => {
        const rows = (
          await http()
            .get('/api/requests')
            .set('Authorization', await as('clerk'))
        ).body as { status: string }[];
        return rows.length === 4 && rows.filter((r) => r.status === 'archived').length === 3 ? true : undefined;
      },
      60000,
      'the four requests in the read model',
    );
    reportBefore = await annualReport();
    expect(JSON.stringify(reportBefore.table3)).toMatch(/:[1-9]/); // the report counts these requests
  }, 240000);
  afterAll(() => app?.close());

  it('reads the applicant in clear for staff, 已脱敏 for an auditor (API and audit CLI); the store holds only ciphertext', async () => {
    const [first] = requests.erased;
    expect((await detail(first, 'clerk')).applicant).toMatchObject({
      name: APPLICANTS.erased.name,
      phone: APPLICANTS.erased.phone,
      email: APPLICANTS.erased.email,
      address: APPLICANTS.erased.address,
      idDocument: { kind: '居民身份证', masked: '3704**********4567' },
      type: '自然人',
    });
    expect((await detail(first, 'auditor', null)).applicant).toMatchObject({
      name: WITHHELD_PLACEHOLDER,
      phone: WITHHELD_PLACEHOLDER,
      idDocument: { masked: WITHHELD_PLACEHOLDER },
      type: '自然人',
    });
    expect(await applicantInHistory(first)).toMatchObject({ name: WITHHELD_PLACEHOLDER, phone: WITHHELD_PLACEHOLDER, type: '自然人' });
    expect(await applicantInHistory(first, '--as', 'clerk')).toMatchObject({
      name: APPLICANTS.erased.name,
      phone: APPLICANTS.erased.phone,
    });
    // Over HTTP the audit API reads as the caller's role: the auditor 已脱敏, the district office in clear.
    const audited = async (role: Role) =>
      JSON.stringify(
        (
          await http()
            .get(`/api/audit/history/${first}`)
            .set('Authorization', await as(role, null))
        ).body,
      );
    expect(await audited('auditor')).not.toContain(APPLICANTS.erased.name);
    expect(await audited('auditor')).toContain(WITHHELD_PLACEHOLDER);
    expect(await audited('district_office')).toContain(APPLICANTS.erased.name);

    const bytes = sqliteStoreBytes(storeFile);
    expect(bytes.includes(Buffer.from('台儿庄区2026年城区老旧小区改造项目清单', 'utf8'))).toBe(true); // the search finds what is there
    for (const who of ['erased', 'kept', 'open'] as const) expectNoTrace('event store before erasure', bytes, who);
  });

  it('refuses the erasure to anyone but the office head, and while a request of the applicant is still open', async () => {
    const body = { reason: 'request_by_person', note: '申请人书面申请删除其个人信息' };
    const clerk = await http()
      .post(`/api/requests/${requests.erased[0]}/erase-personal-data`)
      .set('Authorization', await as('clerk'))
      .send(body);
    expect(clerk.status).toBe(403);
    const open = await http()
      .post(`/api/requests/${requests.open[0]}/erase-personal-data`)
      .set('Authorization', await as('office_head'))
      .send(body);
    expect([open.status, open.body.code]).toEqual([422, 'PERSONAL_DATA_STILL_NEEDED']);
    expect(open.body.detail).toMatch(/尚未办结/);
    expect((await detail(requests.open[0], 'clerk')).applicant.name).toBe(APPLICANTS.open.name);
  });

  it('erases one applicant at her request: no trace in the store, on Kafka or in any read model; the others intact; verify passes; the report unchanged', async () => {
    // A backup of the key store taken before the erasure (the runbook backs it up with the event store).
    const keyStore = app.get(ReadModelConnections).get('platform').collection('personal_data_keys');
    const applicantKey = (
      (await app
        .get(ReadModelConnections)
        .get('requests')
        .collection('requests')
        .findOne({ _id: requests.erased[0] as never })) as unknown as { applicantKey: string }
    ).applicantKey;
    const backup = await keyStore.findOne({ _id: applicantSubjectId(applicantKey) as never });
    expect(backup).toMatchObject({ wrapped: expect.any(String) });
    const erased = await http()
      .post(`/api/requests/${requests.erased[1]}/erase-personal-data`)
      .set('Authorization', await as('office_head'))
      .send({ reason: 'request_by_person', note: '申请人书面申请删除其个人信息（2026年12月1日来函）' });
    expect([erased.status, erased.body.code]).toEqual([200, undefined]);
    expect({ ...erased.body, requestIds: [...erased.body.requestIds].sort() }).toEqual({
      requestIds: [...requests.erased].sort(),
      reason: 'request_by_person',
      erasedOn: TODAY,
    });

    // Both of her requests keep their facts and show the placeholder; the erasure is on each case's record.
    for (const requestId of requests.erased) {
      const view = await eventually(
        async () => {
          const d = await detail(requestId, 'clerk');
          return d.personalDataErased ? d : undefined;
        },
        30000,
        'the erasure in the read model',
      );
      expect(view).toMatchObject({
        status: 'archived',
        personalDataErased: { reason: 'request_by_person', erasedOn: TODAY },
        applicant: { type: '自然人', name: ERASED_PLACEHOLDER, phone: ERASED_PLACEHOLDER, idDocument: { masked: ERASED_PLACEHOLDER } },
        reply: { legalBasis: expect.any(String) },
        category: 'disclose',
      });
      expect(view.history.map((h) => h.type)).toContain('PersonalDataErased');
    }
    expect((await applicantInHistory(requests.erased[0], '--as', 'clerk')).name).toBe(ERASED_PLACEHOLDER);
    // The others are intact.
    expect((await detail(requests.kept[0], 'clerk')).applicant).toMatchObject({ name: APPLICANTS.kept.name, phone: APPLICANTS.kept.phone });
    expect((await applicantInHistory(requests.kept[0], '--as', 'office_head')).name).toBe(APPLICANTS.kept.name);

    // The relay has published everything the store holds, the erasures included, before the dump.
    const store = app.get<EventStore>(EVENT_STORE);
    const all: EventEnvelope[] = await store.readAll();
    const requestEvents = all.filter((e) => e.type.startsWith('requests.')).length;
    const dump = await eventually(
      async () => {
        const d = await kafkaDump(env);
        return d.count >= requestEvents ? d : undefined;
      },
      90000,
      'every requests event on Kafka',
    );
    expect(dump.topics).toContain(`${env.KAFKA_TOPIC_PREFIX}.requests`);
    expect(dump.bytes.includes(Buffer.from('enc:v1:'))).toBe(true);
    expectNoTrace(`Kafka topics ${dump.topics.join(', ')}`, dump.bytes, 'erased');

    const readModels = await readModelDump(app.get(ReadModelConnections).get('platform'), env.MONGODB_DB_PREFIX);
    expect(readModels.collections).toEqual(
      expect.arrayContaining([`${env.MONGODB_DB_PREFIX}-requests.requests`, `${env.MONGODB_DB_PREFIX}-platform.personal_data_keys`]),
    );
    expect(readModels.bytes.includes(Buffer.from('张山子镇2026年农村公路养护计划', 'utf8'))).toBe(true);
    expectNoTrace('read-model collections', readModels.bytes, 'erased');
    expectNoTrace('event store after erasure', sqliteStoreBytes(storeFile), 'erased');

    const verified = await cli('verify');
    expect([verified.code, verified.output]).toEqual([0, expect.stringContaining('完整性校验通过')]);
    expect(await annualReport()).toEqual(reportBefore);

    // Restoring that key-store backup brings the erased key back; the recorded erasure deletes it again.
    await keyStore.replaceOne({ _id: applicantSubjectId(applicantKey) as never }, backup!);
    expect((await detail(requests.erased[0], 'clerk')).applicant.name).toBe(APPLICANTS.erased.name);
    const rerun = await cli('personal-data-retention');
    expect([rerun.code, rerun.output]).toEqual([0, expect.stringContaining('重新删除 1 个')]);
    expect((await detail(requests.erased[0], 'clerk')).applicant.name).toBe(ERASED_PLACEHOLDER);
    expect(await app.get(ApplicantPersonalData).shredRestoredKeys()).toEqual([]);
  }, 240000);

  it('retention: with the clock past the period the job erases exactly the expired applicants, recorded with the reason', async () => {
    const personalData = app.get(ApplicantPersonalData);
    const years = 10; // REQUESTS_APPLICANT_RETENTION_YEARS's default
    const at = (day: string) => new Date(`${day}T10:00:00+08:00`);
    const periodEnds = `${YEAR + years}${TODAY.slice(4)}`;
    // On the day the period ends nothing is erased yet.
    expect(await personalData.eraseExpired(at(periodEnds))).toEqual([]);
    const dayAfter = addCalendarDays(periodEnds as LocalDate, 1);
    const erased = await personalData.eraseExpired(at(dayAfter));
    // The kept applicant's archived request has run out; the erased one is not erased twice; the open request keeps its applicant.
    expect(erased).toEqual([{ requestIds: requests.kept, reason: 'retention', erasedOn: dayAfter, retentionEndedOn: periodEnds }]);
    const store = app.get<EventStore>(EVENT_STORE);
    const recorded = (await store.readStream(`requests.request-${requests.kept[0]}`)).filter(
      (e) => e.type === 'requests.PersonalDataErased',
    );
    expect(recorded).toEqual([
      expect.objectContaining({
        actor: expect.objectContaining({ role: 'system', userId: 'requests.personal-data-retention' }),
        data: expect.objectContaining({ reason: 'retention', retentionEndedOn: periodEnds, erasedOn: dayAfter }),
      }),
    ]);
    expect(
      (await store.readStream(`requests.request-${requests.erased[0]}`)).filter((e) => e.type === 'requests.PersonalDataErased'),
    ).toHaveLength(1);
    expect((await detail(requests.kept[0], 'clerk')).applicant.name).toBe(ERASED_PLACEHOLDER);
    expect((await detail(requests.open[0], 'clerk')).applicant.name).toBe(APPLICANTS.open.name);
    // A second run finds nothing more to do.
    expect(await personalData.eraseExpired(at(dayAfter))).toEqual([]);
    expect((await cli('verify')).code).toBe(0);
  }, 120000);
});
