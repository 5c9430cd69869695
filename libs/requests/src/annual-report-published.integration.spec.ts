import type { INestApplication } from '@nestjs/common';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import request from 'supertest';
import { catalogueEvents } from '@gongkai/contracts';
import { CommandHandler, createApp, EVENT_STORE, type EventStore } from '@gongkai/platform';
import { eventually, isolatedEnv, newEvent, tokenFor } from '@gongkai/platform/testing';
import { defaultWorkingDayCalendar, type LocalDate } from '@gongkai/working-days';
import { annualReportFiguresFromStore } from './application/annual-report-figures';
import { annualReportTables, type AnnualReportTablesInput } from './documents/annual-report-export';
import { requestDecider } from './domain/request.decide';
import { requestStreamId } from './domain/request';
import { RequestsModule } from './requests.module';
import { runYearScenario } from './testing/year-scenario';

/**
 * The portal's published annual reports (Art. 49–50): finalised over HTTP by the unit, read by
 * anyone from the `annual_reports` read model (real store → bus → FerretDB), exactly as finalised.
 */
describe('published annual reports (anonymous, FerretDB)', () => {
  let app: INestApplication;
  let store: EventStore;
  let district: string;
  const BASE = '/api/requests/reports/annual';
  const NOT_PUBLISHED = '该单位该年度的政府信息公开工作年度报告尚未发布。';
  const http = () => request(app.getHttpServer());
  const binary = (res: request.Response, cb: (e: Error | null, b: Buffer) => void) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  };
  const finalisedEvent = async (unitId: string, year: number) => (await store.readStream(`requests.annual-report-${unitId}-${year}`))[0];

  const NARRATIVE = {
    overview: '  2025年，张山子镇人民政府认真贯彻《中华人民共和国政府信息公开条例》。\n全年主动公开政府信息326条。  ',
    problemsAndImprovements: '   ',
    otherMatters: '本年度未收取信息处理费。',
  };

  /** The staff report once every scenario request of the unit (22 in 2025) is in the read model. */
  const liveReport = (unitId: string) =>
    eventually(
      async () => {
        const res = await http().get(`${BASE}/${unitId}/2025`).set('Authorization', `Bearer ${district}`);
        return res.status === 200 && res.body.table3.new['总计'] === 22 && res.body.table3.total['总计'] === 21 ? res.body : undefined;
      },
      90000,
      `the 2025 report of ${unitId}`,
    );
  const published = (count: number) =>
    eventually(
      async () => {
        const res = await http().get(`${BASE}/published`);
        return res.status === 200 && res.body.length >= count ? res.body : undefined;
      },
      60000,
      `${count} published reports`,
    );

  beforeAll(async () => {
    // Standalone shape: its relay publishes every service's streams, so the catalogue's unit names reach the requests consumer.
    ({ app } = await createApp(
      { shape: 'standalone', title: 'published annual reports test', modules: () => [RequestsModule] },
      isolatedEnv(),
    ));
    await app.init();
    store = app.get(EVENT_STORE);
    district = await tokenFor('district_office');
    for (const [unitId, name, level, kind] of [
      ['TEZ-ZSZ', '张山子镇人民政府', '乡级', 'town'],
      ['TEZ-EDU', '区教育和体育局', '县级', 'department'],
    ] as const) {
      const data = catalogueEvents['catalogue.UnitRegistered'][1].parse({ unitId, name, level, kind }); // the catalogue's contract
      await store.append(
        `catalogue.unit-${unitId}`,
        [{ ...newEvent('catalogue.UnitRegistered', data), occurredAt: new Date().toISOString() }],
        'any',
      );
    }
    await runYearScenario(app.get(CommandHandler), ['TEZ-ZSZ', 'TEZ-EDU'], 2025);
  }, 180000);
  afterAll(() => app?.close());

  it('nothing published yet: the list is empty and a report is 404 ANNUAL_REPORT_NOT_PUBLISHED (zh-CN), without a login', async () => {
    expect((await http().get(`${BASE}/published`).expect(200)).body).toEqual([]);
    const res = await http().get(`${BASE}/published/TEZ-ZSZ/2025`).expect(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ code: 'ANNUAL_REPORT_NOT_PUBLISHED', detail: NOT_PUBLISHED });
  });

  it('refuses a narrative over 8000 characters (zh-CN) and records nothing', async () => {
    const head = await tokenFor('office_head', 'TEZ-ZSZ');
    await liveReport('TEZ-ZSZ');
    const res = await http()
      .post(`${BASE}/TEZ-ZSZ/2025/finalise`)
      .set('Authorization', `Bearer ${head}`)
      .send({ narrative: { overview: '字'.repeat(8001) } })
      .expect(400);
    expect(res.body.detail).toMatch(/[\u4e00-\u9fa5]/);
    expect(JSON.stringify(res.body.errors ?? res.body)).toContain('narrative.overview');
    expect(await store.readStream('requests.annual-report-TEZ-ZSZ-2025')).toEqual([]);
  });

  it('finalised over HTTP, the report is published as finalised: list, detail, tables from the one table function', async () => {
    const zsz = await tokenFor('office_head', 'TEZ-ZSZ');
    const edu = await tokenFor('office_head', 'TEZ-EDU');
    const live = await liveReport('TEZ-ZSZ');
    await liveReport('TEZ-EDU');
    await http()
      .post(`${BASE}/TEZ-ZSZ/2025/finalise`)
      .set('Authorization', `Bearer ${zsz}`)
      .send({ licensing_decisions: 126, penalty_decisions: 38, narrative: NARRATIVE })
      .expect(201);
    await http().post(`${BASE}/TEZ-EDU/2025/finalise`).set('Authorization', `Bearer ${edu}`).send({ licensing_decisions: 214 }).expect(201);
    // 2026 has not ended (the clock is the request's): its report cannot be finalised yet.
    const early = await http().post(`${BASE}/TEZ-ZSZ/2026/finalise`).set('Authorization', `Bearer ${zsz}`).send({}).expect(422);
    expect(early.body.code).toBe('REPORT_YEAR_NOT_ENDED');
    // 2024: no requests yet; balanced, so it can be finalised too.
    await http().post(`${BASE}/TEZ-ZSZ/2024/finalise`).set('Authorization', `Bearer ${zsz}`).send({}).expect(201);

    const event = await finalisedEvent('TEZ-ZSZ', 2025);
    expect(event.data.narrative).toEqual({
      overview: '2025年，张山子镇人民政府认真贯彻《中华人民共和国政府信息公开条例》。\n全年主动公开政府信息326条。',
      otherMatters: '本年度未收取信息处理费。',
    });
    expect(event.data.table3).toEqual(live.table3);
    expect((await finalisedEvent('TEZ-EDU', 2025)).data).not.toHaveProperty('narrative');
    // The demo loader's figures straight from the store are the report's figures.
    const fromStore = await annualReportFiguresFromStore(store, 'TEZ-ZSZ', 2025);
    expect([fromStore.table3, fromStore.table4]).toEqual([event.data.table3, event.data.table4]);

    // Newest year first, then by unit name in Chinese order (区 qū before 张 zhāng).
    const list = await published(3);
    expect(list).toEqual([
      { unitId: 'TEZ-EDU', unitName: '区教育和体育局', year: 2025, finalisedAt: (await finalisedEvent('TEZ-EDU', 2025)).occurredAt },
      { unitId: 'TEZ-ZSZ', unitName: '张山子镇人民政府', year: 2025, finalisedAt: event.occurredAt },
      { unitId: 'TEZ-ZSZ', unitName: '张山子镇人民政府', year: 2024, finalisedAt: (await finalisedEvent('TEZ-ZSZ', 2024)).occurredAt },
    ]);
    expect((await http().get(`${BASE}/published?year=2024`).expect(200)).body).toEqual([list[2]]);
    expect((await http().get(`${BASE}/published`).query({ year: '2025' }).expect(200)).body).toEqual(list.slice(0, 2));

    const detail = (await http().get(`${BASE}/published/TEZ-ZSZ/2025`).expect(200)).body;
    expect(detail).toMatchObject({
      unitId: 'TEZ-ZSZ',
      unitName: '张山子镇人民政府',
      year: 2025,
      finalisedAt: event.occurredAt,
      narrative: event.data.narrative,
    });
    expect([detail.table2, detail.table3, detail.table4]).toEqual([event.data.table2, event.data.table3, event.data.table4]);
    expect(detail.table2).toMatchObject({ licensing_decisions: 126, penalty_decisions: 38, enforcement_decisions: 0 });
    const finalised = { table2: event.data.table2, table3: event.data.table3, table4: event.data.table4 } as AnnualReportTablesInput;
    expect(detail.tables).toEqual(annualReportTables(finalised).map(({ sheetName: _s, ...table }) => table));
    const [table2, table3, table4] = detail.tables as { title: string; rows: (string | number)[][] }[];
    expect([table2.title, table3.title, table4.title]).toEqual([
      '表二 主动公开政府信息情况',
      '表三 收到和处理政府信息公开申请情况',
      '表四 政府信息公开行政复议、行政诉讼情况',
    ]);
    // The official layout (国办公开办函〔2021〕30号): Table 2 in four parts, Table 3 under 申请人情况, Table 4 one row of 15.
    expect([table2.rows[0][0], table3.rows[0][3], table4.rows[0]]).toEqual([
      '第二十条第（一）项',
      '申请人情况',
      [...Array(5).fill('行政复议'), ...Array(10).fill('行政诉讼')],
    ]);
    expect(table2.rows).toContainEqual(['行政许可', 126, 126, 126]);
    expect(table3.rows.find((r) => r[1] === '（七）总计')?.at(-1)).toBe(21);
    expect(table4.rows[3].slice(0, 5)).toEqual([1, 0, 0, 0, 1]);
    expect((await http().get(`${BASE}/published/TEZ-EDU/2025`).expect(200)).body.narrative).toBeNull();
  }, 240000);

  it('is never recomputed: a request recorded afterwards changes the live report, not the published one', async () => {
    await published(3);
    const requestId = 'PUB-LATE-1';
    const context = {
      actor: { userId: 'clerk-TEZ-ZSZ', unitId: 'TEZ-ZSZ', role: 'clerk' as const },
      correlationId: 'late',
      now: '2025-12-30T02:00:00.000Z',
    };
    await app.get(CommandHandler).handle(
      requestDecider(defaultWorkingDayCalendar()),
      requestStreamId(requestId),
      {
        type: 'ReceiveRequest',
        today: '2025-12-30' as LocalDate,
        requestId,
        unitId: 'TEZ-ZSZ',
        channel: 'in_person',
        receivedOn: '2025-12-30' as LocalDate,
        receiptBasis: '申请人当面提交之日',
        applicant: { type: '自然人', name: '迟到的申请人', phone: '13800001111' },
        applicantKey: 'a'.repeat(64),
        description: '2025年农村道路养护资金使用情况',
        preferredForm: '电子',
        delivery: '电子邮件',
        trackingCodeHash: 'b'.repeat(64),
        possibleRepeatOf: [],
      },
      context,
    );
    await eventually(
      async () => {
        const res = await http().get(`${BASE}/TEZ-ZSZ/2025`).set('Authorization', `Bearer ${district}`);
        return res.body.table3?.new['总计'] === 23 ? true : undefined;
      },
      60000,
      'the late request in the live report',
    );
    const detail = (await http().get(`${BASE}/published/TEZ-ZSZ/2025`).expect(200)).body;
    expect(detail.table3.new['总计']).toBe(22);
    expect(detail.table3).toEqual((await finalisedEvent('TEZ-ZSZ', 2025)).data.table3);
  }, 120000);

  it('downloads the .xlsx and .docx without a login, the same files as the staff get', async () => {
    await published(3);
    const xlsx = await http().get(`${BASE}/published/TEZ-ZSZ/2025?format=xlsx`).buffer(true).parse(binary).expect(200);
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.headers['content-disposition']).toContain(encodeURIComponent('2025年政府信息公开工作年度报告-TEZ-ZSZ.xlsx'));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body);
    const rows = workbook.getWorksheet('表二 主动公开')!.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows[0][1]).toBe('张山子镇人民政府2025年政府信息公开工作年度报告 表二 主动公开政府信息情况');
    expect(rows.find((r) => r[1] === '行政许可')![2]).toBe(126);
    expect(
      (workbook.getWorksheet('表三 收到和处理申请')!.getSheetValues().filter(Boolean) as unknown[][]).find((r) =>
        String(r[2]).includes('（七）总计'),
      )![10],
    ).toBe(21);

    const docx = await http().get(`${BASE}/published/TEZ-ZSZ/2025?format=docx`).buffer(true).parse(binary).expect(200);
    expect(docx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const xml = await (await JSZip.loadAsync(docx.body)).file('word/document.xml')!.async('string');
    expect(xml).toContain('张山子镇人民政府2025年政府信息公开工作年度报告');
    expect(xml).toContain('全年主动公开政府信息326条。');
    expect(xml).toContain('本年度未收取信息处理费。');
    expect(xml.match(/（由本单位填写）/g)).toHaveLength(1); // 五 was left blank

    const withoutNarrative = await http().get(`${BASE}/published/TEZ-EDU/2025?format=docx`).buffer(true).parse(binary).expect(200);
    expect(
      (await (await JSZip.loadAsync(withoutNarrative.body)).file('word/document.xml')!.async('string')).match(/（由本单位填写）/g),
    ).toHaveLength(3);

    // The staff download prints the finalised narrative too.
    const staff = await http()
      .get(`${BASE}/TEZ-ZSZ/2025?format=docx`)
      .set('Authorization', `Bearer ${district}`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(await (await JSZip.loadAsync(staff.body)).file('word/document.xml')!.async('string')).toContain('全年主动公开政府信息326条。');
  });

  it('not published: 404 for a year not finalised and for an unknown unit; a bad year is 400 (zh-CN problem+json)', async () => {
    for (const path of ['TEZ-EDU/2026', 'TEZ-NOPE/2025', 'district/2025']) {
      const res = await http().get(`${BASE}/published/${path}`).expect(404);
      expect(res.body).toMatchObject({ code: 'ANNUAL_REPORT_NOT_PUBLISHED', detail: NOT_PUBLISHED });
    }
    expect((await http().get(`${BASE}/published/TEZ-EDU/2024?format=xlsx`).expect(404)).body.code).toBe('ANNUAL_REPORT_NOT_PUBLISHED');
    for (const year of ['abc', '1999', '2025.5', '']) {
      const res = await http().get(`${BASE}/published`).query({ year }).expect(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.detail).toContain('year');
      expect(res.body.detail).toMatch(/[\u4e00-\u9fa5]/);
    }
    const res = await http().get(`${BASE}/published/TEZ-ZSZ/20x5`).expect(400);
    expect(res.body).toMatchObject({ code: 'INVALID_YEAR', detail: '年度应为 2019 年以后的四位年份。' });
  });

  it('the routes do not collide: the staff report still needs a login; published is not taken for a unit id', async () => {
    await http().get(`${BASE}/TEZ-ZSZ/2025`).expect(401);
    await http().get(`${BASE}/TEZ-ZSZ/2025?format=xlsx`).expect(401);
    const staff = await http().get(`${BASE}/TEZ-ZSZ/2025`).set('Authorization', `Bearer ${district}`).expect(200);
    expect(staff.body).toMatchObject({ unitId: 'TEZ-ZSZ', finalised: true, narrative: { otherMatters: '本年度未收取信息处理费。' } });
    expect(staff.body).toHaveProperty('balanced');
    // The public list and report answer anonymously, with their own shapes.
    expect(Array.isArray((await http().get(`${BASE}/published`).expect(200)).body)).toBe(true);
    expect((await http().get(`${BASE}/published/TEZ-ZSZ/2025`).expect(200)).body).toHaveProperty('tables');
    // Finalising stays a staff action.
    await http().post(`${BASE}/TEZ-EDU/2026/finalise`).send({}).expect(401);
  });

  it('shows the report deadlines to office heads and the district office, with a saved draft as 草稿', async () => {
    await published(3);
    const zsz = await tokenFor('office_head', 'TEZ-ZSZ');
    // The office head saves a draft of the 2026 report (hand-entered rows and narrative); the console's form opens with it.
    await http()
      .post(`${BASE}/TEZ-ZSZ/2026/draft`)
      .set('Authorization', `Bearer ${zsz}`)
      .send({ licensing_decisions: 12, narrative: { overview: '  2026年工作总结（草稿）  ' } })
      .expect(200);
    const live = (await http().get(`${BASE}/TEZ-ZSZ/2026`).set('Authorization', `Bearer ${zsz}`).expect(200)).body;
    expect(live.draft).toEqual({ table2: { licensing_decisions: 12 }, narrative: { overview: '2026年工作总结（草稿）' } });
    expect(live.finalised).toBe(false);
    await http()
      .post(`${BASE}/TEZ-ZSZ/2026/draft`)
      .set('Authorization', `Bearer ${await tokenFor('clerk', 'TEZ-ZSZ')}`)
      .send({ licensing_decisions: 13 })
      .expect(403);
    await http().post(`${BASE}/TEZ-EDU/2026/draft`).set('Authorization', `Bearer ${zsz}`).send({ licensing_decisions: 13 }).expect(403);

    // The clock is the request's: the previous year's report all year, the current year's from 1 December.
    type Deadline = { unitId: string; reporter: string; year: number; dueOn: string; status: string };
    const own = (await http().get(`${BASE}/deadlines`).set('Authorization', `Bearer ${zsz}`).expect(200)).body as {
      today: string;
      deadlines: Deadline[];
    };
    const thisYear = Number(own.today.slice(0, 4));
    expect(own.deadlines.map((d) => d.year)).toEqual(own.today.slice(5) >= '12-01' ? [thisYear - 1, thisYear] : [thisYear - 1]);
    for (const d of own.deadlines) expect(d).toMatchObject({ unitId: 'TEZ-ZSZ', reporter: 'unit', dueOn: `${d.year + 1}-01-31` });
    const byYear = new Map(own.deadlines.map((d) => [d.year, d]));
    if (byYear.has(2025)) expect(byYear.get(2025)?.status).toBe('published');
    if (byYear.has(2026)) expect(byYear.get(2026)?.status).toBe(own.today > '2027-01-31' ? 'overdue' : 'draft');

    const all = (await http().get(`${BASE}/deadlines`).set('Authorization', `Bearer ${district}`).expect(200)).body as {
      deadlines: Deadline[];
    };
    expect(all.deadlines[0]).toMatchObject({ unitId: 'district', reporter: 'government', dueOn: `${all.deadlines[0].year + 1}-03-31` });
    expect(all.deadlines.map((d) => d.unitId)).toEqual(expect.arrayContaining(['TEZ-ZSZ', 'TEZ-EDU']));
    await http()
      .get(`${BASE}/deadlines`)
      .set('Authorization', `Bearer ${await tokenFor('clerk', 'TEZ-ZSZ')}`)
      .expect(403);
  });

  it('a published report corrected by the office head with a reason: a new version, said on the portal; the first stays in the history', async () => {
    await published(3);
    const zsz = await tokenFor('office_head', 'TEZ-ZSZ');
    const noReason = await http()
      .post(`${BASE}/TEZ-ZSZ/2025/correct`)
      .set('Authorization', `Bearer ${zsz}`)
      .send({ licensing_decisions: 128 });
    expect(noReason.status).toBe(400);
    await http()
      .post(`${BASE}/TEZ-ZSZ/2025/correct`)
      .set('Authorization', `Bearer ${await tokenFor('clerk', 'TEZ-ZSZ')}`)
      .send({ licensing_decisions: 128, reason: '行政许可数量统计有误' })
      .expect(403);
    await http()
      .post(`${BASE}/TEZ-ZSZ/2025/correct`)
      .set('Authorization', `Bearer ${zsz}`)
      .send({ licensing_decisions: 128, reason: '行政许可数量统计有误' })
      .expect(201);
    const history = await store.readStream('requests.annual-report-TEZ-ZSZ-2025');
    expect(history.map((e) => e.type)).toEqual(['requests.AnnualReportFinalised', 'requests.AnnualReportCorrected']);
    expect(history[0].data.table2).toMatchObject({ licensing_decisions: 126 });
    const detail = await eventually(
      async () => {
        const res = await http().get(`${BASE}/published/TEZ-ZSZ/2025`);
        return res.body.correction ? res.body : undefined;
      },
      60000,
      'the corrected report on the portal',
    );
    expect(detail.correction).toMatchObject({ version: 2, reason: '行政许可数量统计有误' });
    expect(detail.table2).toMatchObject({ licensing_decisions: 128 });
    expect(detail.narrative).toEqual(history[0].data.narrative); // kept when not given again
    const listed = (await http().get(`${BASE}/published?year=2025`).expect(200)).body;
    expect(listed.find((r: { unitId: string }) => r.unitId === 'TEZ-ZSZ')).toMatchObject({ corrected: true });
  }, 120000);
});
