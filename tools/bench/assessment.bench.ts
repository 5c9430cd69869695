/**
 * Assessment scoring: 60 units × one year of realistic fact volume, scored under a 14-indicator
 * scheme. Two measurements:
 * - pure:     `scoreUnits` over the facts in memory (the rule itself: metrics, bands, ranking, explanations);
 * - endpoint: what `GET /api/assessment/schemes/:id/scores` does — take the facts (`AssessmentFactsProjection.inputs`:
 *             in memory, refreshed with what FerretDB got since), score, hash the inputs; and the cold
 *             path (every fact read from FerretDB, as after a start or for the auditors' verification).
 *             Runs only when MONGODB_URL is set (as `npm run bench` does with the local infrastructure).
 * Volume per unit per year (a district department or town, from the district's annual reports'
 * order of magnitude): 40 requests received and 40 replied, 30 documents issued and 30 published,
 * 10 interpretations, 5 concern responses, 2 consultations, 2 open days, 15 catalogue items
 * published + 5 revised, 5 negative-list entries (drafted, published, reviewed); plus 10 towns with
 * 20 villages each posting quarterly and monthly (16 a year). Target: < 2 s for the (warm) endpoint path.
 */
import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import type { EventEnvelope, IndicatorNode } from '../../libs/contracts/src';
import { inputsHashOf } from '../../libs/assessment/src/application/scoring.service';
import { factFromEvent, type Fact } from '../../libs/assessment/src/domain/facts';
import { SAMPLE_INDICATORS, SAMPLE_RULES } from '../../libs/assessment/src/domain/fixtures';
import { pointsOf, type SchemeVersion } from '../../libs/assessment/src/domain/scheme';
import { scoreUnits } from '../../libs/assessment/src/domain/scoring';
import { AssessmentFactsProjection } from '../../libs/assessment/src/read-models/facts.projection';
import { progress, settle, timeNs, type Bench, type BenchOutput } from './harness';

const UNITS = 60;
const TOWNS = 10;
const YEAR = 2026;
const TARGET_MS = 2000;
const RUNS = 5;

const indicators: IndicatorNode[] = [
  ...SAMPLE_INDICATORS,
  {
    id: 'extra',
    name: '其他',
    kind: 'group',
    children: [
      {
        id: 'extra.village',
        name: '村(居)务公开',
        kind: 'computed',
        points: 5,
        metric: 'village_posting_on_time_rate',
        bands: [
          { atLeast: 95, points: 5 },
          { atLeast: 80, points: 3 },
        ],
        whenNoData: 'full',
      },
      {
        id: 'extra.proactive',
        name: '主动公开占比',
        kind: 'computed',
        points: 5,
        metric: 'proactive_disclosure_share',
        bands: [
          { atLeast: 80, points: 5 },
          { atLeast: 60, points: 3 },
        ],
        whenNoData: 'full',
      },
    ],
  },
];
const scheme: SchemeVersion = {
  version: 1,
  title: 'bench',
  opennessWeightPercent: 5,
  totalPoints: indicators.reduce((s, n) => s + pointsOf(n), 0),
  indicators,
  rules: SAMPLE_RULES,
  assessedUnitKinds: ['town', 'subdistrict', 'department'],
  reason: null,
};

