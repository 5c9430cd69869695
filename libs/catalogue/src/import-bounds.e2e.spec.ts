import { isolatedEnv, removeIsolatedEnv, startServiceProcess, tokenFor, type ServiceProcess } from '@gongkai/platform/testing';
import { XLSX_MIME } from './application/spreadsheet';
import { importWhileProbing, itemEventsIn, largeImportWithLastRowBad, quantile } from './testing/import-load';
import { zipOf } from './testing/large-workbook';

/**
 * Issue 16.5 on a real catalogue service process: an uploaded file is read in the import worker, so
 * the event loop keeps answering while 100,000 rows are parsed and planned; every bound refuses
 * with its code and a message in Chinese, recording nothing. The service allows a file this large
 * here (rows, unpacked and upload limits raised); the defaults refuse it (20,000 rows).
 */
describe('catalogue import: bounded, and the event loop never blocked', () => {
  const ROWS = 100000;
  const UNIT = 'BOUND-TOWN';
  const env = isolatedEnv({
    CATALOGUE_IMPORT_MAX_ROWS: String(ROWS + 1), // the header row too
    CATALOGUE_IMPORT_MAX_UNPACKED_MB: '200',
    CATALOGUE_IMPORT_MAX_UPLOAD_MB: '20',
    CATALOGUE_IMPORT_MAX_SECONDS: '600',
    CATALOGUE_IMPORT_WORKER_HEAP_MB: '2048', // about the event loop here; the heap limit has a test of its own
  });
  let service: ServiceProcess;
  let clerk: string;
  let large: Buffer;
  let bomb: Buffer;

  beforeAll(async () => {
    // The files first: building them keeps this process busy for seconds, and an idle keep-alive
    // connection the service closed meanwhile would be reused by fetch ("other side closed").
    large = await largeImportWithLastRowBad(ROWS);
    // 256 MB of one byte in four parts, about 250 KB compressed; the directory understates every size.
    const part = Buffer.alloc(64 * 1024 * 1024, 0x20);
    bomb = zipOf({ 'xl/workbook.xml': part, 'xl/worksheets/sheet1.xml': part, 'xl/styles.xml': part, 'xl/sharedStrings.xml': part }, 100);
    service = await startServiceProcess('catalogue-service', env, 180000);
    const registered = await fetch(`${service.url}/api/catalogue/units`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await tokenFor('district_office')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ unitId: UNIT, name: '泥沟镇人民政府', level: '乡级', kind: 'town' }),
    });
    expect(registered.status).toBe(201);
    clerk = await tokenFor('clerk', UNIT);
  }, 240000);

  afterAll(async () => {
    await service?.stop();
    await removeIsolatedEnv(env);
  });

  it(`keeps answering the health probe while a ${ROWS.toLocaleString('en-US')}-row file is imported`, async () => {
    const file = large;
    const run = await importWhileProbing(service.url, UNIT, clerk, file);
    process.stdout.write(
      `[import] ${ROWS} rows, ${(file.length / 1024 / 1024).toFixed(1)} MB: answered ${run.status} ${run.body.code} after ${Math.round(run.importMs)} ms; ` +
        `${run.probesDuring} health probes answered meanwhile (p50 ${quantile(run.latencies, 0.5).toFixed(1)} ms, p99 ${quantile(run.latencies, 0.99).toFixed(1)} ms, max ${run.latencies.at(-1)?.toFixed(1)} ms)\n`,
    );
    // Read to the end and planned: the one bad row, the last, is named; nothing is recorded.
    expect(run.status).toBe(400);
    expect(run.body.code).toBe('SPREADSHEET_INVALID');
    expect(run.body.detail).toContain(`电子表格有 1 行存在问题，未导入任何内容：第 ${ROWS + 1} 行`);
    expect(itemEventsIn(env.EVENT_STORE_URL)).toBe(0);
    // The event loop was free throughout: the probe, asked one request at a time, was answered
    // again and again before the import's answer arrived (a blocked loop answers none meanwhile).
    expect(run.probesDuring).toBeGreaterThanOrEqual(20);
  }, 600000);

  it('refuses a zip bomb as soon as its unpacked bytes pass the limit, in Chinese, recording nothing', async () => {
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const sent = performance.now();
    const response = await fetch(`${service.url}/api/catalogue/units/${UNIT}/items/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${clerk}`, 'content-type': XLSX_MIME },
      body: bomb,
    });
    const body = (await response.json()) as { code: string; detail: string };
    process.stdout.write(
      `[import] zip bomb of ${bomb.length} bytes: answered ${response.status} ${body.code} after ${Math.round(performance.now() - sent)} ms\n`,
    );
    expect(response.status).toBe(413);
    expect(body).toMatchObject({
      code: 'FILE_UNPACKED_TOO_LARGE',
      detail: expect.stringContaining('解压后超过 200MB 的上限，未导入任何内容'),
    });
    expect(itemEventsIn(env.EVENT_STORE_URL)).toBe(0);
  }, 120000);

  it('refuses an upload past the compressed-size limit before reading it', async () => {
    const response = await fetch(`${service.url}/api/catalogue/units/${UNIT}/items/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${clerk}`, 'content-type': XLSX_MIME },
      body: Buffer.alloc(21 * 1024 * 1024, 1),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', detail: expect.stringContaining('上限 20MB') });
  }, 120000);
});
