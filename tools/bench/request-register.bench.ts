/**
 * The request register at district scale (issue 15): 10 years × 60 units of requests in the real
 * read model on FerretDB (MONGODB_URL), read through RequestReads as the console's register and its
 * export do: filters, text, sorting, pages and the export's rows from the projection's in-memory rows
 * (loaded by one scan, timed on its own row), the export streamed as .xlsx.
 *
 * The documents are built as the projection writes them on receipt (and, for closed ones, the reply)
 * and bulk-inserted, so loading takes seconds rather than replaying every event; only the reads are
 * timed. Scale with BENCH_SCALE (requests per unit per year, default 20: 12,000 requests);
 * BENCH_QUERIES (default 10 per query kind).
 */
import { Writable } from 'node:stream';
import mongoose from 'mongoose';
import { APPLICANT_TYPES, REPLY_CATEGORY_CODES, REQUEST_CHANNELS } from '../../libs/contracts/src';
import { RequestReads } from '../../libs/requests/src/application/request-reads';
import type { RegisterQuery } from '../../libs/requests/src/application/request-register';
import type { RequestsSettings } from '../../libs/requests/src/application/settings';
import { startClock } from '../../libs/requests/src/domain/request';
import { RequestsProjection } from '../../libs/requests/src/read-models/requests.projection';
import { defaultWorkingDayCalendar, type LocalDate } from '../../libs/working-days/src';
import type { Principal } from '../../libs/platform/src';
import { progress, settle, type Bench, type BenchOutput } from './harness';

export const PER_UNIT_YEAR = Math.max(2, Math.round(20 * Number(process.env['BENCH_SCALE'] ?? '1')));
const UNITS = 60;
const YEARS = 10;
const QUERIES = Number(process.env['BENCH_QUERIES'] ?? '10');
const TODAY = '2026-12-07' as LocalDate;
const READER = { userId: 'bench', unitId: null, role: 'district_office' } as unknown as Principal;
const WORDS = ['低保', '危房改造', '征收补偿', '招标文件', '学生资助', '环境监测'];

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];

/** One request document as the projection leaves it: open (the last weeks) or replied. */
export function requestDocument(unit: number, year: number, i: number) {
  const calendar = defaultWorkingDayCalendar();
  const unitId = `TEZ-U${String(unit).padStart(2, '0')}`;
  const requestId = `bench-${unit}-${year}-${i}`;
  const open = year === 2026 && i >= PER_UNIT_YEAR - 3;
  const month = open ? 11 + (i % 2) : 1 + (i % 12);
  const receivedOn = `${year}-${String(month).padStart(2, '0')}-${String(1 + (i % 27)).padStart(2, '0')}` as LocalDate;
  const closedOn = open ? null : calendar.addWorkingDays(receivedOn, 5 + (i % 15));
  const category = open ? null : REPLY_CATEGORY_CODES[(unit + i) % REPLY_CATEGORY_CODES.length];
  const streamId = `requests.request-${requestId}`;
  return {
    _id: requestId,
    _applied: { [streamId.replace(/\./g, '~')]: open ? 0 : 4 },
    _version: open ? 1 : 5,
    requestId,
    unitId,
    channel: REQUEST_CHANNELS[(unit + i) % REQUEST_CHANNELS.length],
    receivedOn,
    receiptBasis: '本机关签收之日',
    applicantType: APPLICANT_TYPES[(i * 7 + unit) % APPLICANT_TYPES.length],
    applicant: { type: '自然人', name: `申请人${unit}-${i}`, phone: '13800000000' },
    applicantKey: 'a'.repeat(64),
    trackingCodeHash: 'b'.repeat(64),
    description: `请提供本单位${year}年${WORDS[(unit + i) % WORDS.length]}相关的政府信息（第${i}件）`,
    preferredForm: '电子',
    delivery: '电子邮件',
    possibleRepeatOf: [],
    clockInputs: startClock(receivedOn),
    status: open ? 'registered' : 'replied',
    stageSince: closedOn ?? receivedOn,
    category,
    closedOn,
    reply: closedOn ? { repliedOn: closedOn, legalBasis: '条例第三十六条', withheld: [], workingDaysUsed: 10, onTime: true } : null,
    draft: null,
    correction: null,
    extension: null,
    fee: null,
    consultations: [],
    investigations: [],
    challenges: [],
    information: null,
    handler: { handlerId: `clerk-${unit}`, handlerName: '王芳', assignedOn: receivedOn },
    deliveryRecord: null,
    archive: null,
    history: [],
    updatedAt: `${closedOn ?? receivedOn}T02:00:00.000Z`,
  };
}

/** Writes an export to a sink that only counts its bytes (the whole file is produced); answers its rows. */
async function exported(file: { rows: number; write: (out: Writable) => Promise<void> }): Promise<number> {
  let bytes = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done();
    },
  });
  await file.write(sink);
  if (bytes === 0) throw new Error('the export wrote nothing');
  return file.rows;
}

async function timed(count: number, run: (n: number) => Promise<number>): Promise<{ p50: number; p99: number; max: number; rows: number }> {
  const times: number[] = [];
  let rows = 0;
  for (let n = 0; n < count; n += 1) {
    const start = process.hrtime.bigint();
    rows += await run(n);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  const sorted = times.sort((a, b) => a - b);
  return { p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), max: sorted[sorted.length - 1], rows: rows / count };
}