function yearOfFacts(): Fact[] {
  const facts: Fact[] = [];
  let position = 0;
  const recordedAt = '2026-12-01T00:00:00.000Z';
  const add = (streamId: string, type: string, data: Record<string, unknown>) => {
    position += 1;
    const envelope: EventEnvelope = {
      eventId: randomUUID(),
      type,
      schemaVersion: 1,
      streamId,
      streamRevision: 0,
      globalPosition: position,
      recordedAt,
      occurredAt: recordedAt,
      actor: { userId: 'bench', unitId: null, role: 'system' },
      correlationId: 'bench',
      causationId: null,
      data,
      prevHash: '0'.repeat(64),
      hash: '0'.repeat(64),
    };
    facts.push(factFromEvent(envelope) as Fact);
  };
  const day = (i: number) => `${YEAR}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`;
  for (let u = 0; u < UNITS; u += 1) {
    const unitId = `BENCH-U${String(u).padStart(3, '0')}`;
    const town = u < TOWNS;
    add(`catalogue.unit-${unitId}`, 'catalogue.UnitRegistered', {
      unitId,
      name: `单位${u}`,
      level: town ? '乡级' : '县级',
      kind: town ? 'town' : 'department',
    });
    if (u % 7 !== 0)
      add(`catalogue.unit-${unitId}`, 'catalogue.UnitOpennessOfficeDesignated', { unitId, office: '办公室', officerName: '张三' });
    add(`catalogue.unit-${unitId}`, 'catalogue.UnitResponsibleDomainsAssigned', {
      unitId,
      domainCodes: ['social-assistance', 'health', 'employment'],
    });
    for (let i = 0; i < 15; i += 1)
      add(`catalogue.item-${unitId}-${i}`, 'catalogue.ItemPublished', {
        itemId: `I${i}`,
        unitId,
        version: 1,
        domainCode: ['social-assistance', 'health', 'employment', 'tax'][i % 4],
        publishedAt: day(i),
      });
    for (let i = 0; i < 5; i += 1)
      add(`catalogue.item-${unitId}-${i}`, 'catalogue.ItemRevised', {
        itemId: `I${i}`,
        unitId,
        version: 2,
        domainCode: ['social-assistance', 'health', 'employment', 'tax'][i % 4],
        publishedAt: day(i + 3),
      });
    for (let i = 0; i < 5; i += 1) {
      const entry = { entryId: `N${i}`, ownerUnitId: unitId };
      add(`catalogue.negative-${unitId}-${i}`, 'catalogue.NegativeEntryDrafted', {
        ...entry,
        content: { matter: '个人隐私', lastReviewedOn: '2025-06-01' },
      });
      add(`catalogue.negative-${unitId}-${i}`, 'catalogue.NegativeEntryPublished', { ...entry, publishedAt: '2025-06-02' });
      if ((u + i) % 3 !== 0) add(`catalogue.negative-${unitId}-${i}`, 'catalogue.NegativeEntryReviewed', { ...entry, reviewedOn: day(i) });
    }
    for (let i = 0; i < 30; i += 1) {
      add(`document-attributes.document-${unitId}-${i}`, 'document-attributes.DocumentIssued', {
        documentId: `${unitId}-D${i}`,
        unitId,
        title: '文件',
        documentNumber: '台政发〔2026〕1号',
        attribute: i % 5 === 0 ? '依申请公开' : '主动公开',
        issuedOn: day(i),
        publicationDueOn: null,
      });
      add(`document-attributes.document-${unitId}-${i}`, 'document-attributes.PublicationRecorded', {
        documentId: `${unitId}-D${i}`,
        unitId,
        channel: '政府网站',
        publishedOn: day(i + 1),
        late: (u + i) % 11 === 0,
      });
    }
    if (u % 5 !== 0)
      add(`document-attributes.review-${unitId}`, 'document-attributes.UnitYearlyReviewCompleted', {
        year: YEAR,
        unitId,
        tasks: 3,
        kept: 2,
        released: 1,
        completedOn: day(2),
        onTime: u % 4 !== 0,
      });
    for (let i = 0; i < 40; i += 1) {
      add(`requests.request-${unitId}-${i}`, 'requests.RequestReceived', {
        requestId: `${unitId}-R${i}`,
        unitId,
        channel: 'online',
        receivedOn: day(i),
      });
      add(`requests.request-${unitId}-${i}`, 'requests.ReplyIssued', {
        requestId: `${unitId}-R${i}`,
        unitId,
        category: 'disclose',
        repliedOn: day(i + 1),
        workingDaysUsed: 10,
        onTime: (u * 3 + i) % 17 !== 0,
      });
    }
    for (let i = 0; i < 10; i += 1)
      add(`interpretation.obligation-${unitId}-${i}`, 'interpretation.InterpretationPublished', {
        documentId: `${unitId}-P${i}`,
        unitId,
        publishedOn: day(i),
        dueOn: day(i),
        late: (u + i) % 9 === 0,
        workingDaysLate: 0,
      });
    for (let i = 0; i < 5; i += 1)
      add(`interpretation.concern-${unitId}-${i}`, 'interpretation.ConcernResponsePublished', {
        concernId: `${unitId}-C${i}`,
        unitId,
        severity: 'hot_issue',
        kind: 'response',
        publishedAt: `${day(i)}T02:00:00.000Z`,
        hoursTaken: 10,
        onTime: (u + i) % 6 !== 0,
      });
    for (let i = 0; i < 2; i += 1)
      add(`interpretation.consultation-${unitId}-${i}`, 'interpretation.ConsultationOpened', {
        consultationId: `${unitId}-K${i}`,
        unitId,
        title: '征求意见',
        kind: 'major_decision',
        opensOn: day(i),
        closesOn: day(i + 1),
      });
    for (let i = 0; i < 2; i += 1)
      add(`interpretation.open-day-${unitId}-${i}`, 'interpretation.OpenDaySummaryPublished', {
        openDayId: `${unitId}-O${i}`,
        unitId,
        heldOn: day(i * 5),
        year: YEAR,
        attendance: 30,
      });
    if (town) {
      for (let v = 0; v < 20; v += 1) {
        for (let p = 0; p < 16; p += 1)
          add(`interpretation.village-${unitId}-${v}`, 'interpretation.VillagePostingRecorded', {
            committeeId: `${unitId}-V${v}`,
            townUnitId: unitId,
            postingId: `${v}-${p}`,
            category: p < 4 ? 'ordinary' : 'finances',
            title: '公开',
            period: '2026-Q1',
            postedOn: day(p),
            dueOn: day(p),
            late: (v + p) % 13 === 0,
            daysLate: 0,
          });
      }
    }
  }
  add('assessment.training-T1', 'assessment.TrainingRecorded', {
    trainingId: 'T1',
    title: '集中培训',
    heldOn: `${YEAR}-04-10`,
    concentrated: true,
    organiserUnitId: 'TEZ-GOV-OFFICE',
    participants: Array.from({ length: 50 }, (_, u) => ({ unitId: `BENCH-U${String(u).padStart(3, '0')}`, count: 1 })),
  });
  return facts;
}

