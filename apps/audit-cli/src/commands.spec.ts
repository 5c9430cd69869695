import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import {
  canonicalJson,
  ConsumerRegistry,
  createApp,
  EVENT_STORE,
  GONGKAI_CONFIG,
  ReadModelConnections,
  SqliteEventStore,
  type GongkaiConfig,
} from '@gongkai/platform';
import { eventually, isolatedEnv, tokenFor } from '@gongkai/platform/testing';
import { standaloneApp } from '@gongkai/shapes';
import { rebuildReadModels, runCommand, verify } from './commands';

const hasJq = spawnSync('jq', ['--version']).status === 0;
/** The offline procedure, exactly as docs/audit.md gives it. */
const procedure = /```sh\n(f=export\.jsonl\n[\s\S]*?)```/.exec(readFileSync(join(__dirname, '../../../docs/audit.md'), 'utf8'))![1];

describe('audit-cli commands and the audit HTTP API against a running standalone installation', () => {
  let app: INestApplication;
  let middle: Date;
  const http = () => request(app.getHttpServer());
  const run = async (...argv: string[]) => {
    let output = '';
    const code = await runCommand(app, argv, (text) => (output += text));
    return { code, output };
  };

  beforeAll(async () => {
    ({ app } = await createApp(standaloneApp, isolatedEnv()));
    await app.init();
    const district = await tokenFor('district_office');
    for (const [unitId, name] of [
      ['TEZ-A1', '甲镇'],
      ['TEZ-A2', '乙镇'],
    ]) {
      await http()
        .post('/api/catalogue/units')
        .set('Authorization', `Bearer ${district}`)
        .send({ unitId, name, level: '乡级', kind: 'town' })
        .expect(201);
    }
    await http()
      .post('/api/catalogue/units/TEZ-A1/rename')
      .set('Authorization', `Bearer ${district}`)
      .send({ name: '甲镇人民政府', reason: '规范名称' })
      .expect(200);
    const recordedAt = async () => (await app.get<SqliteEventStore>(EVENT_STORE).readStream('catalogue.unit-TEZ-A1')).at(-1)!.recordedAt;
    const first = await recordedAt();
    await eventually(async () => (new Date().toISOString() > first ? true : undefined), 1000, 'the clock to move on');
    middle = new Date();
    await eventually(async () => (new Date() > middle ? true : undefined), 1000, 'the clock to move on');
    await http()
      .post('/api/catalogue/units/TEZ-A1/rename')
      .set('Authorization', `Bearer ${district}`)
      .send({ name: '甲镇政府', reason: '按“三定”方案更名' })
      .expect(200);
    expect(await recordedAt()).not.toBe(first);
  });
  afterAll(() => app.close());

  const snapshot = async (owner: string) =>
    (await app.get(ReadModelConnections).get(owner).collection('units').find({}).sort({ _id: 1 }).toArray()).map(
      ({ _version: _v, ...doc }) => doc, // the write counter may differ; the content must not
    );
  const caughtUp = () =>
    eventually(
      async () =>
        (await snapshot('catalogue')).find((u) => String(u._id) === 'TEZ-A1')?.name === '甲镇政府' &&
        (await snapshot('assessment')).length === 2
          ? true
          : undefined,
      10000,
      'projections',
    );

  it('history: the decision timeline of a unit, in Chinese, with actor, unit and reason', async () => {
    const { code, output } = await run('history', 'TEZ-A1');
    expect(code).toBe(0);
    expect(output).toContain('决定记录：TEZ-A1（事件流 catalogue.unit-TEZ-A1，共 3 条）');
    expect(output).toMatch(/登记单位（catalogue\.UnitRegistered/);
    expect(output).toMatch(/单位更名（catalogue\.UnitRenamed，catalogue\.unit-TEZ-A1 第 2 版/);
    expect(output).toContain('操作人：district_office-district（区政府办公室）  单位：TEZ-A1');
    expect(output).toContain('理由：按“三定”方案更名');
    expect(output).toContain('新名称=甲镇政府');
    const json = JSON.parse((await run('history', 'catalogue.unit-TEZ-A1', '--json')).output);
    expect(
      json.entries.map((e: { typeLabel: string; reason: string | null; ground: string | null }) => [e.typeLabel, e.reason, e.ground]),
    ).toEqual([
      ['登记单位', null, null],
      ['单位更名', '规范名称', null],
      ['单位更名', '按“三定”方案更名', null],
    ]);
    expect((await run('history', 'NOPE-1')).code).toBe(1);
  });

  it('as-of: a unit renamed twice shows the middle name, without touching the live read model', async () => {
    await caughtUp();
    const before = await snapshot('catalogue');
    const result = JSON.parse((await run('as-of', middle.toISOString(), 'catalogue.units', '--json')).output);
    expect(result.replay).toMatchObject({ later: expect.any(Number) });
    expect(result.replay.later).toBeGreaterThanOrEqual(1);
    expect(result.documents.units.find((u: { _id: string }) => u._id === 'TEZ-A1')).toMatchObject({ name: '甲镇人民政府' });
    const text = (await run('as-of', middle.toISOString(), 'catalogue.units')).output;
    expect(text).toContain('"name":"甲镇人民政府"');
    expect(await snapshot('catalogue')).toEqual(before);
    // Names only: sizing every database is slow on a FerretDB that has served thousands of test runs.
    const databases = await app.get(ReadModelConnections).get('platform').db!.admin().listDatabases({ nameOnly: true });
    // Only this installation's temporary databases: others may share the server (benches, other tests).
    const prefix = app.get<GongkaiConfig>(GONGKAI_CONFIG).MONGODB_DB_PREFIX;
    expect(databases.databases.filter((d) => d.name.startsWith(`${prefix}-audit-tmp`))).toEqual([]);
  });

  it('rebuild: every read model replayed into a fresh database equals the live one (zero differences)', async () => {
    await caughtUp();
    const names = app
      .get(ConsumerRegistry)
      .projections()
      .map((p) => p.name);
    expect(names.length).toBeGreaterThan(0);
    const { code, output } = await run('rebuild');
    expect(output.match(/0 处不同/g)).toHaveLength(names.length);
    expect(code).toBe(0);
    // a live document that drifted is reported
    await app
      .get(ReadModelConnections)
      .get('catalogue')
      .collection('units')
      .updateOne({ _id: 'TEZ-A2' as never }, { $set: { name: '篡改' } });
    const drifted = await run('rebuild', 'catalogue.units');
    expect(drifted.code).toBe(1);
    expect(drifted.output).toContain('units/TEZ-A2：different');
    await run('rebuild', '--apply', 'catalogue.units');
    expect((await run('rebuild', 'catalogue.units')).code).toBe(0);
  });

  it('rebuild --apply drops every read model and replays it to the same content', async () => {
    await caughtUp();
    const before = { catalogue: await snapshot('catalogue'), assessment: await snapshot('assessment') };
    const reports = await rebuildReadModels(app, []);
    expect(reports.map((r) => r.projection)).toEqual(expect.arrayContaining(['catalogue.units', 'assessment.units']));
    expect({ catalogue: await snapshot('catalogue'), assessment: await snapshot('assessment') }).toEqual(before);
    await expect(rebuildReadModels(app, ['nope.units'])).rejects.toThrow(/unknown read model\(s\): nope.units; known: /);
  });

  it('anchor, then export a stream; the documented jq/sha256sum procedure verifies it offline and catches a tampered copy', async () => {
    const anchored = await run('anchor');
    expect(anchored.output).toMatch(/gongkai 政务公开记录完整性锚点 第 \d+ 号/);
    const root = /Merkle 根（gongkai-merkle-v1）：([0-9a-f]{64})/.exec(anchored.output)![1];
    const { output } = await run('export', 'catalogue.unit-TEZ-A1');
    const lines = output
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4);
    expect(lines[3]).toMatchObject({ anchor: { data: { root } }, proofs: [{ streamId: 'catalogue.unit-TEZ-A1', revision: 2 }] });
    if (!hasJq) throw new Error('jq is not installed: run apps/audit-cli/provision-jq.sh (tools/test.sh does)');
    const dir = mkdtempSync(join(tmpdir(), 'gk-export-'));
    writeFileSync(join(dir, 'export.jsonl'), output);
    // canonical JSON = jq -cS, byte for byte, Chinese text and escapes included
    for (const event of lines.slice(0, 3)) {
      const { hash: _h, globalPosition: _g, ...content } = event;
      const viaJq = spawnSync('jq', ['-cSj', 'del(.hash, .globalPosition)'], {
        input: JSON.stringify({ ...event, data: { ...event.data, note: '引号"反斜杠\\换行\n\u2028😀' } }),
      }).stdout.toString();
      expect(viaJq).toBe(canonicalJson({ ...content, data: { ...content.data, note: '引号"反斜杠\\换行\n\u2028😀' } }));
    }
    const check = (cwd: string) => spawnSync('bash', ['-c', procedure], { cwd, encoding: 'utf8' });
    const good = check(dir);
    expect(good.stderr).toBe('');
    expect(good.stdout).not.toContain('BAD');
    expect(good.stdout.match(/^OK hash/gm)).toHaveLength(3);
    expect(good.stdout).toContain('OK proof catalogue.unit-TEZ-A1');
    expect(good.stdout).toContain(`anchor root ${root}`);
    const tampered = mkdtempSync(join(tmpdir(), 'gk-export-'));
    writeFileSync(join(tampered, 'export.jsonl'), output.replace('按“三定”方案更名', '随意更名'));
    const bad = check(tampered);
    expect(bad.stdout).toContain('BAD hash catalogue.unit-TEZ-A1@2');
    const forged = mkdtempSync(join(tmpdir(), 'gk-export-'));
    writeFileSync(
      join(forged, 'export.jsonl'),
      output.replace(/"revision":2,"hash":"[0-9a-f]{64}"/, `"revision":2,"hash":"${'1'.repeat(64)}"`),
    );
    expect(check(forged).stdout).toMatch(/BAD proof head catalogue\.unit-TEZ-A1[\s\S]*BAD proof catalogue\.unit-TEZ-A1/);
  });

  it('HTTP: auditors read history, verify, as-of, compare, export and anchors; only the district office records anchors', async () => {
    await caughtUp();
    const auditor = `Bearer ${await tokenFor('auditor')}`;
    const clerk = `Bearer ${await tokenFor('clerk', 'TEZ-A1')}`;
    const district = `Bearer ${await tokenFor('district_office')}`;
    const history = await http().get('/api/audit/history/TEZ-A1').set('Authorization', auditor).expect(200);
    expect(history.body.entries.map((e: { typeLabel: string }) => e.typeLabel)).toEqual(['登记单位', '单位更名', '单位更名']);
    await http().get('/api/audit/history/TEZ-A1').set('Authorization', clerk).expect(403);
    await http().get('/api/audit/history/TEZ-A1').expect(401);
    await http().get('/api/audit/history/NOPE-1').set('Authorization', auditor).expect(404);
    await http().post('/api/audit/anchors').set('Authorization', auditor).expect(403);
    const anchor = await http().post('/api/audit/anchors').set('Authorization', district).expect(200);
    expect(anchor.body.text).toContain('Merkle 根');
    const verified = await http()
      .get('/api/audit/verify')
      .query({ root: anchor.body.root, position: anchor.body.position })
      .set('Authorization', auditor)
      .expect(200);
    expect(verified.body).toMatchObject({ ok: true, anchors: { findings: [] } });
    const asOf = await http()
      .get('/api/audit/read-models/catalogue.units/as-of')
      .query({ at: middle.toISOString() })
      .set('Authorization', auditor)
      .expect(200);
    expect(asOf.body.documents.units.find((u: { _id: string }) => u._id === 'TEZ-A1').name).toBe('甲镇人民政府');
    await http().get('/api/audit/read-models/catalogue.units/as-of').query({ at: 'yesterday' }).set('Authorization', auditor).expect(400);
    await http().get('/api/audit/read-models/nope.units/compare').set('Authorization', auditor).expect(404);
    const compared = await http().get('/api/audit/read-models/assessment.units/compare').set('Authorization', auditor).expect(200);
    expect(compared.body.differences).toEqual([]);
    const exported = await http().get('/api/audit/export').query({ from: 1, to: 2 }).set('Authorization', auditor).expect(200);
    expect(exported.headers['content-type']).toContain('application/x-ndjson');
    expect(exported.text.trim().split('\n')).toHaveLength(3);
    const anchors = await http().get('/api/audit/anchors').set('Authorization', auditor).expect(200);
    expect(anchors.body.length).toBeGreaterThanOrEqual(1);
  });

  it('personal-data-retention runs both services’ retention jobs (requests and interpretation) in the standalone', async () => {
    const { code, output } = await run('personal-data-retention');
    expect([code, output]).toEqual([0, expect.stringContaining('保存期限届满的申请人：0 人。')]);
    expect(output).toContain('保存期限届满的意见提出人、开放日报名者和会议列席人员：0 人。');
  });

  it('verify passes on an intact store, then names the stream and revision after tampering (exit 1)', async () => {
    const intact = await run('verify');
    expect(intact.code).toBe(0);
    expect(intact.output).toContain('完整性校验通过');
    expect((await verify(app)).firstBreak).toBeNull();
    const store = app.get(EVENT_STORE) as SqliteEventStore;
    const row = store.rawDatabase
      .prepare("SELECT envelope FROM events WHERE stream_id = 'catalogue.unit-TEZ-A1' AND stream_revision = 1")
      .get() as { envelope: string };
    store.rawDatabase
      .prepare("UPDATE events SET envelope = ? WHERE stream_id = 'catalogue.unit-TEZ-A1' AND stream_revision = 1")
      .run(row.envelope.replace('规范名称', '随意改名'));
    const broken = await run('verify');
    expect(broken.code).toBe(1);
    expect(broken.output).toContain('哈希链断裂：事件流 catalogue.unit-TEZ-A1，版本 1（hash_mismatch');
    store.rawDatabase.prepare("DELETE FROM events WHERE stream_id = 'catalogue.unit-TEZ-A2'").run();
    expect((await run('verify')).output).toMatch(
      /锚点校验不符：事件流 catalogue\.unit-TEZ-A2，版本 0（对照锚点第 \d+ 号，全局位置 \d+）：stream_missing/,
    );
  });
});
