import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import request from 'supertest';
import { createApp, EVENT_STORE, FileSystemBlobStore, type EventStore } from '@gongkai/platform';
import { eventually, isolatedEnv, tokenFor } from '@gongkai/platform/testing';
import { addCalendarDays, toShanghaiDate } from '@gongkai/working-days';
import { RequestsModule } from './requests.module';
import { knownUnits } from './testing/known-units';

const UNIT = 'TEZ-CIVIL';
/** The unit that imports its past cases (its own Table 3, apart from UNIT's). */
const IMPORTER = 'TEZ-EDU';
const TODAY = toShanghaiDate(new Date());
const YEAR = Number(TODAY.slice(0, 4));
/** 1×1 PNG: a photographed paper application. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const binary = (res: request.Response, cb: (e: Error | null, b: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};
/** The visible text of a .docx. */
async function docxText(buffer: Buffer): Promise<string> {
  const xml = await (await JSZip.loadAsync(buffer)).file('word/document.xml')!.async('string');
  return xml.replace(/<[^>]+>/g, '');
}

/**
 * Counter registration (paper, post, fax, in person) with the scanned application in the file store
 * and the printed receipt; back-entry (补录) of a request received last year, counted in both years'
 * Table 3. Real store, Kafka, FerretDB, file-system blob store.
 */
