import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApp, EVENT_STORE, ReadModelConnections, SqliteEventStore } from '@gongkai/platform';
import { eventually, isolatedEnv, tokenFor } from '@gongkai/platform/testing';
import { standaloneApp } from '@gongkai/shapes';
import { rebuildReadModels, verify } from './commands';

describe('audit-cli commands against a running standalone installation', () => {
  let app: INestApplication;
  beforeAll(async () => {
    ({ app } = await createApp(standaloneApp, isolatedEnv()));
    await app.init();
    const district = await tokenFor('district_office');
    for (const [unitId, name] of [['TEZ-A1', '甲镇'], ['TEZ-A2', '乙镇']]) {
      await request(app.getHttpServer())
        .post('/api/catalogue/units')
        .set('Authorization', `Bearer ${district}`)
        .send({ unitId, name, level: '乡级', kind: 'town' })
        .expect(201);
    }
    await request(app.getHttpServer())
      .post('/api/catalogue/units/TEZ-A1/rename')
      .set('Authorization', `Bearer ${district}`)
      .send({ name: '甲镇人民政府', reason: '规范名称' })
      .expect(200);
  });
  afterAll(() => app.close());

  const snapshot = async (owner: string) =>
    (await app.get(ReadModelConnections).get(owner).collection('units').find({}).sort({ _id: 1 }).toArray()).map(
      ({ _version: _v, ...doc }) => doc, // the write counter may differ; the content must not
    );

  it('rebuild drops every read model and replays it to the same content', async () => {
    await eventually(async () => ((await snapshot('assessment')).length === 2 ? true : undefined), 10000, 'projections');
    const before = { catalogue: await snapshot('catalogue'), assessment: await snapshot('assessment') };
    const reports = await rebuildReadModels(app, []);
    expect(reports.map((r) => [r.projection, r.replayed, r.applied])).toEqual([
      ['catalogue.units', 3, 3],
      ['assessment.units', 3, 3],
    ]);
    expect({ catalogue: await snapshot('catalogue'), assessment: await snapshot('assessment') }).toEqual(before);
    expect(before.catalogue.find((u) => String(u._id) === 'TEZ-A1')).toMatchObject({ name: '甲镇人民政府' });
  });

  it('rebuild refuses an unknown read model by name', async () => {
    await expect(rebuildReadModels(app, ['nope.units'])).rejects.toThrow(/unknown read model\(s\): nope.units; known: catalogue.units, assessment.units/);
  });

  it('verify passes on an intact store and names the stream and revision after tampering', async () => {
    expect((await verify(app)).firstBreak).toBeNull();
    const store = app.get(EVENT_STORE) as SqliteEventStore;
    const row = store.rawDatabase
      .prepare("SELECT envelope FROM events WHERE stream_id = 'catalogue.unit-TEZ-A1' AND stream_revision = 1")
      .get() as { envelope: string };
    store.rawDatabase
      .prepare("UPDATE events SET envelope = ? WHERE stream_id = 'catalogue.unit-TEZ-A1' AND stream_revision = 1")
      .run(row.envelope.replace('规范名称', '随意改名'));
    expect((await verify(app)).firstBreak).toMatchObject({ streamId: 'catalogue.unit-TEZ-A1', streamRevision: 1, problem: 'hash_mismatch' });
  });
});
