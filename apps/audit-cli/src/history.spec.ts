import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApp, signDevToken } from '@gongkai/platform';
import { isolatedEnv, TEST_JWT_SECRET, tokenFor } from '@gongkai/platform/testing';
import { standaloneApp } from '@gongkai/shapes';
import { runCommand } from './commands';

const as = (userId: string, role: 'clerk' | 'reviewer', unitId: string) => signDevToken(TEST_JWT_SECRET, { userId, role, unitId });

/** An auditor replays a real document's attribute decisions: who, which unit, when, on what ground, why — in Chinese. */
describe('audit history of a withheld document (不予公开), on the standalone installation', () => {
  let app: INestApplication;
  let documentId: string;
  const http = () => request(app.getHttpServer());
  const post = async (path: string, token: string, body: object) =>
    http().post(`/api/document-attributes${path}`).set('Authorization', `Bearer ${token}`).send(body);

  beforeAll(async () => {
    ({ app } = await createApp(standaloneApp, isolatedEnv()));
    await app.init();
    const drafter = await as('wang-drafter', 'clerk', 'TEZ-EDU');
    const reviewer = await as('li-reviewer', 'reviewer', 'TEZ-EDU');
    const registered = await post('/documents', drafter, {
      title: '关于教师招聘考察人选的请示',
      documentNumber: '台教发〔2026〕7号',
      documentType: '其他',
      needsInterpretation: false,
    });
    expect(registered.status).toBe(201);
    documentId = registered.body.documentId;
    const proposal = { attribute: '不予公开', legalBasis: 'PROCESS_INFORMATION', reason: '属于内部请示报告，考察尚未结束' };
    expect((await post(`/documents/${documentId}/attribute-proposal`, drafter, proposal)).status).toBe(200);
    expect(
      (await post(`/documents/${documentId}/confidentiality-review`, reviewer, { outcome: 'approve', reason: '同意不予公开' })).status,
    ).toBe(200);
  });
  afterAll(() => app.close());

  it('prints each decision with actor, unit, the Chinese legal ground and the reason', async () => {
    let output = '';
    expect(await runCommand(app, ['history', documentId], (text) => (output += text))).toBe(0);
    const ground = '过程性信息（讨论记录、过程稿、磋商信函、请示报告等）（《政府信息公开条例》第十六条第二款）';
    expect(output).toContain(`决定记录：${documentId}（事件流 document-attributes.document-${documentId}，共 3 条）`);
    expect(output).toMatch(/拟文登记（document-attributes\.DocumentRegistered，/);
    expect(output).toMatch(/提出公开属性（源头认定）（document-attributes\.AttributeProposed，/);
    expect(output).toMatch(/保密审查（document-attributes\.ConfidentialityReviewed，/);
    expect(output).toContain('操作人：wang-drafter（');
    expect(output).toContain('操作人：li-reviewer（');
    expect(output).toContain('，TEZ-EDU）  单位：TEZ-EDU');
    expect(output).toContain(`法律依据：${ground}  理由：属于内部请示报告，考察尚未结束`);
    expect(output).toContain(`法律依据：${ground}  理由：同意不予公开`);
    expect(output).toContain('审查结果=通过');
    expect(output).not.toContain('PROCESS_INFORMATION');

    const json = JSON.parse(
      await (async () => {
        let text = '';
        await runCommand(app, ['history', documentId, '--json'], (t) => (text += t));
        return text;
      })(),
    );
    const decisions = json.entries.map(
      (e: {
        typeLabel: string;
        actor: { userId: string; role: string };
        unitId: string;
        ground: string | null;
        reason: string | null;
      }) => ({
        type: e.typeLabel,
        actor: e.actor.userId,
        role: e.actor.role,
        unit: e.unitId,
        ground: e.ground,
        reason: e.reason,
      }),
    );
    expect(decisions).toEqual([
      { type: '拟文登记', actor: 'wang-drafter', role: 'clerk', unit: 'TEZ-EDU', ground: null, reason: null },
      {
        type: '提出公开属性（源头认定）',
        actor: 'wang-drafter',
        role: 'clerk',
        unit: 'TEZ-EDU',
        ground,
        reason: '属于内部请示报告，考察尚未结束',
      },
      { type: '保密审查', actor: 'li-reviewer', role: 'reviewer', unit: 'TEZ-EDU', ground, reason: '同意不予公开' },
    ]);
  });

  it('serves the same timeline to an auditor over HTTP', async () => {
    const response = await http()
      .get(`/api/audit/history/${documentId}`)
      .set('Authorization', `Bearer ${await tokenFor('auditor')}`)
      .expect(200);
    const review = response.body.entries.find((e: { type: string }) => e.type === 'document-attributes.ConfidentialityReviewed');
    expect(review).toMatchObject({
      typeLabel: '保密审查',
      actor: { userId: 'li-reviewer', roleLabel: expect.any(String) },
      unitId: 'TEZ-EDU',
      reason: '同意不予公开',
    });
    expect(review.ground).toContain('第十六条第二款');
    expect(review.fields).toEqual(
      expect.arrayContaining([
        { name: 'outcome', label: '审查结果', value: '通过' },
        { name: 'attribute', label: '审查后公开属性', value: '不予公开' },
      ]),
    );
  });
});