const ms = (ns: bigint) => Number(ns) / 1e6;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export const bench: Bench = {
  title: 'assessment scoring, 60 units × one year',
  async run(): Promise<BenchOutput> {
    const facts = yearOfFacts();
    const asOf = '2026-12-31T15:59:59.999Z';
    const rows: string[][] = [];
    const notes: string[] = [
      `volume: ${facts.length.toLocaleString('en-US')} facts (events) for ${UNITS} units in ${YEAR}; scheme of ${indicators.length} top-level nodes; median of ${RUNS} runs.`,
    ];

    progress('pure scoring');
    const pure: number[] = [];
    let units = 0;
    for (let i = 0; i < RUNS; i += 1) {
      settle();
      pure.push(
        ms(
          await timeNs(() => void (units = scoreUnits({ schemeId: 'B', year: YEAR, scheme, facts, manualScores: [], asOf }).units.length)),
        ),
      );
    }
    rows.push([
      'scoreUnits (in memory)',
      String(units),
      median(pure).toFixed(0),
      `${(median(pure) / TARGET_MS).toFixed(2)}x of the 2 s target`,
    ]);

    const url = process.env['MONGODB_URL'];
    if (url) {
      progress('loading facts into FerretDB (untimed)');
      const connection = await mongoose.createConnection(url, { dbName: `bench-assessment-${Date.now()}` }).asPromise();
      try {
        const projection = new AssessmentFactsProjection(connection);
        const docs = facts.map((f) => ({
          _id: f.eventId,
          ...f,
          projectedAt: '2026-12-01T00:00:00.000Z',
          _applied: { [f.streamId.replace(/\./g, '~')]: 0 },
          _version: 1,
        }));
        for (let i = 0; i < docs.length; i += 2000) await connection.collection('facts').insertMany(docs.slice(i, i + 2000) as never[]);
        await projection.ensureIndexes();
        progress('endpoint path, cold (first request after start: every fact read from FerretDB)');
        const cold = ms(
          await timeNs(async () => {
            const sheet = scoreUnits({
              schemeId: 'B',
              year: YEAR,
              scheme,
              facts: await projection.inputs(asOf, `${YEAR}-12-31`, { fresh: true }),
              manualScores: [],
              asOf,
            });
            inputsHashOf(sheet);
          }),
        );
        rows.push([
          'cold: read all facts from FerretDB + score + hash',
          String(units),
          cold.toFixed(0),
          `${(cold / TARGET_MS).toFixed(2)}x of the 2 s target`,
        ]);
        await projection.cached();
        progress('endpoint path, warm (in-memory facts, refresh of what was written since)');
        const endpoint: number[] = [];
        for (let i = 0; i < RUNS; i += 1) {
          settle();
          endpoint.push(
            ms(
              await timeNs(async () => {
                const loaded = await projection.inputs(asOf, `${YEAR}-12-31`);
                const sheet = scoreUnits({ schemeId: 'B', year: YEAR, scheme, facts: loaded, manualScores: [], asOf });
                inputsHashOf(sheet);
                units = sheet.units.length;
              }),
            ),
          );
        }
        rows.push([
          'warm: refresh from FerretDB + score + hash (the scores endpoint)',
          String(units),
          median(endpoint).toFixed(0),
          `${(median(endpoint) / TARGET_MS).toFixed(2)}x of the 2 s target`,
        ]);
        notes.push(median(endpoint) < TARGET_MS ? 'verdict: within the 2 s target.' : 'verdict: OVER the 2 s target.');
      } finally {
        await connection.dropDatabase().catch(() => undefined);
        await connection.close();
      }
    } else {
      notes.push('MONGODB_URL not set: the endpoint path (FerretDB) was not measured.');
    }
    return { tables: [{ columns: ['what', 'units', 'median ms', 'vs target'], rows, alignRight: [1, 2] }], notes };
  },
};
