import { createHash } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { createApp, EVENT_STORE, type EventStore } from '@gongkai/platform';
import { eventually, isolatedEnv, tokenFor } from '@gongkai/platform/testing';
import { CatalogueModule } from './catalogue.module';
import { CATALOGUE_COLUMNS, type CatalogueRow } from './domain/catalogue-row';
import { XLSX_MIME } from './application/spreadsheet';
import { DOCX_MIME } from './application/office-files';
import { PUBLISHED_FIXTURES } from './testing/published-fixtures';

/**
 * The catalogue service alone, as in the distributed shape: events go from the store through the
 * relay to real Kafka and come back into the read models on real FerretDB.
 */
describe('catalogue service over Kafka and FerretDB', () => {
  let app: INestApplication;
  let store: EventStore;
  let http: ReturnType<typeof request>;
  let district: string;
  let clerk: string;
  let otherClerk: string;

  const TOWN = 'TEZ-ZSZ';
  const OTHER = 'TEZ-NHZ';
  const content = {
    domainCode: 'compulsory-education',
    firstLevel: '学生资助',
    secondLevel: '义务教育阶段学生资助政策及资助名单',
    content: '资助政策、申请条件、资助标准、受助学生名单',
    legalBases: [{ law: '中华人民共和国义务教育法', article: '第四十四条' }],
    timeLimit: { text: '信息形成或者变更之日起20个工作日内', rule: { kind: 'working_days_after_formation', days: 20 } },
    subject: '张山子镇人民政府',
    method: '主动',
    channels: [{ channel: '政府网站' }, { channel: '便民服务站' }],
    audience: { kind: '全社会' },
    level: '乡级',
    guidelineItemCode: 'compulsory-education.S02',
  };

  beforeAll(async () => {
    ({ app } = await createApp({ shape: 'catalogue', title: 'catalogue test', modules: () => [CatalogueModule] }, isolatedEnv()));
    await app.init();
    store = app.get(EVENT_STORE);
    http = request(app.getHttpServer());
    district = await tokenFor('district_office', 'TEZ-GOV-OFFICE');
    clerk = await tokenFor('clerk', TOWN);
    otherClerk = await tokenFor('clerk', OTHER);
    for (const [unitId, name] of [
      [TOWN, '张山子镇人民政府'],
      [OTHER, '泥沟镇人民政府'],
    ]) {
      await http
        .post('/api/catalogue/units')
        .set('Authorization', `Bearer ${district}`)
        .send({ unitId, name, level: '乡级', kind: 'town' })
        .expect(201);
    }
    await http.post('/api/catalogue/guidelines/sample').set('Authorization', `Bearer ${district}`).expect(201);
    await http
      .put(`/api/catalogue/units/${TOWN}/responsible-domains`)
      .set('Authorization', `Bearer ${district}`)
      .send({ domainCodes: ['compulsory-education', 'social-assistance'] })
      .expect(200);
  });
  afterAll(() => app?.close());

  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  it('draft → publish → portal → search by a word inside a longer phrase; revise → history and as-of', async () => {
    const drafted = await http.post(`/api/catalogue/units/${TOWN}/items`).set(auth(clerk)).send(content).expect(201);
    const itemId = drafted.body.itemId as string;

    // The public never sees a draft.
    await eventually(async () =>
      (await http.get(`/api/catalogue/units/${TOWN}/items`).set(auth(clerk))).body.length === 1 ? true : undefined,
    );
    await http.get(`/api/catalogue/portal/items/${itemId}`).expect(404);
    expect((await http.get(`/api/catalogue/portal/units/${TOWN}/items`).expect(200)).body.items).toEqual([]);
    expect((await http.get('/api/catalogue/portal/search').query({ q: '学生资助' }).expect(200)).body.hits).toEqual([]);

    // Another town's clerk cannot touch it.
    const refused = await http.post(`/api/catalogue/units/${OTHER}/items/${itemId}/publish`).set(auth(otherClerk)).expect(403);
    expect(refused.body.code).toBe('OTHER_UNIT');
    await http.post(`/api/catalogue/units/${TOWN}/items/${itemId}/publish`).set(auth(otherClerk)).expect(403);

    await http.post(`/api/catalogue/units/${TOWN}/items/${itemId}/publish`).set(auth(clerk)).expect(200);
    const beforeRevision = new Date().toISOString();
    const listed = await eventually(async () => {
      const body = (await http.get(`/api/catalogue/portal/units/${TOWN}/items`).expect(200)).body;
      return body.items.length === 1 ? body.items : undefined;
    });
    expect(listed[0]).toMatchObject({ itemId, status: 'published', version: 1, domainName: '义务教育' });
    expect(listed[0].transitions).toBeUndefined();

    // 资助 is a word inside 义务教育阶段学生资助政策及资助名单; 学生资助名单 is not a substring of it.
    const search = await http.get('/api/catalogue/portal/search').query({ q: '资助名单' }).expect(200);
    expect(search.body.hits[0]).toMatchObject({ itemId, unitId: TOWN });
    const byDomain = await http.get('/api/catalogue/portal/domains/compulsory-education/items').expect(200);
    expect(byDomain.body.items.map((i: { itemId: string }) => i.itemId)).toEqual([itemId]);

    await new Promise((resolve) => setTimeout(resolve, 5)); // a distinct publication instant
    await http
      .post(`/api/catalogue/units/${TOWN}/items/${itemId}/revise`)
      .set(auth(clerk))
      .send({ content: { ...content, content: '资助政策、申请条件、资助标准、受助学生名单及资金发放情况' }, reason: '增加资金发放情况' })
      .expect(200);
    const detail = await eventually(async () => {
      const body = (await http.get(`/api/catalogue/portal/items/${itemId}`).expect(200)).body;
      return body.versions.length === 2 ? body : undefined;
    });
    expect(detail.versions.map((v: { version: number; reason: string | null }) => [v.version, v.reason])).toEqual([
      [1, null],
      [2, '增加资金发放情况'],
    ]);
    expect(detail.content.content).toContain('资金发放情况');

    const asOf = await http.get(`/api/catalogue/portal/units/${TOWN}/items`).query({ asOf: beforeRevision }).expect(200);
    expect(asOf.body.items).toHaveLength(1);
    expect(asOf.body.items[0]).toMatchObject({ itemId, version: 1, content: { content: content.content } });
    const beforeAll = await http.get(`/api/catalogue/portal/units/${TOWN}/items`).query({ asOf: '2020-01-01' }).expect(200);
    expect(beforeAll.body.items).toEqual([]);

    // Coverage and milestones see the published item.
    const coverage = await http.get(`/api/catalogue/units/${TOWN}/coverage`).set(auth(clerk)).expect(200);
    expect(coverage.body.domains.find((d: { domainCode: string }) => d.domainCode === 'compulsory-education')).toMatchObject({
      expected: 2,
      percent: 50,
    });
    const milestones = await http.get(`/api/catalogue/units/${TOWN}/milestones`).set(auth(district)).expect(200);
    expect(milestones.body.milestones.map((m: { status: string }) => m.status)).toEqual(['late', 'late', 'late']);

    // Embedding: the due date in statutory working days.
    const obligation = await http
      .post('/api/catalogue/embedding/obligations')
      .set(auth(clerk))
      .send({ unitId: TOWN, itemId, formedOn: '2024-09-30' })
      .expect(200);
    expect(obligation.body).toMatchObject({ channels: ['政府网站', '便民服务站'], audience: '全社会', version: 2 });
    expect(obligation.body.dueDate > '2024-10-28').toBe(true);

    // Returned for correction → the unit's to-do list.
    await http.post(`/api/catalogue/units/${TOWN}/items/${itemId}/return`).set(auth(clerk)).send({ note: 'x' }).expect(403);
    await http
      .post(`/api/catalogue/units/${TOWN}/items/${itemId}/return`)
      .set(auth(district))
      .send({ note: '请写明资助标准的具体金额' })
      .expect(200);
    const todo = await eventually(async () => {
      const body = (await http.get(`/api/catalogue/units/${TOWN}/items/todo`).set(auth(clerk)).expect(200)).body;
      return body.returned.length === 1 ? body : undefined;
    });
    expect(todo.returned[0]).toMatchObject({ itemId, correction: { note: '请写明资助标准的具体金额' } });
  });

  it('an officer confirms a proposed match → coverage counts it; rejects one → it is no longer proposed', async () => {
    const assistance = { ...content, domainCode: 'social-assistance', guidelineItemCode: undefined };
    const draft = async (firstLevel: string, secondLevel: string) =>
      (
        await http
          .post(`/api/catalogue/units/${TOWN}/items`)
          .set(auth(clerk))
          .send({ ...assistance, firstLevel, secondLevel, content: `${secondLevel}的条件、材料、流程及结果` })
          .expect(201)
      ).body.itemId as string;
    const dibao = await draft('低保', '低保申请受理及公示');
    const temporary = await draft('临时救助', '临时救助申请受理及公示');
    await http.post(`/api/catalogue/units/${TOWN}/items/${dibao}/publish`).set(auth(clerk)).expect(200);
    const proposalsFor = async (itemId: string) =>
      (await http.get(`/api/catalogue/units/${TOWN}/coverage/proposals`).set(auth(clerk)).expect(200)).body.proposals.find(
        (p: { itemId: string }) => p.itemId === itemId,
      );
    const proposed = await eventually(async () => {
      const proposal = await proposalsFor(dibao);
      return proposal && (await proposalsFor(temporary)) ? proposal : undefined;
    });
    expect(proposed.proposed).toBe('social-assistance.S01');
    const assistanceCoverage = async () =>
      (await http.get(`/api/catalogue/units/${TOWN}/coverage`).set(auth(clerk)).expect(200)).body.domains.find(
        (d: { domainCode: string }) => d.domainCode === 'social-assistance',
      );
    expect(await assistanceCoverage()).toMatchObject({ expected: 2, percent: 0 });

    // Another town's clerk cannot decide on this unit's item, through its own unit or this one.
    const decide = (decision: 'confirm' | 'reject', token: string, unitId: string, body: object) =>
      http.post(`/api/catalogue/units/${unitId}/coverage/matches/${decision}`).set(auth(token)).send(body);
    const refused = await decide('confirm', otherClerk, OTHER, { itemId: dibao, guidelineItemCode: 'social-assistance.S01' }).expect(403);
    expect(refused.body.code).toBe('OTHER_UNIT');
    await decide('confirm', otherClerk, TOWN, { itemId: dibao, guidelineItemCode: 'social-assistance.S01' }).expect(403);
    const wrongDomain = await decide('confirm', clerk, TOWN, { itemId: dibao, guidelineItemCode: 'compulsory-education.S01' }).expect(422);
    expect(wrongDomain.body.code).toBe('GUIDELINE_MATCH_OTHER_DOMAIN');

    await decide('confirm', clerk, TOWN, {
      itemId: dibao,
      guidelineItemCode: 'social-assistance.S01',
      reason: '低保即最低生活保障',
    }).expect(200);
    const covered = await eventually(async () => {
      const domain = await assistanceCoverage();
      return domain.percent === 50 ? domain : undefined;
    });
    expect(covered.covered.map((g: { code: string }) => g.code)).toEqual(['social-assistance.S01']);
    expect(covered.missing.map((g: { code: string }) => g.code)).toEqual(['social-assistance.S02']);
    expect(await proposalsFor(dibao)).toBeUndefined(); // matched: no longer proposed

    const temporaryProposal = await proposalsFor(temporary);
    expect(temporaryProposal.candidates.map((c: { code: string }) => c.code)).toContain('social-assistance.S02');
    await decide('reject', clerk, TOWN, { itemId: temporary, guidelineItemCode: 'social-assistance.S02' }).expect(200);
    const afterReject = await eventually(async () => {
      const proposal = await proposalsFor(temporary);
      return proposal.candidates.some((c: { code: string }) => c.code === 'social-assistance.S02') ? undefined : proposal;
    });
    expect(afterReject.proposed).not.toBe('social-assistance.S02');
    const events = (await store.readStream(`catalogue.item-${temporary}`)).map((e) => e.type);
    expect(events).toEqual(['catalogue.ItemDrafted', 'catalogue.GuidelineMatchRejected']);
  });

  it('refuses to publish a draft with missing elements, naming them', async () => {
    const drafted = await http
      .post(`/api/catalogue/units/${TOWN}/items`)
      .set(auth(clerk))
      .send({ domainCode: 'social-assistance', firstLevel: '临时救助', secondLevel: '临时救助申请受理及公示', level: '乡级' })
      .expect(201);
    const refused = await http.post(`/api/catalogue/units/${TOWN}/items/${drafted.body.itemId}/publish`).set(auth(clerk)).expect(422);
    expect(refused.body).toMatchObject({
      code: 'ITEM_ELEMENTS_MISSING',
      detail: expect.stringContaining('内容、依据、时限、主体、方式、渠道、公开对象'),
    });
  });

  async function workbook(rows: CatalogueRow[]): Promise<Buffer> {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('目录');
    sheet.addRow([...CATALOGUE_COLUMNS]);
    for (const row of rows) sheet.addRow(CATALOGUE_COLUMNS.map((c) => row[c] ?? ''));
    return Buffer.from(await book.xlsx.writeBuffer());
  }
  const validRow: CatalogueRow = {
    序号: '1',
    一级事项: '最低生活保障',
    二级事项: '最低生活保障申请受理及公示',
    '公开内容（要素）': '申请条件、申请材料、审核结果',
    公开依据: '《社会救助暂行办法》第十一条',
    公开时限: '信息形成或者变更之日起20个工作日内',
    公开主体: '泥沟镇人民政府',
    公开渠道和载体: '政府网站、社区/企事业单位/村公示栏(电子屏)',
    公开对象: '全社会',
    公开方式: '主动',
    公开层级: '乡级',
    所属领域: '社会救助',
    标准指引事项编码: 'social-assistance.S01',
  };
  const importFile = (unitId: string, token: string, file: Buffer) =>
    http.post(`/api/catalogue/units/${unitId}/items/import`).set(auth(token)).set('Content-Type', XLSX_MIME).send(file);

  it('import reports every bad row with its number and stores nothing', async () => {
    const file = await workbook([
      validRow,
      { ...validRow, 序号: '2', 二级事项: '临时救助申请受理及公示', 公开依据: '' },
      { ...validRow, 序号: '3', 二级事项: '特困供养', 公开渠道和载体: '政府网站、抖音直播' },
      { ...validRow, 序号: '4', 二级事项: '某事项', 所属领域: '星座运势' },
    ]);
    const before = await store.headPosition();
    const response = await importFile(OTHER, otherClerk, file).expect(400);
    expect(response.body.code).toBe('SPREADSHEET_INVALID');
    expect(response.body.rows).toEqual([
      { row: 3, messages: [expect.stringContaining('缺少公开依据')] },
      { row: 4, messages: [expect.stringContaining('抖音直播')] },
      { row: 5, messages: [expect.stringContaining('星座运势')] },
    ]);
    expect(response.body.detail).toMatch(/第 3 行.*第 4 行.*第 5 行/);
    expect(await store.headPosition()).toBe(before);
  });

  it('a clerk cannot import into another unit', async () => {
    const before = await store.headPosition();
    const response = await importFile(OTHER, clerk, await workbook([validRow])).expect(403);
    expect(response.body.code).toBe('OTHER_UNIT');
    expect(await store.headPosition()).toBe(before);
  });

  it('export → import changes nothing, and the file is the same', async () => {
    const imported = await importFile(
      OTHER,
      otherClerk,
      await workbook([
        validRow,
        {
          ...validRow,
          序号: '2',
          二级事项: '临时救助申请受理及公示',
          公开渠道和载体: '其他（村广播）',
          公开对象: '特定群体（申请人）',
          公开方式: '依申请',
        },
      ]),
    ).expect(200);
    expect(imported.body).toMatchObject({ rows: 2, created: 2 });
    const exported = async () => {
      await eventually(async () =>
        (await http.get(`/api/catalogue/units/${OTHER}/items`).set(auth(otherClerk))).body.length === 2 ? true : undefined,
      );
      const response = await http
        .get(`/api/catalogue/units/${OTHER}/items/export`)
        .set(auth(otherClerk))
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        });
      expect(response.status).toBe(200);
      return response.body as Buffer;
    };
    const first = await exported();
    const before = await store.headPosition();
    const again = await importFile(OTHER, otherClerk, first).expect(200);
    // Nothing changed: no import record, no file kept.
    expect(again.body).toEqual({ rows: 2, created: 0, updated: 0, revised: 0, unchanged: 2, importId: null, file: null });
    expect(await store.headPosition()).toBe(before);
    const readRows = async (file: Buffer) => {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(file as unknown as ArrayBuffer);
      const values: unknown[] = [];
      book.worksheets[0].eachRow((row) => values.push(row.values));
      return values;
    };
    expect(await readRows(await exported())).toEqual(await readRows(first));
  });

  it('a published .docx layout: preview maps each source row, import records it all or nothing', async () => {
    const street = PUBLISHED_FIXTURES.find((f) => f.imitates.includes('九龙街道'))!;
    const send = (path: string, file: Buffer) =>
      http.post(`/api/catalogue/units/${TOWN}/items/${path}`).set(auth(clerk)).set('Content-Type', DOCX_MIME).send(file);
    const before = await store.headPosition();
    const preview = await send('import/preview', await street.file(true)).expect(200);
    expect(preview.body.format).toBe('docx');
    expect(preview.body.tables.map((t: { domain: { code: string; from: string } }) => t.domain)).toEqual([
      { code: 'major-projects', name: '重大建设项目', from: 'title' },
      { code: 'public-resource-trading', name: '公共资源交易', from: 'title' },
    ]);
    expect(preview.body.summary).toMatchObject({ rows: 3, valid: 2, invalid: 1, create: 2 });
    expect(preview.body.rows[0]).toMatchObject({ source: '表格1', rowNumber: 3, ok: false, action: null });
    const refused = await send('import', await street.file(true)).expect(400);
    expect(refused.body.rows).toEqual([{ row: 3, source: '表格1', messages: expect.any(Array) }]);
    expect(await store.headPosition()).toBe(before);
    const file = await street.file();
    const name = '九龙街道试点领域基层政务公开标准目录.docx';
    const imported = await http
      .post(`/api/catalogue/units/${TOWN}/items/import?name=${encodeURIComponent(name)}`)
      .set(auth(clerk))
      .set('Content-Type', DOCX_MIME)
      .send(file)
      .expect(200);
    const sha256 = createHash('sha256').update(file).digest('hex');
    expect(imported.body).toEqual({
      rows: 3,
      created: 3,
      updated: 0,
      revised: 0,
      unchanged: 0,
      importId: expect.any(String),
      file: { sha256, size: file.length, mediaType: DOCX_MIME, originalName: name },
    });

    // The import record keeps the original file: listed with the unit's imports, downloadable by its staff.
    const listed = await http.get(`/api/catalogue/units/${TOWN}/items/imports`).set(auth(clerk)).expect(200);
    expect(listed.body.imports[0]).toMatchObject({
      importId: imported.body.importId,
      unitId: TOWN,
      rows: 3,
      created: 3,
      file: imported.body.file,
    });
    expect(listed.body.imports[0].itemIds).toHaveLength(3);
    const download = await http
      .get(`/api/catalogue/units/${TOWN}/items/imports/${imported.body.importId}/file`)
      .set(auth(clerk))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(download.headers['content-type']).toBe(DOCX_MIME);
    expect(download.headers['content-disposition']).toBe(`attachment; filename*=UTF-8''${encodeURIComponent(name)}`);
    expect((download.body as Buffer).equals(file)).toBe(true);
    // Another unit's staff see neither the record nor the file.
    await http.get(`/api/catalogue/units/${TOWN}/items/imports`).set(auth(otherClerk)).expect(403);
    await http.get(`/api/catalogue/units/${TOWN}/items/imports/${imported.body.importId}/file`).set(auth(otherClerk)).expect(403);
    await http.get(`/api/catalogue/units/${TOWN}/items/imports/no-such-import/file`).set(auth(clerk)).expect(404);
  });

  it('the district office loads a new guideline version from a spreadsheet; bad rows are all reported', async () => {
    const sheet = async (rows: string[][]) => {
      const book = new ExcelJS.Workbook();
      const ws = book.addWorksheet('标准指引');
      ws.addRow(['所属领域', '指引事项编码', '公开层级', '一级事项', '二级事项']);
      rows.forEach((r) => ws.addRow(r));
      return Buffer.from(await book.xlsx.writeBuffer());
    };
    const upload = (file: Buffer, token = district) =>
      http
        .post('/api/catalogue/guidelines/import')
        .query({ title: '标准指引（2022年修订）', effectiveFrom: '2022-07-01', sample: 'false' })
        .set(auth(token))
        .set('Content-Type', XLSX_MIME)
        .send(file);
    const before = await store.headPosition();
    const bad = await upload(
      await sheet([
        ['义务教育', 'E1', '县级', '招生入学', '招生政策'],
        ['星座运势', 'E2', '县级', 'a', 'b'],
        ['义务教育', 'E3', '省级', 'a', 'b'],
      ]),
    ).expect(400);
    expect(bad.body.rows.map((r: { row: number }) => r.row)).toEqual([3, 4]);
    await upload(await sheet([['义务教育', 'E1', '县级', '招生入学', '招生政策']]), clerk).expect(403);
    expect(await store.headPosition()).toBe(before);
    await upload(
      await sheet([
        ['义务教育', 'E1', '县级', '招生入学', '招生政策'],
        ['社会救助', 'S1', '乡级', '临时救助', '临时救助公示'],
      ]),
    ).expect(201);
    const current = await eventually(async () => {
      const body = (await http.get('/api/catalogue/portal/guidelines/current').expect(200)).body;
      return body.version === 2 ? body : undefined;
    });
    expect(current).toMatchObject({
      sample: false,
      effectiveFrom: '2022-07-01',
      items: [
        { code: 'E1', domainCode: 'compulsory-education' },
        { code: 'S1', level: '乡级' },
      ],
    });
  });

  it('the negative list: no publication without a specific legal basis', async () => {
    const drafted = await http
      .post(`/api/catalogue/units/${TOWN}/negative-list`)
      .set(auth(clerk))
      .send({ matter: '低保家庭经济状况核对明细', scope: '存款、车辆、房产明细', regulationArticle: 15, lastReviewedOn: '2023-01-10' })
      .expect(201);
    const refused = await http
      .post(`/api/catalogue/units/${TOWN}/negative-list/${drafted.body.entryId}/publish`)
      .set(auth(clerk))
      .expect(422);
    expect(refused.body.code).toBe('NEGATIVE_ENTRY_BASIS_MISSING');
    await http
      .put(`/api/catalogue/units/${TOWN}/negative-list/${drafted.body.entryId}`)
      .set(auth(clerk))
      .send({
        matter: '低保家庭经济状况核对明细',
        scope: '存款、车辆、房产明细',
        regulationArticle: 15,
        specificBasis: { law: '社会救助暂行办法', article: '第六十六条' },
        lastReviewedOn: '2023-01-10',
      })
      .expect(200);
    await http.post(`/api/catalogue/units/${TOWN}/negative-list/${drafted.body.entryId}/publish`).set(auth(clerk)).expect(200);
    const listed = await eventually(async () => {
      const body = (await http.get('/api/catalogue/portal/negative-list').expect(200)).body;
      return body.length === 1 ? body : undefined;
    });
    expect(listed[0]).toMatchObject({ ownerUnitId: TOWN, status: 'published', reviewOverdue: true });
  });

  it('the district office loads the sourced guidelines: each row names its source; no 示例 row is left', async () => {
    await http.post('/api/catalogue/guidelines/reference').set(auth(clerk)).expect(403);
    await http.post('/api/catalogue/guidelines/reference').set(auth(district)).expect(201);
    const current = await eventually(async () => {
      const body = (await http.get('/api/catalogue/portal/guidelines/current').expect(200)).body;
      return body.sourcedDomains ? body : undefined;
    });
    expect(current.sourcedDomains).toContain('social-assistance');
    const row = current.items.find((i: { code: string }) => i.code === 'social-assistance.S01');
    expect(row).toMatchObject({ firstLevel: '综合业务', source: { url: expect.stringMatching(/^https?:\/\//) } });
    // Every domain of the 示例 data has sourced rows now (budget from a township's catalogue).
    expect(current.sourcedDomains).toContain('budget');
    expect(current.items.filter((i: { source?: unknown }) => !i.source)).toEqual([]);
  });
});
