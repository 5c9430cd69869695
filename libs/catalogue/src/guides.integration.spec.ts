import type { INestApplication } from '@nestjs/common';
import JSZip from 'jszip';
import request from 'supertest';
import { createApp } from '@gongkai/platform';
import { eventually, isolatedEnv, tokenFor } from '@gongkai/platform/testing';
import { CatalogueModule } from './catalogue.module';

/** 政府信息公开指南 (Art. 12) over HTTP: kept by the unit, on its portal page with the application form, checked by the district. */
describe('unit guides', () => {
  let app: INestApplication;
  const TOWN = 'TEZ-ZSZ';
  const OTHER = 'TEZ-NHZ';
  const http = () => request(app.getHttpServer());
  const guide = {
    office: '张山子镇党政办公室',
    address: '台儿庄区张山子镇政府路1号',
    hours: '工作日 上午8:30—12:00，下午14:00—17:30',
    phone: '0632-6610000',
    channels: '当面提交、邮寄（以签收日为收到日）、网上申请（政府信息公开门户）',
    howToApply: '填写《政府信息公开申请表》，写明所需政府信息的名称、文号或者便于查询的其他特征性描述，以及获取信息的方式和途径。',
    fees: '依照《政府信息公开信息处理费管理办法》，同一申请人一个自然月内申请超过10件的按件收费，超过30页的按量收费。',
    remedies: '认为在政府信息公开工作中侵犯其合法权益的，可以向台儿庄区人民政府申请行政复议或者向人民法院提起行政诉讼。',
  };

  beforeAll(async () => {
    ({ app } = await createApp({ shape: 'catalogue', title: 'guides test', modules: () => [CatalogueModule] }, isolatedEnv()));
    await app.init();
    const district = await tokenFor('district_office', 'TEZ-GOV-OFFICE');
    for (const [unitId, name] of [
      [TOWN, '张山子镇人民政府'],
      [OTHER, '泥沟镇人民政府'],
    ]) {
      await http()
        .post('/api/catalogue/units')
        .set('Authorization', `Bearer ${district}`)
        .send({ unitId, name, level: '乡级', kind: 'town' })
        .expect(201);
    }
  }, 120000);
  afterAll(() => app?.close());

  it('a unit publishes its guide, the portal shows it with the application form; the district sees who has none', async () => {
    const clerk = await tokenFor('clerk', TOWN);
    const district = await tokenFor('district_office', 'TEZ-GOV-OFFICE');
    await eventually(
      async () => ((await http().get(`/api/catalogue/units/${OTHER}`)).status === 200 ? true : undefined),
      30000,
      'the units',
    );
    const refused = await http()
      .put(`/api/catalogue/units/${TOWN}/guide`)
      .set('Authorization', `Bearer ${await tokenFor('clerk', OTHER)}`)
      .send(guide);
    expect([refused.status, refused.body.code]).toEqual([403, 'OTHER_UNIT']);
    await http().get(`/api/catalogue/portal/units/${TOWN}/guide`).expect(404);

    await http().put(`/api/catalogue/units/${TOWN}/guide`).set('Authorization', `Bearer ${clerk}`).send(guide).expect(200);
    const shown = await eventually(
      async () => {
        const res = await http().get(`/api/catalogue/portal/units/${TOWN}/guide`);
        return res.status === 200 ? res.body : undefined;
      },
      30000,
      'the published guide',
    );
    expect(shown).toMatchObject({ unitId: TOWN, unitName: '张山子镇人民政府', version: 1, content: guide });

    const changed = { ...guide, phone: '0632-6610001' };
    await http().put(`/api/catalogue/units/${TOWN}/guide`).set('Authorization', `Bearer ${clerk}`).send(changed).expect(200);
    await eventually(
      async () => ((await http().get(`/api/catalogue/portal/units/${TOWN}/guide`)).body.version === 2 ? true : undefined),
      30000,
      'version 2',
    );

    const form = await http()
      .get(`/api/catalogue/portal/units/${TOWN}/application-form`)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(form.headers['content-type']).toContain('wordprocessingml');
    const xml = await (await JSZip.loadAsync(form.body as Buffer)).file('word/document.xml')!.async('string');
    expect(xml).toContain('政府信息公开申请表');
    expect(xml).toContain('受理机关：张山子镇人民政府');

    const status = (await http().get('/api/catalogue/guides/status').set('Authorization', `Bearer ${district}`).expect(200)).body;
    expect(status).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ unitId: OTHER, state: 'missing', version: null }),
        expect.objectContaining({ unitId: TOWN, state: 'current', version: 2 }),
      ]),
    );
    await http().get('/api/catalogue/guides/status').set('Authorization', `Bearer ${clerk}`).expect(403);
  }, 120000);
});
