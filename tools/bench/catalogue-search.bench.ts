/**
 * Portal search latency of the catalogue (issue 3): 60 units × 300 published items in the real
 * read model on FerretDB (MONGODB_URL), queried through CatalogueItemsProjection.search — jieba
 * segmentation of the query, the `tokens` index, ranking in code — as the portal route does.
 *
 * The documents are built with the projection's own pure transform (applyItemEvent) from synthetic
 * ItemDrafted + ItemPublished envelopes and bulk-inserted, so loading takes seconds rather than
 * replaying 36k events through the projection; what is timed is only the search.
 * Target: p99 < 50 ms. Scale with BENCH_SCALE (items per unit); BENCH_QUERIES (default 400).
 */
import mongoose from 'mongoose';
import { v7 as uuidv7 } from 'uuid';
import { PILOT_DOMAINS, type EventEnvelope, type ItemContent } from '../../libs/contracts/src';
import { applyItemEvent, CatalogueItemsProjection } from '../../libs/catalogue/src/read-models/items.projection';
import { SAMPLE_GUIDELINE_ITEMS } from '../../libs/catalogue/src/domain/sample-guidelines';
import { progress, quantile, settle, type Bench, type BenchOutput } from './harness';

const SCALE = Number(process.env['BENCH_SCALE'] ?? '1');
const UNITS = 60;
const ITEMS_PER_UNIT = Math.max(10, Math.round(300 * SCALE));
const QUERIES = Number(process.env['BENCH_QUERIES'] ?? '400');
const TARGET_P99_MS = 50;

const SUBJECTS = [
  '政策文件',
  '办事指南',
  '申请条件',
  '审批结果',
  '资金发放',
  '监督检查',
  '收费标准',
  '服务网点',
  '咨询电话',
  '年度报告',
  '工作动态',
  '统计数据',
];
const QUERY_WORDS = [
  '资助',
  '最低生活保障',
  '养老机构',
  '财政预算',
  '招生入学',
  '临时救助',
  '高龄津贴',
  '监督检查结果',
  '学生资助名单',
  '资金发放情况',
  '三公经费',
  '不存在的词语',
];

function envelope(type: string, streamId: string, revision: number, data: Record<string, unknown>, at: string): EventEnvelope {
  return {
    eventId: uuidv7(),
    type,
    schemaVersion: 1,
    streamId,
    streamRevision: revision,
    recordedAt: at,
    occurredAt: at,
    actor: { userId: 'bench', unitId: data.unitId as string, role: 'clerk' },
    correlationId: 'bench',
    causationId: null,
    data,
    prevHash: '0'.repeat(64),
    hash: '0'.repeat(64),
  } as EventEnvelope;
}

function content(unit: number, i: number): ItemContent {
  const guideline = SAMPLE_GUIDELINE_ITEMS[(unit + i) % SAMPLE_GUIDELINE_ITEMS.length];
  const domain = PILOT_DOMAINS[(unit * 7 + i) % PILOT_DOMAINS.length];
  const subject = SUBJECTS[i % SUBJECTS.length];
  return {
    domainCode: domain.code,
    firstLevel: `${guideline.firstLevel}`,
    secondLevel: `${guideline.secondLevel}${subject}（第${i}项）`,
    content: `${domain.name}领域${subject}：${guideline.secondLevel}的依据、条件、程序和结果`,
    legalBases: [{ law: '中华人民共和国政府信息公开条例', article: '第二十条' }],
    timeLimit: { text: '信息形成或者变更之日起20个工作日内', rule: { kind: 'working_days_after_formation', days: 20 } },
    subject: `第${unit}单位`,
    method: '主动',
    channels: [{ channel: '政府网站' }],
    audience: { kind: '全社会' },
    level: unit % 3 === 0 ? '县级' : '乡级',
  };
}

