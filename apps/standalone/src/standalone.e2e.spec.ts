import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApp } from '@gongkai/platform';
import { eventually, isolatedEnv, tokenFor } from '@gongkai/platform/testing';
import { standaloneApp } from './standalone';

describe('standalone shape: a unit registered in catalogue reaches the assessment read model', () => {
  let app: INestApplication;

  beforeAll(async () => {
    ({ app } = await createApp(standaloneApp, isolatedEnv()));
    await app.init();
  });
  afterAll(() => app.close());

  it('is ready: event store, bus and MongoDB answer', async () => {
    const response = await request(app.getHttpServer()).get('/health/ready').expect(200);
    expect(response.body.info).toMatchObject({ eventStore: { status: 'up' }, bus: { status: 'up' }, mongo: { status: 'up' } });
  });

  it('registers a town over HTTP and the assessment service sees it', async () => {
    const district = await tokenFor('district_office');
    const created = await request(app.getHttpServer())
      .post('/api/catalogue/units')
      .set('Authorization', `Bearer ${district}`)
      .send({ unitId: 'TEZ-JTJ', name: '涧头集镇', level: '乡级', kind: 'town' })
      .expect(201);
    expect(created.headers.etag).toBe('"0"');

    const unit = await eventually(async () => {
      const response = await request(app.getHttpServer()).get('/api/assessment/units/TEZ-JTJ').set('Authorization', `Bearer ${district}`);
      return response.status === 200 ? response.body : undefined;
    }, 10000, 'the unit in the assessment read model');
    expect(unit).toMatchObject({ unitId: 'TEZ-JTJ', name: '涧头集镇', level: '乡级', hasOpennessOffice: false });
    expect(unit.sourceEventIds).toHaveLength(1);

    const portal = await request(app.getHttpServer()).get('/api/catalogue/units').expect(200);
    expect(portal.body.map((u: { unitId: string }) => u.unitId)).toContain('TEZ-JTJ');
  });
});
