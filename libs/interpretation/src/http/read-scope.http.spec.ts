import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApp, EVENT_STORE, type EventStore } from '@gongkai/platform';
import { eventually, isolatedEnv, newEvent, tokenFor } from '@gongkai/platform/testing';
import { toShanghaiDate } from '@gongkai/working-days';
import { obligationStreamId } from '../domain/obligation';
import { InterpretationModule } from '../interpretation.module';

/**
 * Issue 16.4: reads are scoped like writes. Unit staff read their own unit's interpretation tasks
 * and concerns, never another unit's (list or detail); a unit staff token without a unit reads
 * nothing unit-scoped; the district office and auditors read every unit's.
 */
describe('interpretation reads scoped like writes over HTTP', () => {
  let app: INestApplication;
  let store: EventStore;
  const tokens: Record<string, string> = {};
  const today = toShanghaiDate(new Date());
  const get = (path: string, token: string) =>
    request(app.getHttpServer()).get(`/api/interpretation${path}`).set('Authorization', `Bearer ${token}`);
  const post = (path: string, token: string, body: object) =>
    request(app.getHttpServer()).post(`/api/interpretation${path}`).set('Authorization', `Bearer ${token}`).send(body);
  const refusal = (response: request.Response) => [response.status, response.body.code];

  beforeAll(async () => {
    ({ app } = await createApp(
      { shape: 'interpretation', title: 'read scope test', modules: () => [InterpretationModule] },
      isolatedEnv(),
    ));
    await app.init();
    store = app.get(EVENT_STORE);
    tokens.eduClerk = await tokenFor('clerk', 'TEZ-EDU');
    tokens.townClerk = await tokenFor('clerk', 'TEZ-ZSZ');
    tokens.noUnitClerk = await tokenFor('clerk');
    tokens.noUnitReviewer = await tokenFor('reviewer');
    tokens.district = await tokenFor('district_office', 'TEZ-GOV-OFFICE');
    tokens.auditor = await tokenFor('auditor');

    await store.append(
      obligationStreamId('DOC-EDU-1'),
      [
        {
          ...newEvent('interpretation.InterpretationObligationOpened', {
            documentId: 'DOC-EDU-1',
            unitId: 'TEZ-EDU',
            title: '关于加强校外培训管理的通知',
            documentNumber: '台教体发〔2026〕1号',
            documentType: '行政规范性文件',
            attribute: '主动公开',
            approvedBy: 'zhao',
            issuedOn: today,
            limitWorkingDays: 3,
            dueOn: today,
            legalBasis: '《条例》第二十三条',
          }),
          actor: { userId: 'system', unitId: null, role: 'system' as const },
        },
      ],
      -1,
    );
    await post('/concerns', tokens.district, {
      concernId: 'C-EDU-1',
      source: '网络',
      topic: '校外培训收费',
      summary: '网民反映校外培训机构收费过高',
      severity: 'ordinary',
    }).expect(201);
    await post('/concerns/C-EDU-1/assign', tokens.district, { unitId: 'TEZ-EDU' }).expect(200);
    await eventually(
      async () => ((await get('/obligations/DOC-EDU-1', tokens.district)).status === 200 ? true : undefined),
      20000,
      'obligation',
    );
    await eventually(
      async () => ((await get('/concerns/C-EDU-1', tokens.district)).body.unitId === 'TEZ-EDU' ? true : undefined),
      20000,
      'assignment',
    );
  }, 90000);
  afterAll(() => app.close());

  it("a clerk reads their own unit's interpretation task, not another unit's", async () => {
    expect((await get('/obligations', tokens.eduClerk).expect(200)).body.map((p: { documentId: string }) => p.documentId)).toEqual([
      'DOC-EDU-1',
    ]);
    await get('/obligations/DOC-EDU-1', tokens.eduClerk).expect(200);

    expect(refusal(await get('/obligations/DOC-EDU-1', tokens.townClerk))).toEqual([403, 'OTHER_UNIT']);
    expect(refusal(await get('/obligations?unitId=TEZ-EDU', tokens.townClerk))).toEqual([403, 'OTHER_UNIT']);
    expect((await get('/obligations', tokens.townClerk).expect(200)).body).toEqual([]);
  });

  it('a unit staff token without a unit lists nothing unit-scoped', async () => {
    // The token verifier refuses it first (UNIT_CLAIM_MISSING); `readScope` would refuse it too (NO_UNIT, principal.spec.ts).
    for (const token of [tokens.noUnitClerk, tokens.noUnitReviewer]) {
      for (const path of ['/obligations', '/concerns', '/consultations/moderation-due', '/obligations/DOC-EDU-1', '/concerns/C-EDU-1']) {
        expect([path, ...refusal(await get(path, token))]).toEqual([path, 403, 'UNIT_CLAIM_MISSING']);
      }
    }
  });

  it("concerns: a unit reads those assigned to it, not another unit's", async () => {
    expect((await get('/concerns', tokens.eduClerk).expect(200)).body.map((c: { concernId: string }) => c.concernId)).toEqual(['C-EDU-1']);
    await get('/concerns/C-EDU-1', tokens.eduClerk).expect(200);
    expect(refusal(await get('/concerns/C-EDU-1', tokens.townClerk))).toEqual([403, 'OTHER_UNIT']);
    expect(refusal(await get('/concerns?unitId=TEZ-EDU', tokens.townClerk))).toEqual([403, 'OTHER_UNIT']);
    expect((await get('/concerns', tokens.townClerk).expect(200)).body).toEqual([]);
  });

  it('the district office and auditors read every unit', async () => {
    for (const token of [tokens.district, tokens.auditor]) {
      expect((await get('/obligations', token).expect(200)).body.map((p: { documentId: string }) => p.documentId)).toContain('DOC-EDU-1');
      await get('/obligations/DOC-EDU-1', token).expect(200);
      expect((await get('/concerns', token).expect(200)).body.map((c: { concernId: string }) => c.concernId)).toContain('C-EDU-1');
      await get('/concerns/C-EDU-1', token).expect(200);
    }
  });
});