describe('counter registration, receipt and back-entry (HTTP)', () => {
  let app: INestApplication;
  let store: EventStore;
  let blobs: string;
  let clerk: string;

  const http = () => request(app.getHttpServer());
  const letter = (extra: object) => ({
    unitId: UNIT,
    channel: 'ordinary_letter',
    applicant: { type: '自然人', name: '刘桂兰', address: '台儿庄区运河街道顺河路18号' },
    description: '我家在马兰屯镇，想看看今年我们村低保户的评议结果和公示名单',
    preferredForm: '纸质',
    delivery: '邮寄',
    ...extra,
  });

  beforeAll(async () => {
    blobs = await mkdtemp(join(tmpdir(), 'gongkai-scans-'));
    ({ app } = await createApp(
      { shape: 'requests', title: 'counter registration test', modules: () => [RequestsModule] },
      isolatedEnv({ BLOB_STORE_URL: `file:${blobs}` }),
    ));
    await app.init();
    store = app.get(EVENT_STORE);
    await knownUnits(app, [UNIT, IMPORTER]);
    clerk = `Bearer ${await tokenFor('clerk', UNIT)}`;
  }, 120000);
  afterAll(async () => {
    await app?.close();
    await rm(blobs, { recursive: true, force: true });
  });

  it('stores the scan, registers a letter naming it (the event carries only hash, size, type, name) and prints the receipt', async () => {
    const uploaded = await http()
      .post(`/api/requests/scans?name=${encodeURIComponent('刘桂兰申请书.png')}`)
      .set('Authorization', clerk)
      .set('Content-Type', 'image/png')
      .send(PNG);
    expect([uploaded.status, uploaded.body.code]).toEqual([201, undefined]);
    expect(uploaded.body).toEqual({
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      size: PNG.length,
      mediaType: 'image/png',
      originalName: '刘桂兰申请书.png',
    });

    const receivedOn = addCalendarDays(TODAY, -6);
    const registered = await http()
      .post('/api/requests')
      .set('Authorization', clerk)
      .send(letter({ receivedOn, scan: uploaded.body }));
    expect([registered.status, registered.body.code]).toEqual([201, undefined]);
    const { requestId, trackingCode, dueOn } = registered.body;
    const [received] = await store.readStream(`requests.request-${requestId}`);
    // The file name often names the applicant: sealed with the applicant's key, like her name; the bytes
    // are stored sealed with that key too, and the event records the sealed file's hash and size (issue 19).
    const scanRef = received.data.scan as { sha256: string; size: number };
    expect(received.data).toMatchObject({
      receiptBasis: '本机关与申请人确认之日',
      scan: { sha256: expect.stringMatching(/^[0-9a-f]{64}$/), mediaType: 'image/png', originalName: expect.stringMatching(/^enc:v1:/) },
    });
    expect(scanRef.sha256).not.toBe(uploaded.body.sha256);
    expect(JSON.stringify(received.data)).not.toContain(PNG.toString('base64'));
    expect(JSON.stringify(received)).not.toContain('刘桂兰申请书');
    const files = new FileSystemBlobStore(blobs);
    expect(await files.stat(uploaded.body.sha256)).toBeNull(); // the upload in clear is gone
    const sealed = await files.getBytes(scanRef.sha256);
    expect([sealed?.length, sealed?.includes(PNG)]).toEqual([scanRef.size, false]);

    const scan = await eventually(
      async () => {
        const res = await http().get(`/api/requests/${requestId}/scan`).set('Authorization', clerk).buffer(true).parse(binary);
        return res.status === 200 ? res : undefined;
      },
      30000,
      'the request in the read model',
    );
    expect(Buffer.compare(scan.body as Buffer, PNG)).toBe(0);
    expect(scan.headers['content-type']).toBe('image/png');
    expect(scan.headers['content-disposition']).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('刘桂兰申请书.png')}`);
    const caseView = (await http().get(`/api/requests/${requestId}`).set('Authorization', clerk)).body;
    expect(caseView.scan).toEqual({ ...scanRef, originalName: '刘桂兰申请书.png' });
    // A role without the right to the applicant's personal data gets no scan.
    const audited = await http()
      .get(`/api/requests/${requestId}/scan`)
      .set('Authorization', `Bearer ${await tokenFor('auditor', null)}`);
    expect([audited.status, audited.body.code]).toEqual([403, 'SCAN_WITHHELD']);

    const receipt = await http()
      .post(`/api/requests/${requestId}/receipt`)
      .set('Authorization', clerk)
      .send({ trackingCode })
      .buffer(true)
      .parse(binary);
    expect(receipt.status).toBe(200);
    expect(receipt.headers['content-type']).toContain('wordprocessingml');
    const text = await docxText(receipt.body as Buffer);
    for (const fact of ['政府信息公开申请回执', '刘桂兰', trackingCode, dueOn, receivedOn, '本机关与申请人确认之日', '第三十一条']) {
      expect([fact, text.includes(fact)]).toEqual([fact, true]);
    }
    const wrongCode = await http()
      .post(`/api/requests/${requestId}/receipt`)
      .set('Authorization', clerk)
      .send({ trackingCode: 'WRONG-CODE' });
    expect([wrongCode.status, wrongCode.body.code]).toEqual([422, 'TRACKING_CODE_MISMATCH']);
  });

  it('refuses a scan that is not a PDF or an image, and a registration naming a scan never uploaded', async () => {
    const text = await http()
      .post('/api/requests/scans?name=a.txt')
      .set('Authorization', clerk)
      .set('Content-Type', 'text/plain')
      .send(Buffer.from('申请书'));
    expect([text.status, text.body.code]).toEqual([400, 'SCAN_TYPE_NOT_ALLOWED']);
    const disguised = await http()
      .post('/api/requests/scans?name=a.png')
      .set('Authorization', clerk)
      .set('Content-Type', 'image/png')
      .send(Buffer.from('%PDF-1.4 not a png'));
    expect(disguised.status).toBeGreaterThanOrEqual(400);
    // The name is the `?name=` query parameter (the upload convention): required.
    const nameless = await http().post('/api/requests/scans').set('Authorization', clerk).set('Content-Type', 'image/png').send(PNG);
    expect([nameless.status, nameless.body.errors?.[0]?.field]).toEqual([400, 'name']);
    const missing = await http()
      .post('/api/requests')
      .set('Authorization', clerk)
      .send(letter({ receivedOn: TODAY, scan: { sha256: 'b'.repeat(64), size: 10, mediaType: 'application/pdf', originalName: 'x.pdf' } }));
    expect([missing.status, missing.body.code]).toEqual([400, 'SCAN_NOT_UPLOADED']);
  });

  it('back-entry: a request received in November last year and still open at 31 December is 二 this year and 四 last year', async () => {
    const receivedOn = `${YEAR - 1}-11-18`;
    const plain = await http().post('/api/requests').set('Authorization', clerk).send(letter({ receivedOn }));
    expect([plain.status, plain.body.code]).toEqual([422, 'RECEIPT_TOO_OLD']);
    const backEntered = await http()
      .post('/api/requests')
      .set('Authorization', clerk)
      .send(letter({ receivedOn, channel: 'in_person', backEntryReason: '本单位年中启用系统，补录去年收到的纸质申请' }));
    expect([backEntered.status, backEntered.body.code]).toEqual([201, undefined]);
    const [event] = await store.readStream(`requests.request-${backEntered.body.requestId}`);
    expect(event.data).toMatchObject({
      receivedOn,
      backEntry: { enteredBy: expect.any(String), reason: '本单位年中启用系统，补录去年收到的纸质申请' },
    });

    const table3 = (year: number) =>
      eventually(
        async () => {
          const res = await http().get(`/api/requests/reports/annual/${UNIT}/${year}`).set('Authorization', clerk);
          return res.status === 200 && res.body.table3.new['总计'] + res.body.table3.carried_over['总计'] > 0 ? res.body.table3 : undefined;
        },
        30000,
        `Table 3 of ${year}`,
      );
    const lastYear = await table3(YEAR - 1);
    expect([lastYear.new['自然人'], lastYear.carried_forward['自然人']]).toEqual([1, 1]);
    const thisYear = await table3(YEAR);
    expect(thisYear.carried_over['自然人']).toBe(1);
    // The two requests registered this year are 一; nothing closed: everything is carried forward (一 + 二 = 三 + 四).
    expect(thisYear.carried_forward['自然人']).toBe(thisYear.new['自然人'] + 1);

    const listed = await http().get(`/api/requests?flag=back_entered`).set('Authorization', clerk);
    expect(listed.body.map((r: { requestId: string; backEntered: boolean }) => [r.requestId, r.backEntered])).toEqual([
      [backEntered.body.requestId, true],
    ]);
    const tooOld = await http()
      .post('/api/requests')
      .set('Authorization', clerk)
      .send(letter({ receivedOn: `${YEAR - 2}-12-31`, backEntryReason: '补录前年的申请' }));
    expect([tooOld.status, tooOld.body.code]).toEqual([422, 'BACK_ENTRY_TOO_OLD']);
  });

  it('imports this and last year’s open and closed cases from a spreadsheet: all or nothing, errors by row number, a re-run adds nothing', async () => {
    const head = `Bearer ${await tokenFor('office_head', IMPORTER)}`;
    const sheet = async (rows: string[][]) => {
      const workbook = new ExcelJS.Workbook();
      const ws = workbook.addWorksheet('申请');
      ws.addRow(['收到申请日期', '申请方式', '申请人类型', '申请人', '联系电话', '申请内容', '办理结果', '办结日期']);
      rows.forEach((row) => ws.addRow(row));
      return Buffer.from(await workbook.xlsx.writeBuffer());
    };
    const good = [
      [
        `${YEAR - 1}-03-10`,
        '挂号信/邮政快递',
        '自然人',
        '王秀英',
        '13905321234',
        '申请公开2024年本区学前教育资助发放名单',
        '予以公开',
        `${YEAR - 1}-03-30`,
      ],
      [
        `${YEAR - 1}-11-20`,
        '当面申请',
        '商业企业',
        '台儿庄某校车服务有限公司',
        '0632-6612345',
        '申请公开本区校车服务招标文件和评标结果',
        '',
        '',
      ],
      [
        `${YEAR}-02-03`,
        '平信',
        '自然人',
        '陈建国',
        '13605321111',
        '想了解我孙子所在小学今年的午餐补助标准和发放情况',
        '不予公开：属于国家秘密',
        `${YEAR}-02-25`,
      ],
    ];
    const post = (file: Buffer, query = `unitId=${IMPORTER}&reason=${encodeURIComponent('本局年中启用系统，补录以前收到的申请')}`) =>
      http().post(`/api/requests/import?${query}`).set('Authorization', head).set('Content-Type', XLSX).send(file);

    const before = await store.headPosition();
    const bad = await post(
      await sheet([
        good[0],
        [`${YEAR - 1}-02-30`, '当面申请', '自然人', '李四', '13900000000', '申请公开某某文件的全文', '', ''],
        good[1],
        [`${YEAR}-01-05`, '微信', '个人', '张', '', '短', '予以公开', ''],
      ]),
    );
    expect([bad.status, bad.body.code]).toEqual([400, 'IMPORT_ROWS_INVALID']);
    const badRows = (bad.body.errors as { field: string }[]).map((e) => e.field);
    expect(badRows).toEqual(
      expect.arrayContaining([
        '第3行.收到申请日期',
        '第5行.申请方式',
        '第5行.申请人类型',
        '第5行.申请人',
        '第5行.申请内容',
        '第5行.办结日期',
      ]),
    );
    expect(badRows.some((f) => f.startsWith('第2行') || f.startsWith('第4行'))).toBe(false);
    expect(bad.body.detail).toContain('全部未导入');
    expect(await store.headPosition()).toBe(before);

    const file = await sheet(good);
    const imported = await post(file);
    expect([imported.status, imported.body]).toEqual([200, { rows: 3, registered: 3, outcomesRecorded: 2, open: 1 }]);
    expect(await post(file).then((r) => r.body)).toEqual({ rows: 3, registered: 0, outcomesRecorded: 0, open: 1 });

    const table3 = (year: number, ready: (t: Record<string, Record<string, number>>) => boolean) =>
      eventually(
        async () => {
          const res = await http().get(`/api/requests/reports/annual/${IMPORTER}/${year}`).set('Authorization', head);
          return res.status === 200 && ready(res.body.table3) ? res.body.table3 : undefined;
        },
        30000,
        `Table 3 of ${IMPORTER} ${year}`,
      );
    const last = await table3(YEAR - 1, (t) => t.new['总计'] === 2 && t.disclose['总计'] === 1);
    expect([last.new['自然人'], last.new['商业企业'], last.disclose['自然人'], last.carried_forward['商业企业']]).toEqual([1, 1, 1, 1]);
    const current = await table3(YEAR, (t) => t.new['总计'] === 1 && t['withhold.state_secret']['总计'] === 1);
    expect([current.carried_over['商业企业'], current.carried_forward['商业企业'], current['withhold.state_secret']['自然人']]).toEqual([
      1, 1, 1,
    ]);
    const clerkRefused = await http()
      .post(`/api/requests/import?unitId=${IMPORTER}`)
      .set('Authorization', `Bearer ${await tokenFor('clerk', IMPORTER)}`)
      .set('Content-Type', XLSX)
      .send(file);
    expect(clerkRefused.status).toBe(403);
  });
});
