import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApp, type AppDefinition } from '@gongkai/platform';
import { isolatedEnv, tokenFor } from '@gongkai/platform/testing';
import { AssessmentModule } from './assessment.module';
import { SAMPLE_INDICATORS, SAMPLE_RULES } from './domain/fixtures';

/** The assessment module alone, in the standalone shape (in-process bus, relay checkpoint). */
const assessmentOnly: AppDefinition = { shape: 'standalone', title: 'assessment (test)', modules: () => [AssessmentModule] };
const scheme = {
  schemeId: 'KH-2026',
  year: 2026,
  title: '2026年度政务公开工作考核方案',
  indicators: SAMPLE_INDICATORS,
  rules: SAMPLE_RULES,
  opennessWeightPercent: 5,
};

describe('freezing waits for the facts to catch up with what was published', () => {
  const boot = async (env: Record<string, string>) => {
    const { app } = await createApp(assessmentOnly, isolatedEnv(env));
    await app.init();
    return app;
  };

  it('refuses, freezing nothing, while events recorded before the freeze have not reached the facts', async () => {
    // No relay: what is recorded never reaches the consumers, so the facts cannot catch up.
    const app: INestApplication = await boot({ RELAY_ENABLED: 'false', ASSESSMENT_FREEZE_CATCH_UP_S: '0' });
    try {
      const office = `Bearer ${await tokenFor('district_office', 'TEZ-GOV-OFFICE')}`;
      await request(app.getHttpServer()).post('/api/assessment/schemes').set('Authorization', office).send(scheme).expect(201);
      const refused = await request(app.getHttpServer())
        .post('/api/assessment/schemes/KH-2026/freeze')
        .set('Authorization', office)
        .send({ reason: '年度考核结果' });
      expect(refused.status).toBe(503);
      expect(refused.body).toMatchObject({
        code: 'FACTS_NOT_CAUGHT_UP',
        remaining: 1,
        detail: expect.stringContaining('请区政府办公室稍后重试'),
      });
      expect(refused.body.detail).toContain('仍有1条事件未处理');
      await request(app.getHttpServer()).get('/api/assessment/schemes/KH-2026/frozen').set('Authorization', office).expect(404);
    } finally {
      await app.close();
    }
  }, 60000);

  it('freezes once the relay has handed every recorded event to the consumers', async () => {
    const app: INestApplication = await boot({ ASSESSMENT_FREEZE_CATCH_UP_S: '30' });
    try {
      const office = `Bearer ${await tokenFor('district_office', 'TEZ-GOV-OFFICE')}`;
      await request(app.getHttpServer()).post('/api/assessment/schemes').set('Authorization', office).send(scheme).expect(201);
      // Right after the scheme was recorded: the freeze waits for it to be consumed rather than miss it.
      const frozen = await request(app.getHttpServer())
        .post('/api/assessment/schemes/KH-2026/freeze')
        .set('Authorization', office)
        .send({ reason: '年度考核结果' });
      expect(frozen.status).toBe(201);
      expect(frozen.body.frozen).toMatchObject({ schemeId: 'KH-2026', inputsHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    } finally {
      await app.close();
    }
  }, 60000);
});
