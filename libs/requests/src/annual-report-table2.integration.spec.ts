import type { INestApplication } from '@nestjs/common';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { documentAttributesEvents } from '@gongkai/contracts';
import { createApp, EVENT_STORE, type EventStore } from '@gongkai/platform';
import { eventually, isolatedEnv, newEvent, tokenFor } from '@gongkai/platform/testing';
import { RequestsModule } from './requests.module';

/**
 * Table 2's 规章 and 行政规范性文件 rows come from document-attributes' events, consumed by contract:
 * the events are appended to the store as the document-attributes service would (each checked
 * against its contract first), relayed over the bus, projected into FerretDB, and the report reads them.
 */
describe('annual report Table 2 from document-attributes events (FerretDB)', () => {
  let app: INestApplication;
  let store: EventStore;
  let district: string;
  let head: string;

  const binary = (res: request.Response, cb: (e: Error | null, b: Buffer) => void) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  };

  async function issue(documentId: string, unitId: string, documentType: '规章' | '行政规范性文件' | '其他', issuedOn: string) {
    const data = {
      documentId,
      unitId,
      title: `${documentType}${documentId}`,
      documentNumber: `台政发〔${issuedOn.slice(0, 4)}〕${documentId.replace(/\D/g, '') || 1}号`,
      documentType,
      attribute: '主动公开',
      marking: '（此件公开发布）',
      needsInterpretation: false,
      approvedBy: `office_head-${unitId}`,
      issuedOn,
      publicationDueOn: null,
    };
    await append(documentId, 'document-attributes.DocumentIssued', data);
  }

  async function invalidate(documentId: string, unitId: string, status: '失效' | '废止', effectiveOn: string) {
    await append(documentId, 'document-attributes.DocumentInvalidated', {
      documentId,
      unitId,
      status,
      effectiveOn,
      legalBasis: '文件清理结果',
      campaignId: null,
    });
  }

  async function append(documentId: string, type: keyof typeof documentAttributesEvents, data: Record<string, unknown>) {
    documentAttributesEvents[type][1].parse(data); // the contract the document-attributes service publishes
    await store.append(
      `document-attributes.document-${documentId}`,
      [
        {
          ...newEvent(type, data),
          occurredAt: new Date().toISOString(),
          actor: { userId: `office_head-${data.unitId}`, unitId: data.unitId as string, role: 'office_head' },
        },
      ],
      'any',
    );
  }

  const EDU_2025 = {
    regulations_issued: 1,
    regulations_repealed: 1,
    regulations_in_force: 1,
    normative_issued: 2,
    normative_repealed: 0,
    normative_in_force: 2,
  };

  const report = (unitId: string, year: number, expected: Record<string, number>) =>
    eventually(
      async () => {
        const res = await request(app.getHttpServer())
          .get(`/api/requests/reports/annual/${unitId}/${year}`)
          .set('Authorization', `Bearer ${district}`);
        return res.status === 200 && Object.entries(expected).every(([k, v]) => res.body.table2[k] === v) ? res.body : undefined;
      },
      60000,
      `Table 2 of ${unitId} ${year}`,
    );

  beforeAll(async () => {
    // The standalone shape's relay publishes every service's streams, so document-attributes' events reach the requests consumer.
    ({ app } = await createApp(
      { shape: 'standalone', title: 'requests table 2 test', modules: () => [RequestsModule] },
      isolatedEnv({ REQUESTS_DISTRICT_REPORT_SCOPE: 'all' }),
    ));
    await app.init();
    store = app.get(EVENT_STORE);
    district = await tokenFor('district_office');
    head = await tokenFor('office_head', 'TEZ-EDU');
    await issue('R1', 'TEZ-EDU', '规章', '2024-05-10');
    await issue('R2', 'TEZ-EDU', '规章', '2025-03-01');
    await invalidate('R2', 'TEZ-EDU', '废止', '2025-11-30');
    await issue('N1', 'TEZ-EDU', '行政规范性文件', '2023-06-01');
    await invalidate('N1', 'TEZ-EDU', '废止', '2026-01-01');
    await issue('N2', 'TEZ-EDU', '行政规范性文件', '2025-07-01');
    await issue('N3', 'TEZ-EDU', '行政规范性文件', '2025-02-01');
    await invalidate('N3', 'TEZ-EDU', '失效', '2025-10-01');
    await issue('N4', 'TEZ-EDU', '行政规范性文件', '2026-01-10');
    await issue('O1', 'TEZ-EDU', '其他', '2025-04-01');
    await invalidate('O1', 'TEZ-EDU', '废止', '2025-05-01');
    await issue('N5', 'TEZ-ZSZ', '行政规范性文件', '2025-09-09');
  }, 120000);
  afterAll(() => app?.close());

  it('computes the rows per unit and year from issued, repealed and expired documents; 其他 is ignored', async () => {
    const edu = await report('TEZ-EDU', 2025, EDU_2025);
    expect(edu.table2).toEqual(EDU_2025); // nothing entered by hand yet
    await report('TEZ-EDU', 2026, {
      regulations_issued: 0,
      regulations_repealed: 0,
      regulations_in_force: 1,
      normative_issued: 1,
      normative_repealed: 1,
      normative_in_force: 2,
    });
    await report('TEZ-ZSZ', 2025, { regulations_in_force: 0, normative_issued: 1, normative_in_force: 1 });
  });

  it('with REQUESTS_DISTRICT_REPORT_SCOPE=all (set above), the district sums the units', async () => {
    await report('district', 2025, {
      regulations_issued: 1,
      regulations_repealed: 1,
      regulations_in_force: 1,
      normative_issued: 3,
      normative_repealed: 0,
      normative_in_force: 3,
    });
  });

  it('finalise refuses hand-entered document rows (zh-CN), takes the hand-entered counts, and the exports show both', async () => {
    await report('TEZ-EDU', 2025, EDU_2025);
    const before = await store.headPosition();
    const refused = await request(app.getHttpServer())
      .post('/api/requests/reports/annual/TEZ-EDU/2025/finalise')
      .set('Authorization', `Bearer ${head}`)
      .send({ regulations_issued: 7, normative_in_force: 9, licensing_decisions: 312 });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      code: 'TABLE2_DOCUMENT_ROWS_COMPUTED',
      detail: expect.stringContaining('规章·本年制发件数、行政规范性文件·现行有效件数'),
    });
    expect(refused.body.detail).toContain('自动统计');
    expect(await store.headPosition()).toBe(before);

    await request(app.getHttpServer())
      .post('/api/requests/reports/annual/TEZ-EDU/2025/finalise')
      .set('Authorization', `Bearer ${head}`)
      .send({ licensing_decisions: 312, penalty_decisions: 5, fees_amount_10k_yuan: 1.5 })
      .expect(201);
    const finalised = (await store.readStream('requests.annual-report-TEZ-EDU-2025'))[0];
    expect(finalised.data.table2).toEqual({
      ...EDU_2025,
      licensing_decisions: 312,
      penalty_decisions: 5,
      enforcement_decisions: 0,
      fees_amount_10k_yuan: 1.5,
    });

    const body = await report('TEZ-EDU', 2025, { ...EDU_2025, licensing_decisions: 312 });
    expect(body).toMatchObject({
      finalised: true,
      table2: { ...EDU_2025, licensing_decisions: 312, penalty_decisions: 5, enforcement_decisions: 0, fees_amount_10k_yuan: 1.5 },
    });

    const xlsx = await request(app.getHttpServer())
      .get('/api/requests/reports/annual/TEZ-EDU/2025?format=xlsx')
      .set('Authorization', `Bearer ${head}`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body);
    const rows = workbook.getWorksheet('表二 主动公开')!.getSheetValues().filter(Boolean) as unknown[][];
    // The official layout: row label in column A, 本年制发件数 | 本年废止件数 | 现行有效件数 in B–D (one merged figure for 行政许可).
    const value = (label: string, column: number) => rows.find((r) => r[1] === label)![column];
    expect([value('规章', 2), value('规章', 3), value('行政规范性文件', 2), value('行政规范性文件', 4), value('行政许可', 2)]).toEqual([
      1, 1, 2, 2, 312,
    ]);
  });
});
