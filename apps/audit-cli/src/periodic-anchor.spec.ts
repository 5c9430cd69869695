import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { ANCHOR_STREAM_ID } from '@gongkai/contracts';
import { createApp, EVENT_STORE, type EventStore } from '@gongkai/platform';
import { eventually, isolatedEnv, tokenFor } from '@gongkai/platform/testing';
import { standaloneApp } from '@gongkai/shapes';

describe('periodic anchors in the standalone process', () => {
  let app: INestApplication;
  const previous = process.env.AUDIT_ANCHOR_INTERVAL_S;
  beforeAll(async () => {
    process.env.AUDIT_ANCHOR_INTERVAL_S = '1';
    ({ app } = await createApp(standaloneApp, isolatedEnv()));
    await app.init();
  });
  afterAll(async () => {
    await app.close();
    if (previous === undefined) delete process.env.AUDIT_ANCHOR_INTERVAL_S;
    else process.env.AUDIT_ANCHOR_INTERVAL_S = previous;
  });

  it('records an anchor on its own once something happened', async () => {
    const store = app.get<EventStore>(EVENT_STORE);
    expect(await store.readStream(ANCHOR_STREAM_ID)).toEqual([]);
    await request(app.getHttpServer())
      .post('/api/catalogue/units')
      .set('Authorization', `Bearer ${await tokenFor('district_office')}`)
      .send({ unitId: 'TEZ-P1', name: '丙镇', level: '乡级', kind: 'town' })
      .expect(201);
    const [anchor] = await eventually(
      async () => {
        const anchors = await store.readStream(ANCHOR_STREAM_ID);
        return anchors.length > 0 ? anchors : undefined;
      },
      10000,
      'a periodic anchor',
    );
    expect(anchor).toMatchObject({ actor: { role: 'system' }, data: { trigger: 'schedule', streams: 1, events: 1 } });
  });
});