export const bench: Bench = {
  title: `request register, ${YEARS} years × ${UNITS} units × ${PER_UNIT_YEAR} requests (FerretDB)`,
  async run(): Promise<BenchOutput> {
    const url = process.env['MONGODB_URL'];
    if (!url) throw new Error('MONGODB_URL must point at FerretDB (tools/local-infra/up.sh)');
    const dbName = `bench-requests-${Date.now().toString(36)}`;
    const connection = await mongoose.createConnection(url, { dbName, maxPoolSize: 5 }).asPromise();
    try {
      const projection = new RequestsProjection(connection);
      const total = YEARS * UNITS * PER_UNIT_YEAR;
      progress(`building ${total} request documents`);
      for (let unit = 0; unit < UNITS; unit += 1) {
        const docs = [];
        for (let year = 2017; year < 2017 + YEARS; year += 1)
          for (let i = 0; i < PER_UNIT_YEAR; i += 1) docs.push(requestDocument(unit, year, i));
        await projection.requests.insertMany(docs as never[]);
      }
      const settings = { nearDueDays: 3, stageLimits: {} } as unknown as RequestsSettings;
      const reads = new RequestReads(
        projection,
        settings,
        defaultWorkingDayCalendar(),
        { headOf: async () => ({ version: 0, printedName: '某单位', reconsiderationBody: '台儿庄区人民政府' }) },
        // The bench's applicants are not sealed: revealing them is the identity.
        { revealApplicant: async (view) => view },
      );
      const page = (query: Partial<RegisterQuery>): RegisterQuery => ({ sort: '-receivedOn', page: 1, pageSize: 50, ...query });
      const unitOf = (n: number) => `TEZ-U${String(n % UNITS).padStart(2, '0')}`;
      const kinds: [string, (n: number) => Promise<number>][] = [
        [
          'unit: overdue + 自然人 + this month',
          async (n) =>
            (
              await reads.register(
                unitOf(n),
                page({ flags: ['overdue'], applicantType: '自然人', receivedFrom: '2026-12-01' as LocalDate }),
                TODAY,
              )
            ).rows.length,
        ],
        [
          'unit: category + year, page 1',
          async (n) =>
            (
              await reads.register(
                unitOf(n),
                page({ category: 'disclose', receivedFrom: '2024-01-01' as LocalDate, receivedTo: '2024-12-31' as LocalDate }),
                TODAY,
              )
            ).rows.length,
        ],
        [
          'unit: text 低保, page 3',
          async (n) => (await reads.register(unitOf(n), page({ text: '低保', page: 3, pageSize: 20 }), TODAY)).rows.length,
        ],
        [
          'district: open, by due date',
          async () => (await reads.register(undefined, page({ flags: ['open'], sort: 'dueOn' }), TODAY)).rows.length,
        ],
        [
          'district: text + applicant type, page 10',
          async () =>
            (await reads.register(undefined, page({ text: '危房改造', applicantType: '商业企业', page: 10, pageSize: 20 }), TODAY)).rows
              .length,
        ],
        ['export: unit, all years', async (n) => exported(await reads.exportRegister(unitOf(n), {}, 'receivedOn', TODAY, READER))],
        [
          'export: district, one year',
          async () =>
            exported(
              await reads.exportRegister(
                undefined,
                { receivedFrom: '2025-01-01' as LocalDate, receivedTo: '2025-12-31' as LocalDate },
                'receivedOn',
                TODAY,
                READER,
              ),
            ),
        ],
      ];
      const rows: string[][] = [];
      // The one read of FerretDB: the register's rows, loaded once per process (then kept current by the projection).
      const loadStart = process.hrtime.bigint();
      const loaded = (await projection.registerRows()).length;
      const loadMs = Number(process.hrtime.bigint() - loadStart) / 1e6;
      rows.push([
        'first load of the register rows (once per process)',
        '1',
        String(loaded),
        loadMs.toFixed(1),
        loadMs.toFixed(1),
        loadMs.toFixed(1),
      ]);
      for (const [name, run] of kinds) {
        await run(0);
        settle();
        progress(`timing ${name}`);
        const count = name.startsWith('export: district') ? Math.max(5, Math.round(QUERIES / 6)) : QUERIES;
        const r = await timed(count, run);
        rows.push([name, String(count), r.rows.toFixed(0), r.p50.toFixed(1), r.p99.toFixed(1), r.max.toFixed(1)]);
      }
      return {
        tables: [{ columns: ['query', 'runs', 'rows', 'p50 ms', 'p99 ms', 'max ms'], rows, alignRight: [1, 2, 3, 4, 5] }],
        notes: [
          `${total} requests. Filters, text, sorting, the page and the export's rows all come from the rows the projection keeps in memory (ADR 0006; the first row: the one scan of FerretDB, once per process, then kept current by the batched projection); an export streams its .xlsx (exceljs streaming writer) to a sink that counts the bytes.`,
          'Clock flags (overdue, near due) and the due-date sort read the clock of the open requests only.',
        ],
      };
    } finally {
      await connection.dropDatabase().catch(() => undefined);
      await connection.close();
    }
  },
};
