import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { AuditModule } from '@gongkai/audit';
import { ERASED_PLACEHOLDER, WITHHELD_PLACEHOLDER, type EventEnvelope, type Role } from '@gongkai/contracts';
import { createApp, EVENT_STORE, ReadModelConnections, type EventStore } from '@gongkai/platform';
import { eventually, isolatedEnv, sqliteStoreBytes, startServiceProcess, tokenFor, type ServiceProcess } from '@gongkai/platform/testing';
import { knownUnits, RequestsModule } from '@gongkai/requests';
import { addCalendarDays, toShanghaiDate } from '@gongkai/working-days';
import { runCommand } from './commands';
import { blobStoreDump, expectNoTrace, kafkaDump, readModelDump } from './erasure-dumps.testing';

const UNIT = 'TEZ-ZSZ';
const TODAY = toShanghaiDate(new Date());
const RUN = Math.random().toString(36).slice(2, 10);
/** A 1×1 PNG, then a marker that makes each scan's bytes unique and findable in the file store. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const scanOf = (marker: string) => Buffer.concat([PNG, Buffer.from(marker, 'utf8')]);

/** Two people, each an applicant (at the counter, with a scanned application) and a commenter on a consultation. */
const PEOPLE = {
  erased: {
    name: '上官婉清',
    phone: '13912340001',
    email: `shangguan.wq.${RUN}@example.cn`,
    address: '台儿庄区运河大街 21 号',
    id: '370405199405056789',
    scanName: '上官婉清申请书.png',
    scanMarker: `SCAN-OF-SHANGGUAN-${RUN}`,
  },
  kept: {
    name: '欧阳明远',
    phone: '13912340002',
    email: `ouyang.my.${RUN}@example.cn`,
    address: '台儿庄区华兴路 12 号',
    id: '370405198808081234',
    scanName: '欧阳明远申请书.png',
    scanMarker: `SCAN-OF-OUYANG-${RUN}`,
  },
} as const;
type Who = keyof typeof PEOPLE;
const traces = (who: Who) => {
  const p = PEOPLE[who];
  return [p.name, p.phone, p.email, p.address, p.id, `${p.id.slice(0, 4)}${'*'.repeat(10)}${p.id.slice(-4)}`, p.scanName, p.scanMarker];
};

/**
 * Erasing a person everywhere a copy went (issue 19), over the real servers and two services as
 * deployed: the requests service (with the audit) in this process, the interpretation service in its
 * own, sharing the SQLite event store, Kafka, FerretDB and the file store. One person is erased as an
 * applicant (court order; her scanned application goes from the file store) and as a commenter (by the
 * unit): no byte of the store, of any Kafka topic, of any read-model collection or of the file store
 * holds her name, phone, e-mail, address, ID number, scan file name or scan; the other person is intact;
 * `verify` passes and reports the scan as erased with her.
 */
