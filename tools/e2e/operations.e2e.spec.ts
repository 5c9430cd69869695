import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApp, EVENT_STORE, type EventStore } from '@gongkai/platform';
import { isolatedEnv, tokenFor } from '@gongkai/platform/testing';
import { standaloneApp } from '@gongkai/shapes';

const root = resolve(__dirname, '../..');

describe('operations: configuration, correlation ids, metrics, OpenAPI', () => {
  it('a missing setting stops a service with one line naming it', () => {
    const { MONGODB_URL: _omitted, ...env } = isolatedEnv();
    const run = spawnSync(process.execPath, ['-r', '@swc-node/register', 'apps/catalogue-service/src/main.ts'], {
      cwd: root,
      env,
      encoding: 'utf8',
      timeout: 60000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe('Configuration error: MONGODB_URL is missing');
  });

  describe('a running standalone app', () => {
    let app: INestApplication;
    beforeAll(async () => {
      ({ app } = await createApp(standaloneApp, isolatedEnv()));
      await app.init();
    });
    afterAll(() => app.close());

    it('carries the caller’s correlation id into the response and the recorded event', async () => {
      const response = await request(app.getHttpServer())
        .post('/api/catalogue/units')
        .set('Authorization', `Bearer ${await tokenFor('district_office', 'TEZ-GOV-OFFICE')}`)
        .set('x-correlation-id', 'ticket-2026-0042')
        .send({ unitId: 'TEZ-OPS', name: '测试镇', level: '乡级', kind: 'town' })
        .expect(201);
      expect(response.headers['x-correlation-id']).toBe('ticket-2026-0042');
      const [event] = await app.get<EventStore>(EVENT_STORE).readStream('catalogue.unit-TEZ-OPS');
      expect(event).toMatchObject({
        correlationId: 'ticket-2026-0042',
        actor: { userId: 'district_office-TEZ-GOV-OFFICE', unitId: 'TEZ-GOV-OFFICE', role: 'district_office' },
      });
    });

    it('serves Prometheus metrics that count appended events and requests', async () => {
      const metrics = await request(app.getHttpServer()).get('/metrics').expect(200);
      expect(metrics.text).toMatch(/gongkai_events_appended_total\{type="catalogue.UnitRegistered",service="standalone"\} [1-9]/);
      expect(metrics.text).toMatch(
        /gongkai_http_requests_total\{method="POST",route="\/api\/catalogue\/units",status="201",service="standalone"\} [1-9]/,
      );
      expect(metrics.text).toContain('process_resident_memory_bytes');
    });

    it('documents the API as OpenAPI at /api/docs', async () => {
      const spec = await request(app.getHttpServer()).get('/api/docs-json').expect(200);
      expect(spec.body.openapi).toMatch(/^3\./);
      expect(Object.keys(spec.body.paths)).toEqual(
        expect.arrayContaining(['/api/catalogue/units', '/api/assessment/units', '/health/ready']),
      );
      expect(spec.body.paths['/api/catalogue/units'].post.requestBody.content['application/json'].schema.properties).toHaveProperty(
        'level',
      );
      await request(app.getHttpServer()).get('/api/docs').expect(200);
    });
  });
});
