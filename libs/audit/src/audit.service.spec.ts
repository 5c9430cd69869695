import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { ANCHOR_STREAM_ID } from '@gongkai/contracts';
import { createApp, EVENT_STORE, type EventStore } from '@gongkai/platform';
import { eventually, isolatedEnv, tokenFor } from '@gongkai/platform/testing';
import { standaloneApp } from '@gongkai/shapes';
import { anchorIntervalSeconds, parseAsOf } from './audit.service';

describe('AuditService settings', () => {
  it('reads AUDIT_ANCHOR_INTERVAL_S: one hour by default, 0 turns it off, nonsense stops the start', () => {
    expect(anchorIntervalSeconds({})).toBe(3600);
    expect(anchorIntervalSeconds({ AUDIT_ANCHOR_INTERVAL_S: '0' })).toBe(0);
    expect(anchorIntervalSeconds({ AUDIT_ANCHOR_INTERVAL_S: '600' })).toBe(600);
    expect(() => anchorIntervalSeconds({ AUDIT_ANCHOR_INTERVAL_S: 'hourly' })).toThrow(/AUDIT_ANCHOR_INTERVAL_S/);
  });

  it('reads as-of dates: a day means its end in China Standard Time', () => {
    expect(parseAsOf('2026-03-02').toISOString()).toBe('2026-03-02T15:59:59.999Z');
    expect(parseAsOf('2026-03-02T08:00:00+08:00').toISOString()).toBe('2026-03-02T00:00:00.000Z');
    expect(() => parseAsOf('yesterday')).toThrow(/日期/);
  });
});

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
    const [anchor] = await eventually(async () => {
      const anchors = await store.readStream(ANCHOR_STREAM_ID);
      return anchors.length > 0 ? anchors : undefined;
    }, 10000, 'a periodic anchor');
    expect(anchor).toMatchObject({ actor: { role: 'system' }, data: { trigger: 'schedule', streams: 1, events: 1 } });
  });
});