describe('erasing a person as applicant (with a scan) and as commenter over the real servers and two services', () => {
  const env = isolatedEnv();
  const storeFile = env.EVENT_STORE_URL.replace(/^sqlite:/, '');
  const blobRoot = env.BLOB_STORE_URL.replace(/^file:/, '');
  let app: INestApplication;
  let interpretation: ServiceProcess;
  const requestOf: Partial<Record<Who, string>> = {};
  const commentRefOf: Partial<Record<Who, string>> = {};
  const http = () => request(app.getHttpServer());
  const inInterpretation = () => request(interpretation.url);
  const as = async (role: Role, unitId: string | null = UNIT) => `Bearer ${await tokenFor(role, unitId)}`;
  const cli = async (...argv: string[]) => {
    let output = '';
    const code = await runCommand(app, argv, (text) => (output += text));
    return { code, output };
  };

  async function applyAtTheCounter(who: Who): Promise<string> {
    const p = PEOPLE[who];
    const uploaded = await http()
      .post(`/api/requests/scans?name=${encodeURIComponent(p.scanName)}`)
      .set('Authorization', await as('clerk'))
      .set('Content-Type', 'image/png')
      .send(scanOf(p.scanMarker));
    expect([uploaded.status, uploaded.body.code]).toEqual([201, undefined]);
    const res = await http()
      .post('/api/requests')
      .set('Authorization', await as('clerk'))
      .send({
        unitId: UNIT,
        channel: 'in_person',
        receivedOn: addCalendarDays(TODAY, -1),
        applicant: {
          type: '自然人',
          name: p.name,
          phone: p.phone,
          email: p.email,
          address: p.address,
          idDocument: { kind: '居民身份证', number: p.id },
        },
        description: `关于${who === 'erased' ? '运河大街' : '华兴路'}改造工程的批复文件`,
        preferredForm: '电子',
        delivery: '电子邮件',
        scan: uploaded.body,
      });
    expect([res.status, res.body.code]).toEqual([201, undefined]);
    return res.body.requestId as string;
  }

  async function comment(who: Who): Promise<void> {
    const p = PEOPLE[who];
    await inInterpretation()
      .post('/api/interpretation/consultations/K-ERASE/comments')
      .send({ content: `建议公开${who === 'erased' ? '运河大街' : '华兴路'}的施工计划`, commenterName: p.name, contact: p.email })
      .expect(201);
  }

  beforeAll(async () => {
    interpretation = await startServiceProcess('interpretation-service', env);
    ({ app } = await createApp({ shape: 'requests', title: 'erasure across services', modules: () => [RequestsModule, AuditModule] }, env));
    await app.init();
    await knownUnits(app, [UNIT]);
    requestOf.erased = await applyAtTheCounter('erased');
    requestOf.kept = await applyAtTheCounter('kept');
    await inInterpretation()
      .post('/api/interpretation/consultations')
      .set('Authorization', await as('clerk'))
      .send({
        consultationId: 'K-ERASE',
        unitId: UNIT,
        title: '运河大街改造方案（征求意见稿）',
        draft: '拟改造……',
        kind: 'other',
        opensOn: TODAY,
        closesOn: addCalendarDays(TODAY, 10),
      })
      .expect(201);
    await comment('erased');
    await comment('kept');
    const comments = await eventually(
      async () => {
        const body = (
          await inInterpretation()
            .get('/api/interpretation/consultations/K-ERASE/comments')
            .set('Authorization', await as('clerk'))
        ).body as { commenter: string; personalDataRef: string | null }[];
        return Array.isArray(body) && body.length === 2 ? body : undefined;
      },
      60000,
      'both comments in the interpretation read model',
    );
    commentRefOf.erased = comments.find((c) => c.commenter === '上***')?.personalDataRef ?? undefined;
    commentRefOf.kept = comments.find((c) => c.commenter === '欧***')?.personalDataRef ?? undefined;
    expect([typeof commentRefOf.erased, typeof commentRefOf.kept]).toEqual(['string', 'string']);
  }, 240000);
  afterAll(async () => {
    await app?.close();
    await interpretation?.stop();
  });

  const personalData = async (who: Who, role: Role, unitId: string | null = UNIT) =>
    inInterpretation()
      .get(`/api/interpretation/personal-data/${commentRefOf[who]}`)
      .set('Authorization', await as(role, unitId));
  const audited = async (target: string, role: Role) =>
    JSON.stringify(
      (
        await http()
          .get(`/api/audit/history/${target}`)
          .set('Authorization', await as(role, null))
      ).body,
    );

  it('interpretation by role: the unit reads the commenter in clear; the audit timeline 已脱敏 for an auditor, in clear for the district office', async () => {
    expect((await personalData('erased', 'clerk')).body).toMatchObject({ name: PEOPLE.erased.name, contact: PEOPLE.erased.email });
    expect((await personalData('erased', 'auditor', null)).status).toBe(403);
    expect((await personalData('erased', 'clerk', 'TEZ-EDU')).status).toBe(403);
    const forAuditor = await audited('K-ERASE', 'auditor');
    expect(forAuditor).toContain(WITHHELD_PLACEHOLDER);
    expect(forAuditor).not.toContain(PEOPLE.erased.name);
    expect(forAuditor).not.toContain('enc:v1:'); // never a token on a display
    expect(await audited('K-ERASE', 'district_office')).toContain(PEOPLE.erased.name);
    // The store holds ciphertext only, for both people and both services.
    const bytes = sqliteStoreBytes(storeFile);
    expect(bytes.includes(Buffer.from('建议公开运河大街的施工计划', 'utf8'))).toBe(true); // the search finds what is there
    for (const who of ['erased', 'kept'] as const) expectNoTrace('event store before erasure', bytes, traces(who));
    // The scan file name is sealed too; its case view reveals it to staff.
    const view = (
      await http()
        .get(`/api/requests/${requestOf.erased}`)
        .set('Authorization', await as('clerk'))
    ).body;
    expect(view.scan.originalName).toBe(PEOPLE.erased.scanName);
    // Both scans are stored sealed with their applicant's key: the file store holds neither in clear.
    const files = blobStoreDump(blobRoot);
    expect(files.files).toBe(2);
    for (const who of ['erased', 'kept'] as const) expectNoTrace('file store before erasure', files.bytes, traces(who));
  });

  it('erases her as applicant (court order) and as commenter: no trace in the store, on Kafka, in any read model or in the file store; the other intact; verify passes', async () => {
    const asApplicant = await http()
      .post(`/api/requests/${requestOf.erased}/erase-personal-data`)
      .set('Authorization', await as('office_head'))
      .send({ reason: 'court_order', note: '（2026）鲁0405民初123号判决' });
    expect([asApplicant.status, asApplicant.body.code]).toEqual([200, undefined]);
    await inInterpretation()
      .delete(`/api/interpretation/personal-data/${commentRefOf.erased}`)
      .set('Authorization', await as('clerk'))
      .send({ reason: '本人来电要求删除其个人信息' })
      .expect(200);

    // Her scan is gone from the file store; the download says why.
    const scan = await eventually(
      async () => {
        const res = await http()
          .get(`/api/requests/${requestOf.erased}/scan`)
          .set('Authorization', await as('clerk'));
        return res.body.code === 'SCAN_ERASED' ? res : undefined;
      },
      30000,
      'the erasure in the requests read model',
    );
    expect(scan.status).toBe(404);
    await eventually(
      async () => ((await personalData('erased', 'clerk')).body.code === 'PERSONAL_DATA_NOT_FOUND' ? true : undefined),
      30000,
      'the erasure in the interpretation read model',
    );
    expect(await audited('K-ERASE', 'district_office')).toContain(ERASED_PLACEHOLDER);

    // The other person is intact, in both services.
    expect((await personalData('kept', 'clerk')).body).toMatchObject({ name: PEOPLE.kept.name, contact: PEOPLE.kept.email });
    const kept = (
      await http()
        .get(`/api/requests/${requestOf.kept}`)
        .set('Authorization', await as('clerk'))
    ).body;
    expect(kept.applicant).toMatchObject({ name: PEOPLE.kept.name, phone: PEOPLE.kept.phone });
    expect(kept.scan.originalName).toBe(PEOPLE.kept.scanName);
    const keptScan = await http()
      .get(`/api/requests/${requestOf.kept}/scan`)
      .set('Authorization', await as('clerk'))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(Buffer.compare(keptScan.body as Buffer, scanOf(PEOPLE.kept.scanMarker))).toBe(0);

    // Every copy: the relays have published everything the store holds before the dump.
    const store = app.get<EventStore>(EVENT_STORE);
    const all: EventEnvelope[] = await store.readAll();
    const dump = await eventually(
      async () => {
        const d = await kafkaDump(env);
        return d.count >= all.length ? d : undefined;
      },
      90000,
      'every event on Kafka',
    );
    expect(dump.topics).toEqual(expect.arrayContaining([`${env.KAFKA_TOPIC_PREFIX}.requests`, `${env.KAFKA_TOPIC_PREFIX}.interpretation`]));
    expect(dump.bytes.includes(Buffer.from('enc:v1:'))).toBe(true);
    expectNoTrace(`Kafka topics ${dump.topics.join(', ')}`, dump.bytes, traces('erased'));
    const readModels = await readModelDump(app.get(ReadModelConnections).get('platform'), env.MONGODB_DB_PREFIX);
    expect(readModels.collections).toEqual(
      expect.arrayContaining([
        `${env.MONGODB_DB_PREFIX}-requests.requests`,
        `${env.MONGODB_DB_PREFIX}-interpretation.sealed-personal-data`,
        `${env.MONGODB_DB_PREFIX}-platform.personal_data_keys`,
      ]),
    );
    expect(readModels.bytes.includes(Buffer.from('建议公开华兴路的施工计划', 'utf8'))).toBe(true);
    expectNoTrace('read-model collections', readModels.bytes, traces('erased'));
    // The file store holds the other scan, sealed (read back in clear above); nothing of hers.
    const files = blobStoreDump(blobRoot);
    expect(files.files).toBe(1);
    expect(files.bytes.subarray(0, 8).toString('ascii')).toBe('GKSEAL1\n');
    expectNoTrace('file store', files.bytes, traces('erased'));
    expectNoTrace('event store after erasure', sqliteStoreBytes(storeFile), traces('erased'));

    const verified = await cli('verify');
    expect([verified.code, verified.output]).toEqual([0, expect.stringContaining('完整性校验通过')]);
    expect(verified.output).toContain('1 个文件已随个人信息删除');
    expect(verified.output).toContain('文件已随个人信息删除：事件流 requests.request-');
  }, 240000);
});