/** A unit's items as their events: each drafted, then published (version 1), at one instant. */
export function publishedItemEvents(
  unit: number,
  perUnit: number,
): { itemId: string; streamId: string; events: [EventEnvelope, EventEnvelope] }[] {
  const at = '2024-01-02T02:00:00.000Z';
  const items = [];
  for (let i = 0; i < perUnit; i += 1) {
    const itemId = `bench-${unit}-${i}`;
    const unitId = `TEZ-U${unit}`;
    const streamId = `catalogue.item-${itemId}`;
    const c = content(unit, i);
    const drafted = envelope('catalogue.ItemDrafted', streamId, 0, { itemId, unitId, content: c }, at);
    const published = envelope(
      'catalogue.ItemPublished',
      streamId,
      1,
      { itemId, unitId, version: 1, domainCode: c.domainCode, guidelineItemCode: null, publishedAt: at, content: c },
      at,
    );
    items.push({ itemId, streamId, events: [drafted, published] as [EventEnvelope, EventEnvelope] });
  }
  return items;
}

/** A unit's published items as the items read model stores them (built with its own pure transform), ready for insertMany. */
export function publishedItemDocuments(unit: number, perUnit: number): Record<string, unknown>[] {
  return publishedItemEvents(unit, perUnit).map(({ itemId, streamId, events: [drafted, published] }) => ({
    ...applyItemEvent(applyItemEvent(null, drafted), published),
    _id: itemId,
    _applied: { [streamId.replace(/\./g, '~')]: 1 },
    _version: 2,
  }));
}

export const bench: Bench = {
  title: `catalogue portal search, ${UNITS} units × ${ITEMS_PER_UNIT} items (FerretDB)`,
  async run(): Promise<BenchOutput> {
    const url = process.env['MONGODB_URL'];
    if (!url) throw new Error('MONGODB_URL must point at FerretDB (tools/local-infra/up.sh)');
    const dbName = `bench-catalogue-${Date.now().toString(36)}`;
    const connection = await mongoose.createConnection(url, { dbName, maxPoolSize: 5 }).asPromise();
    try {
      const projection = new CatalogueItemsProjection(connection);
      await projection.ensureIndexes();
      const collection = connection.collection('items');
      progress(`building ${UNITS * ITEMS_PER_UNIT} item documents`);
      for (let unit = 0; unit < UNITS; unit += 1) await collection.insertMany(publishedItemDocuments(unit, ITEMS_PER_UNIT) as never[]);
      progress('warming up (the first search loads the in-memory index from FerretDB)');
      const coldStart = process.hrtime.bigint();
      await projection.search(QUERY_WORDS[0]);
      const coldMs = Number(process.hrtime.bigint() - coldStart) / 1e6;
      for (const word of QUERY_WORDS) await projection.search(word);
      settle();
      progress(`timing ${QUERIES} searches`);
      const times: number[] = [];
      let hits = 0;
      for (let q = 0; q < QUERIES; q += 1) {
        const start = process.hrtime.bigint();
        const result = await projection.search(QUERY_WORDS[q % QUERY_WORDS.length], 20);
        times.push(Number(process.hrtime.bigint() - start) / 1e6);
        hits += result.length;
      }
      const sorted = [...times].sort((a, b) => a - b);
      const p50 = quantile(sorted, 0.5);
      const p99 = quantile(sorted, 0.99);
      return {
        tables: [
          {
            columns: ['items', 'queries', 'p50 ms', 'p99 ms', 'max ms', 'target p99 ms', 'mean hits'],
            rows: [
              [
                String(UNITS * ITEMS_PER_UNIT),
                String(QUERIES),
                p50.toFixed(1),
                p99.toFixed(1),
                sorted[sorted.length - 1].toFixed(1),
                String(TARGET_P99_MS),
                (hits / QUERIES).toFixed(1),
              ],
            ],
            alignRight: [0, 1, 2, 3, 4, 5, 6],
          },
        ],
        notes: [
          `First search after start (loads the index of ${UNITS * ITEMS_PER_UNIT} items from FerretDB): ${coldMs.toFixed(0)} ms, not counted above.`,
          p99 < TARGET_P99_MS
            ? `p99 ${p99.toFixed(1)} ms is within the ${TARGET_P99_MS} ms target.`
            : `p99 ${p99.toFixed(1)} ms MISSES the ${TARGET_P99_MS} ms target.`,
        ],
      };
    } finally {
      await connection.dropDatabase().catch(() => undefined);
      await connection.close();
    }
  },
};
