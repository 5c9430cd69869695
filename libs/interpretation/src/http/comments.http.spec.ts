import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApp, EVENT_STORE, PublicSubmissionLimiter, type EventStore } from '@gongkai/platform';
import { eventually, isolatedEnv, tokenFor } from '@gongkai/platform/testing';
import { toShanghaiDate } from '@gongkai/working-days';
import { InterpretationModule } from '../interpretation.module';

/** The public comment endpoint: moderated, rate-limited, refuses markup and oversized input, stores nothing on refusal. */
describe('public consultation comments over HTTP', () => {
  let app: INestApplication;
  let store: EventStore;
  let limiter: PublicSubmissionLimiter;
  let clerk: string;
  const path = '/api/interpretation/consultations/K-PARK/comments';

  beforeAll(async () => {
    ({ app } = await createApp(
      { shape: 'interpretation', title: 'interpretation test', modules: () => [InterpretationModule] },
      isolatedEnv({ PUBLIC_SUBMISSIONS_PER_MINUTE: '5' }),
    ));
    await app.init();
    store = app.get(EVENT_STORE);
    limiter = app.get(PublicSubmissionLimiter);
    clerk = await tokenFor('clerk', 'TEZ-HOUSING');
    const today = toShanghaiDate(new Date());
    await request(app.getHttpServer())
      .post('/api/interpretation/consultations')
      .set('Authorization', `Bearer ${clerk}`)
      .send({
        consultationId: 'K-PARK',
        unitId: 'TEZ-HOUSING',
        title: '口袋公园建设方案（草案）',
        draft: '拟在运河街道新建口袋公园三处……',
        kind: 'major_decision',
        opensOn: today,
        closesOn: today,
        shortPeriodReason: '测试用：施工窗口期',
      })
      .expect(201);
  }, 60000);
  afterAll(() => app.close());
  beforeEach(() => limiter.reset());

  async function refusedWithNothingStored(body: object, status: number, code: string) {
    const before = await store.headPosition();
    const response = await request(app.getHttpServer()).post(path).send(body);
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ code, detail: expect.stringMatching(/[\u4e00-\u9fa5]/) });
    expect(await store.headPosition()).toBe(before);
    return response.body;
  }

  it('refuses a major decision consultation shorter than 30 days without a reason', async () => {
    const today = toShanghaiDate(new Date());
    const response = await request(app.getHttpServer())
      .post('/api/interpretation/consultations')
      .set('Authorization', `Bearer ${clerk}`)
      .send({
        consultationId: 'K-SHORT',
        unitId: 'TEZ-HOUSING',
        title: '草案',
        draft: '草案',
        kind: 'major_decision',
        opensOn: today,
        closesOn: today,
      });
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('COMMENT_PERIOD_TOO_SHORT');
  });

  it('takes a comment, keeps it off the portal until approved, and never shows personal data', async () => {
    const response = await request(app.getHttpServer())
      .post(path)
      .send({ content: '建议公园增加无障碍通道，联系我13812345678', commenterName: '王小明', contact: '13812345678' })
      .expect(201);
    const { commentId } = response.body;
    expect(commentId).toBeDefined();
    const pending = await eventually(async () => {
      const list = await request(app.getHttpServer())
        .get('/api/interpretation/consultations/K-PARK/comments')
        .set('Authorization', `Bearer ${clerk}`);
      return list.body.length ? list.body : undefined;
    });
    expect(pending[0]).toMatchObject({ status: 'pending', commenter: '王**', personalDataRef: expect.any(String) });
    expect(JSON.stringify(pending)).not.toMatch(/王小明|13812345678/);
    expect((await request(app.getHttpServer()).get('/api/interpretation/consultations/K-PARK')).body.comments).toEqual([]);
    const moderated = await request(app.getHttpServer())
      .post(`/api/interpretation/consultations/K-PARK/comments/${commentId}/moderation`)
      .set('Authorization', `Bearer ${clerk}`)
      .send({ decision: 'approved' })
      .expect(200);
    const detail = await eventually(async () => {
      const response = await request(app.getHttpServer()).get('/api/interpretation/consultations/K-PARK');
      return response.body.comments?.length ? response : undefined;
    });
    // The stream revision the view reflects, as body and ETag, as the moderation answered it: opened, commented, moderated = revision 2.
    expect(moderated.body.revision).toBe(2);
    expect([detail.body.revision, detail.headers.etag]).toEqual([2, '"2"']);
    const shown = detail.body.comments;
    expect(shown).toEqual([
      { commentId, commenter: '王**', content: '建议公园增加无障碍通道，联系我138****5678', submittedOn: expect.any(String) },
    ]);
    expect(JSON.stringify(shown)).not.toContain('13812345678');
  });

  it('tells the unit how many comments wait for moderation, per consultation, in one call', async () => {
    const due = async (token: string, query = '') =>
      request(app.getHttpServer()).get(`/api/interpretation/consultations/moderation-due${query}`).set('Authorization', `Bearer ${token}`);
    const before =
      ((await due(clerk)).body as { consultationId: string; pending: number }[]).find((c) => c.consultationId === 'K-PARK')?.pending ?? 0;
    await request(app.getHttpServer()).post(path).send({ content: '建议增加夜间照明' }).expect(201);
    await request(app.getHttpServer()).post(path).send({ content: '建议保留现有树木' }).expect(201);
    const after = await eventually(async () => {
      const rows = (await due(clerk)).body as { consultationId: string; title: string; pending: number }[];
      const park = rows.find((c) => c.consultationId === 'K-PARK');
      return park && park.pending === before + 2 ? rows : undefined;
    });
    expect(after).toEqual([
      { consultationId: 'K-PARK', title: '口袋公园建设方案（草案）', closesOn: expect.any(String), pending: before + 2 },
    ]);
    const other = await tokenFor('clerk', 'TEZ-EDU');
    expect((await due(other)).body).toEqual([]);
    expect((await due(other, '?unitId=TEZ-HOUSING')).body.code).toBe('OTHER_UNIT');
  });

  it('refuses script-bearing input with a clear message and stores nothing', async () => {
    const body = await refusedWithNothingStored({ content: '好建议<script>alert(1)</script>' }, 400, 'VALIDATION_FAILED');
    expect(body.errors[0]).toMatchObject({ field: 'content', message: '意见内容不能包含网页脚本或 HTML 标签，请以纯文字提交' });
    await refusedWithNothingStored({ content: '点此 <img src=x onerror=alert(1)> 查看' }, 400, 'VALIDATION_FAILED');
  });

  it('refuses an oversized comment with a clear message and stores nothing', async () => {
    const body = await refusedWithNothingStored({ content: '意'.repeat(2001) }, 400, 'VALIDATION_FAILED');
    expect(body.errors[0].message).toContain('不能超过 2000 个字');
  });

  it('rate-limits per client: the 6th comment within a minute answers 429 too_many and stores nothing', async () => {
    for (let i = 0; i < 5; i += 1)
      await request(app.getHttpServer())
        .post(path)
        .send({ content: `第${i}条建议：增加座椅` })
        .expect(201);
    const body = await refusedWithNothingStored({ content: '第六条建议：增加座椅' }, 429, 'TOO_MANY_COMMENTS');
    expect(body.detail).toContain('提交过于频繁');
    const again = await request(app.getHttpServer()).post(path).send({ content: '第七条建议' }).expect(429);
    expect(Number(again.headers['retry-after'])).toBe(again.body.retryAfterSeconds);
    expect(again.body.retryAfterSeconds).toBeGreaterThan(0);
  });
});
