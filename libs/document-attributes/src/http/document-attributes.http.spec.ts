import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApp, signDevToken, type AppDefinition } from '@gongkai/platform';
import { eventually, isolatedEnv, TEST_JWT_SECRET, tokenFor } from '@gongkai/platform/testing';
import type { EventEnvelope } from '@gongkai/contracts';
import { DisclosureSuggestionHandler } from '../application/disclosure-suggestion.handler';
import { DocumentAttributesModule } from '../document-attributes.module';

const definition: AppDefinition = { shape: 'standalone', title: 'document-attributes test', modules: () => [DocumentAttributesModule] };
const as = (userId: string, role: 'clerk' | 'reviewer' | 'office_head', unitId: string) =>
  signDevToken(TEST_JWT_SECRET, { userId, role, unitId });

/** The whole lifecycle through HTTP, in one process (in-process bus, real FerretDB). */
describe('document-attributes over HTTP', () => {
  let app: INestApplication;
  const tokens: Record<string, string> = {};
  const http = () => request(app.getHttpServer());
  const post = (path: string, token: string, body: unknown) =>
    http()
      .post(`/api/document-attributes${path}`)
      .set('Authorization', `Bearer ${token}`)
      .send(body as object);
  const get = (path: string, token?: string) => {
    const call = http().get(`/api/document-attributes${path}`);
    return token ? call.set('Authorization', `Bearer ${token}`) : call;
  };

  beforeAll(async () => {
    ({ app } = await createApp(definition, isolatedEnv()));
    await app.init();
    tokens.drafter = await as('wang', 'clerk', 'TEZ-EDU');
    tokens.drafterAsReviewer = await as('wang', 'reviewer', 'TEZ-EDU');
    tokens.reviewer = await as('li', 'reviewer', 'TEZ-EDU');
    tokens.head = await as('zhao', 'office_head', 'TEZ-EDU');
    tokens.otherClerk = await as('sun', 'clerk', 'TEZ-ZSZ');
    tokens.district = await tokenFor('district_office', 'TEZ-GOV-OFFICE');
    tokens.auditor = await tokenFor('auditor');
  });
  afterAll(() => app.close());

  async function register(documentNumber: string, extra: Record<string, unknown> = {}, token = tokens.drafter) {
    const response = await post('/documents', token, {
      title: `关于${documentNumber}的通知`,
      documentNumber,
      documentType: '行政规范性文件',
      catalogueItemIds: ['ITEM-EDU-01'],
      needsInterpretation: false,
      ...extra,
    });
    expect(response.status).toBe(201);
    return response.body.documentId as string;
  }

  async function throughIssue(documentNumber: string, proposal: Record<string, unknown>, issuedOn = '2026-03-02') {
    const id = await register(documentNumber);
    await post(`/documents/${id}/attribute-proposal`, tokens.drafter, proposal).expect(200);
    await post(`/documents/${id}/confidentiality-review`, tokens.reviewer, { outcome: 'approve' }).expect(200);
    const issued = await post(`/documents/${id}/issue`, tokens.head, { issuedOn }).expect(200);
    return { id, issued: issued.body };
  }

  it('enforces unique document numbers per issuing unit, and validates them', async () => {
    await register('台教体发〔2026〕1号');
    const duplicate = await post('/documents', tokens.drafter, {
      title: '另一份通知',
      documentNumber: '台教体发〔2026〕1号',
      documentType: '其他',
      needsInterpretation: false,
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.code).toBe('DOCUMENT_NUMBER_TAKEN');
    await register('台教体发〔2026〕1号', {}, tokens.otherClerk); // another unit may use the same text
    const malformed = await post('/documents', tokens.drafter, {
      title: '通知',
      documentNumber: '台教体发2026年1号',
      documentType: '其他',
      needsInterpretation: false,
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0].field).toBe('documentNumber');
  });

  it('refuses 不予公开 without a ground, and the drafter reviewing their own document', async () => {
    const id = await register('台教体发〔2026〕2号');
    const noGround = await post(`/documents/${id}/attribute-proposal`, tokens.drafter, { attribute: '不予公开', reason: '内部讨论稿' });
    expect(noGround.status).toBe(422);
    expect(noGround.body.code).toBe('GROUND_REQUIRED');
    await post(`/documents/${id}/attribute-proposal`, tokens.drafter, { attribute: '主动公开' }).expect(200);
    const asClerk = await post(`/documents/${id}/confidentiality-review`, tokens.drafter, { outcome: 'approve' });
    expect(asClerk.status).toBe(403);
    const self = await post(`/documents/${id}/confidentiality-review`, tokens.drafterAsReviewer, { outcome: 'approve' });
    expect(self.status).toBe(403);
    expect(self.body.code).toBe('SELF_REVIEW_FORBIDDEN');
    const otherUnit = await post(`/documents/${id}/confidentiality-review`, await as('qian', 'reviewer', 'TEZ-ZSZ'), {
      outcome: 'approve',
    });
    expect(otherUnit.body.code).toBe('OTHER_UNIT');
  });

  it('issues with marking and due date; the portal shows only 主动公开, a non-public GET answers like a missing one; overdue is flagged', async () => {
    const open = await throughIssue('台教体发〔2026〕3号', { attribute: '主动公开' });
    expect(open.issued).toMatchObject({ phase: 'issued', attribute: '主动公开', publicationDueOn: '2026-03-30' });
    // The stream revision the view reflects, as body and ETag, as the commands answer it: registered, proposed, reviewed, issued = revision 3.
    expect(open.issued.revision).toBe(3);
    const detail = await eventually(
      async () => {
        const response = await get(`/documents/${open.id}`, tokens.drafter);
        return response.body.phase === 'issued' ? response : undefined;
      },
      20000,
      'issued in read model',
    );
    expect([detail.body.revision, detail.headers.etag]).toEqual([3, '"3"']);
    const closed = await throughIssue('台教体发〔2026〕4号', {
      attribute: '不予公开',
      legalBasis: 'PROCESS_INFORMATION',
      reason: '属于请示报告',
    });
    const published = await throughIssue('台教体发〔2026〕5号', { attribute: '主动公开' });
    await post(`/documents/${published.id}/publications`, tokens.drafter, {
      channel: '政府网站',
      url: 'https://www.tez.gov.cn/zwgk/5.html',
      publishedOn: '2026-03-10',
    }).expect(200);
    const onRequest = await post(`/documents/${published.id}/publications`, tokens.drafter, {
      channel: '政府网站',
      url: 'https://www.tez.gov.cn/zwgk/5.html',
      publishedOn: '2026-03-10',
    });
    expect(onRequest.status).toBe(409);

    const list = await eventually(
      async () => {
        const response = await get('/public/documents');
        return response.body.total === 2 ? response.body : undefined;
      },
      20000,
      'two public documents',
    );
    expect(list.documents.map((d: { documentId: string }) => d.documentId).sort()).toEqual([open.id, published.id].sort());
    expect(list.documents[0]).toMatchObject({ attribute: '主动公开', marking: '（此件公开发布）' });
    expect(JSON.stringify(list)).not.toContain('台教体发〔2026〕4号');
    const search = await get(`/public/documents?q=${encodeURIComponent('台教体发〔2026〕4号')}`).expect(200);
    expect(search.body).toEqual({ total: 0, documents: [] });

    const hidden = await get(`/public/documents/${closed.id}`);
    const missing = await get('/public/documents/0190aaaa-0000-7000-8000-000000000000');
    expect(hidden.status).toBe(404);
    const strip = ({ instance: _i, correlationId: _c, ...rest }: Record<string, unknown>) => rest;
    expect(strip(hidden.body)).toEqual(strip(missing.body));
    // (`instance` echoes the caller's own URL, for a missing document too.)
    expect(hidden.headers['content-type']).toBe(missing.headers['content-type']);
    expect((await get(`/public/documents/${open.id}`)).body).toMatchObject({ documentId: open.id, marking: '（此件公开发布）' });

    const overdue = await get('/publications/overdue?asOf=2026-03-31', tokens.district).expect(200);
    expect(overdue.body.documents.map((d: { documentId: string }) => d.documentId)).toEqual([open.id]);
    const notYet = await get('/publications/overdue?asOf=2026-03-30', tokens.district).expect(200);
    expect(notYet.body.documents).toEqual([]);
  });

  it('a forwarding document inherits the attribute of what it forwards', async () => {
    const source = await throughIssue('台教体发〔2026〕6号', {
      attribute: '依申请公开',
      reason: '涉及学生个人信息',
    });
    const id = await register('台教体发〔2026〕7号', { forwardsDocumentId: source.id });
    const differ = await post(`/documents/${id}/attribute-proposal`, tokens.drafter, { attribute: '主动公开' });
    expect(differ.body.code).toBe('FORWARDING_MUST_INHERIT');
    const inherited = await post(`/documents/${id}/attribute-proposal`, tokens.drafter, {}).expect(200);
    expect(inherited.body.attribute).toBe('依申请公开');
  });

  it('lets an auditor list every attribute decision of a document with actor, unit, ground, reason and time, read-only', async () => {
    const id = await register('台教体发〔2026〕8号');
    await post(`/documents/${id}/attribute-proposal`, tokens.drafter, { attribute: '主动公开' }).expect(200);
    await post(`/documents/${id}/confidentiality-review`, tokens.reviewer, {
      outcome: 'change',
      attribute: '不予公开',
      legalBasis: 'STATE_SECRET',
      reason: '含涉密内容',
    }).expect(200);
    const response = await get(`/documents/${id}/decisions`, tokens.auditor).expect(200);
    const review = response.body.decisions.find((d: { type: string }) => d.type === 'document-attributes.ConfidentialityReviewed');
    expect(review).toMatchObject({
      outcome: 'changed',
      attribute: '不予公开',
      previousAttribute: '主动公开',
      legalBasis: 'STATE_SECRET',
      legalBasisLabel: expect.stringContaining('第十四条'),
      reason: '含涉密内容',
      actor: { userId: 'li', unitId: 'TEZ-EDU', role: 'reviewer' },
      occurredAt: expect.any(String),
    });
    expect(response.body.decisions.map((d: { actor: { userId: string } }) => d.actor.userId)).toEqual(['wang', 'wang', 'li']);
    const write = await post(`/documents/${id}/attribute-proposal`, tokens.auditor, { attribute: '主动公开' });
    expect(write.body.code).toBe('READ_ONLY_ROLE');
    expect((await get(`/documents/${id}/decisions`, tokens.otherClerk)).status).toBe(403);
  });

  it('runs a yearly review: tasks for withheld documents, release gives a working-day due date, completion per unit; cleanup results on the portal', async () => {
    const withheld = await throughIssue(
      '台教体发〔2025〕9号',
      { attribute: '不予公开', legalBasis: 'PROCESS_INFORMATION', reason: '属于过程稿' },
      '2025-03-03',
    );
    const onRequest = await throughIssue('台教体发〔2025〕10号', { attribute: '依申请公开', reason: '涉及个人信息' }, '2025-03-03');
    await eventually(
      async () => ((await get(`/documents/${onRequest.id}`, tokens.head)).body.phase === 'issued' ? true : undefined),
      20000,
      'issued in read model',
    );
    await post('/review-cycles', tokens.district, { year: 2025, openedOn: '2025-09-01', dueOn: '2025-12-31' }).expect(201);

    const progress = await eventually(
      async () => {
        const response = await get('/review-cycles/2025/progress', tokens.district);
        const unit = response.body.units?.find((u: { unitId: string }) => u.unitId === 'TEZ-EDU');
        const assigned = response.body.assignedTasks?.['TEZ-EDU'];
        return assigned >= 2 && unit?.tasks === assigned ? unit : undefined; // 2 here + those withheld by earlier tests
      },
      20000,
      'review tasks',
    );
    expect(progress).toMatchObject({ open: progress.tasks, kept: 0, released: 0, complete: false });

    const released = await post(`/documents/${withheld.id}/yearly-reviews/2025/decision`, tokens.head, {
      decision: 'release',
      reason: '情况变化，可以公开',
      decidedOn: '2025-09-26',
    }).expect(200);
    expect(released.body).toMatchObject({ attribute: '主动公开', publicationDueOn: '2025-10-30' });
    const docs = (await get('/documents?unitId=TEZ-EDU', tokens.head)).body as {
      documentId: string;
      reviews: Record<string, { status: string }>;
    }[];
    for (const doc of docs.filter((d) => d.reviews['2025']?.status === 'open' && d.documentId !== withheld.id)) {
      await post(`/documents/${doc.documentId}/yearly-reviews/2025/decision`, tokens.head, {
        decision: 'keep',
        reason: '仍不宜公开',
        decidedOn: '2025-10-10',
      }).expect(200);
    }
    const done = await eventually(
      async () => {
        const response = await get('/review-cycles/2025/progress', tokens.head);
        const unit = response.body.units?.find((u: { unitId: string }) => u.unitId === 'TEZ-EDU');
        return response.body.completedUnits?.includes('TEZ-EDU') && unit?.open === 0 ? response.body : undefined;
      },
      20000,
      'unit completion',
    );
    expect(done.units.find((u: { unitId: string }) => u.unitId === 'TEZ-EDU')).toMatchObject({ open: 0, released: 1, complete: true });
    await eventually(
      async () => ((await get(`/public/documents/${withheld.id}`)).status === 200 ? true : undefined),
      20000,
      'released document on the portal',
    );

    // cleanup: one public document repealed, one withheld document expired; the portal lists only the public one
    await post('/cleanup-campaigns', tokens.district, {
      campaignId: 'QL-2026',
      title: '2026年度规范性文件清理',
      openedOn: '2026-10-08',
    }).expect(201);
    await post('/cleanup-campaigns/QL-2026/results/TEZ-EDU', tokens.head, {
      publishedOn: '2026-11-02',
      entries: [
        { documentId: withheld.id, outcome: '废止', note: '已被新文件替代' },
        { documentId: onRequest.id, outcome: '失效', note: null },
      ],
    }).expect(201);
    const results = await eventually(
      async () => {
        const response = await get('/public/cleanup-results?campaignId=QL-2026');
        return response.body.length === 1 ? response.body : undefined;
      },
      20000,
      'cleanup results',
    );
    expect(results[0].entries).toEqual([
      {
        documentId: withheld.id,
        documentNumber: '台教体发〔2025〕9号',
        title: expect.any(String),
        outcome: '废止',
        note: '已被新文件替代',
      },
    ]);
    expect(JSON.stringify(results)).not.toContain(onRequest.id);

    const figures = await eventually(
      async () => {
        const response = await get('/figures?year=2026&unitId=TEZ-EDU', tokens.head);
        const row = response.body.rows?.find((r: { documentType: string }) => r.documentType === '行政规范性文件');
        return row?.repealed === 1 && row?.expired === 1 ? response.body : undefined;
      },
      20000,
      'figures',
    );
    const row = figures.rows.find((r: { documentType: string }) => r.documentType === '行政规范性文件');
    expect(row).toMatchObject({ repealed: 1, expired: 1 });
    expect(row.inForce).toBe(row.issued); // the two 2025 documents were invalidated on 2026-11-02; nothing issued in 2026 was
    const figures2025 = (await get('/figures?year=2025&unitId=TEZ-EDU', tokens.head)).body.rows.find(
      (r: { documentType: string }) => r.documentType === '行政规范性文件',
    );
    expect(figures2025).toEqual({ documentType: '行政规范性文件', issued: 2, repealed: 0, expired: 0, inForce: 2 });
  });

  it('shows a requests-service suggestion (Art. 44) on the document; accepting makes it 主动公开 with a due date', async () => {
    const doc = await throughIssue('台教体发〔2026〕20号', {
      attribute: '依申请公开',
      reason: '涉及学生个人信息',
    });
    const handler = app.get(DisclosureSuggestionHandler);
    const suggestion = {
      eventId: '01900000-0000-7000-8000-000000000044',
      type: 'requests.ProactiveDisclosureSuggested',
      occurredAt: '2026-04-01T02:00:00.000Z',
      correlationId: 'test',
      data: {
        unitId: 'TEZ-EDU',
        informationKey: 'enrolment-quota',
        information: '招生计划',
        requestIds: ['r1', 'r2', 'r3'],
        count: 3,
        documentId: doc.id,
        legalBasis: '条例第四十四条',
      },
    } as unknown as EventEnvelope;
    await handler.handle(suggestion);
    await handler.handle(suggestion); // a redelivery changes nothing
    const shown = await eventually(
      async () => {
        const view = await get(`/documents/${doc.id}`, tokens.head);
        return view.body.pendingSuggestion ? view.body : undefined;
      },
      20000,
      'the suggestion on the document',
    );
    expect(shown.pendingSuggestion).toEqual({ suggestionId: 'enrolment-quota', requestCount: 3, suggestedOn: '2026-04-01' });
    const declinedWithoutReason = await post(`/documents/${doc.id}/disclosure-suggestions/enrolment-quota/answer`, tokens.head, {
      answer: 'declined',
    });
    expect(declinedWithoutReason.status).toBe(400);
    const accepted = await post(`/documents/${doc.id}/disclosure-suggestions/enrolment-quota/answer`, tokens.head, {
      answer: 'accepted',
      reason: '申请人较多，转为主动公开',
      answeredOn: '2026-04-01',
    }).expect(200);
    expect(accepted.body).toMatchObject({ attribute: '主动公开', publicationDueOn: '2026-04-30' });
    await eventually(
      async () => ((await get(`/public/documents/${doc.id}`)).status === 200 ? true : undefined),
      20000,
      'now on the portal',
    );
  });

  it('reads are scoped like writes: a unit staff token without a unit lists nothing unit-scoped (issue 16.4)', async () => {
    // The token verifier refuses it first (UNIT_CLAIM_MISSING); `readScope` would refuse it too (NO_UNIT, principal.spec.ts).
    const noUnit = await tokenFor('clerk');
    for (const path of ['/publications/overdue?asOf=2026-03-31', '/documents']) {
      const response = await get(path, noUnit);
      expect([path, response.status, response.body.code]).toEqual([path, 403, 'UNIT_CLAIM_MISSING']);
    }
    const otherUnit = await get('/publications/overdue?asOf=2026-03-31&unitId=TEZ-EDU', tokens.otherClerk);
    expect([otherUnit.status, otherUnit.body.code]).toEqual([403, 'OTHER_UNIT']);
    await get('/publications/overdue?asOf=2026-03-31', tokens.drafter).expect(200);
  });

  it('refuses control and direction characters in titles and any URL but http(s) (issue 16.3)', async () => {
    const base = { documentNumber: '台教体发〔2026〕90号', documentType: '行政规范性文件', needsInterpretation: false };
    for (const [title, code] of [
      ['关于\u0000开展工作的通知', 'control_character'],
      ['关于\u001b[2J开展工作的通知', 'control_character'],
      ['关于\u202e知通的作工展开', 'bidi_control'],
      ['<script>alert(1)</script>关于', 'markup'],
    ]) {
      const response = await post('/documents', tokens.drafter, { ...base, title });
      expect([response.status, response.body.errors?.map((f: { field: string; code: string }) => [f.field, f.code])]).toEqual([
        400,
        [['title', code]],
      ]);
    }
    const { id } = await throughIssue('台教体发〔2026〕91号', { attribute: '主动公开' });
    for (const url of ['javascript:alert(document.cookie)', 'data:text/html;base64,PHNjcmlwdD4=', 'file:///etc/passwd']) {
      const response = await post(`/documents/${id}/publications`, tokens.drafter, { channel: '政府网站', url, publishedOn: '2026-03-10' });
      expect([response.status, response.body.errors?.[0]]).toEqual([400, expect.objectContaining({ field: 'url', code: 'url_scheme' })]);
    }
  });
});
