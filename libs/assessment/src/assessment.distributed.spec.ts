import ExcelJS from 'exceljs';
import mongoose from 'mongoose';
import { PlatformCollections, rebuildProjection, SqliteEventStore } from '@gongkai/platform';
import { eventually, isolatedEnv, startServiceProcess, tokenFor, type ServiceProcess } from '@gongkai/platform/testing';
import { SAMPLE_INDICATORS, SAMPLE_RULES } from './domain/fixtures';
import { AssessmentFactsProjection } from './read-models/facts.projection';
import { SCENARIO_EXPECTED, SCENARIO_MANUAL_SCORES, SCENARIO_TRAINING, SCENARIO_YEAR, scenarioEvents } from './testing/year-scenario';

interface RankingBody {
  units: { unitId: string; total: number; rank: number; indicators: { indicatorId: string; kind: string; points: number }[] }[];
  commended: string[];
  rectify: string[];
  criticised: string[];
  inputsHash: string;
}

/**
 * Over real Kafka and FerretDB, separate processes: a year of the other services' events for three
 * units (year-scenario.ts, with the hand-worked expected scores) is appended to the shared store as
 * those services would, and their own processes' relays publish it; the assessment process builds
 * its facts from Kafka and scores them.
 */
describe('assessment service, distributed (separate processes over Kafka)', () => {
  const services: ServiceProcess[] = [];
  let env: Record<string, string>;
  let assessment: ServiceProcess;

  beforeAll(async () => {
    env = isolatedEnv();
    // The producing services run for their relays (each relays only its own streams to its topic).
    assessment = await startServiceProcess('assessment-service', env, 90000);
    services.push(assessment);
    for (const app of ['catalogue-service', 'document-attributes-service', 'requests-service', 'interpretation-service']) {
      services.push(await startServiceProcess(app, env, 90000));
    }
  }, 400000);

  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop()));
  });

  const call = async (path: string, token: string, body?: unknown, method = body ? 'POST' : 'GET') =>
    fetch(`${assessment.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: body ? JSON.stringify(body) : undefined,
    });

  it('scores three units from a year of events: indicators, totals, ranking, lists, explanations, freezing and replay', async () => {
    const office = await tokenFor('district_office', 'TEZ-GOV-OFFICE');
    const auditor = await tokenFor('auditor');
    const clerkNhz = await tokenFor('clerk', 'TEZ-NHZ');

    // The other services' events, written as they would write them.
    const store = new SqliteEventStore(env.EVENT_STORE_URL.replace(/^sqlite:/, ''));
    const events = scenarioEvents();
    for (const event of events) {
      const { streamId, ...rest } = event;
      await store.append(
        streamId,
        [{ eventId: crypto.randomUUID(), schemaVersion: 1, correlationId: 'scenario', causationId: null, ...rest }],
        'any',
      );
    }
    await store.close();

    // The district office: the scheme (3.9% refused, 5% published), the training, the manual scores.
    const scheme = {
      schemeId: 'KH-2026',
      year: SCENARIO_YEAR,
      title: '2026年度政务公开工作考核方案',
      indicators: SAMPLE_INDICATORS,
      rules: SAMPLE_RULES,
    };
    const refused = await call('/api/assessment/schemes', office, { ...scheme, opennessWeightPercent: 3.9 });
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({
      code: 'OPENNESS_WEIGHT_BELOW_MINIMUM',
      detail: expect.stringContaining('政务公开工作纳入考核体系，分值权重不低于4%'),
    });
    expect((await call('/api/assessment/schemes', office, { ...scheme, opennessWeightPercent: 5 })).status).toBe(201);
    expect((await call('/api/assessment/trainings', office, SCENARIO_TRAINING)).status).toBe(201);
    for (const unitId of SCENARIO_EXPECTED.ranking) {
      await eventually(
        async () => ((await call(`/api/assessment/units/${unitId}`, office)).ok ? true : undefined),
        90000,
        `unit ${unitId} to arrive from the catalogue topic`,
      );
    }
    const noReason = await call('/api/assessment/schemes/KH-2026/manual-scores', office, { ...SCENARIO_MANUAL_SCORES[0], reason: '' });
    expect(noReason.status).toBe(400);
    expect(await noReason.json()).toMatchObject({ code: 'REASON_REQUIRED' });
    for (const score of SCENARIO_MANUAL_SCORES)
      expect((await call('/api/assessment/schemes/KH-2026/manual-scores', office, score)).status).toBe(201);

    // Scores, once every fact has come over Kafka.
    const ranking = await eventually(
      async () => {
        const body = (await (await call('/api/assessment/schemes/KH-2026/scores', office)).json()) as RankingBody;
        const totals = Object.fromEntries((body.units ?? []).map((u) => [u.unitId, u.total]));
        return JSON.stringify(totals) ===
          JSON.stringify(Object.fromEntries(SCENARIO_EXPECTED.ranking.map((id) => [id, SCENARIO_EXPECTED.totals[id]])))
          ? body
          : undefined;
      },
      120000,
      'the hand-worked totals',
    );
    for (const unit of ranking.units) {
      const leaves = Object.fromEntries(unit.indicators.filter((i) => i.kind !== 'group').map((i) => [i.indicatorId, i.points]));
      expect([unit.unitId, leaves]).toEqual([unit.unitId, SCENARIO_EXPECTED.indicators[unit.unitId]]);
    }
    expect(ranking.units.map((u) => [u.unitId, u.rank])).toEqual([
      ['TEZ-ZSZ', 1],
      ['TEZ-NHZ', 2],
      ['TEZ-EDU', 3],
    ]);
    expect(ranking).toMatchObject({ commended: ['TEZ-ZSZ'], rectify: ['TEZ-NHZ', 'TEZ-EDU'], criticised: ['TEZ-EDU'] });

    // Explainability: one unit, one indicator → facts with event ids → the auditor reads each event.
    const explained = (await (await call('/api/assessment/schemes/KH-2026/scores/TEZ-NHZ/indicators/requests.ontime', auditor)).json()) as {
      points: number;
      value: number;
      facts: { eventId: string; type: string }[];
      shortfalls: { eventId: string }[];
    };
    expect(explained).toMatchObject({ points: 15, value: 90 });
    expect(explained.facts).toHaveLength(10);
    expect(explained.shortfalls).toHaveLength(1);
    for (const fact of explained.facts) {
      const response = await call(`/api/assessment/events/${fact.eventId}`, auditor);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({
        event: {
          eventId: fact.eventId,
          type: 'requests.ReplyIssued',
          data: { unitId: 'TEZ-NHZ' },
          hash: expect.stringMatching(/^[0-9a-f]{64}$/),
        },
      });
    }
    expect((await call(`/api/assessment/events/${explained.facts[0].eventId}`, clerkNhz)).status).toBe(403);

    // Live view for a unit's own staff, and not for another unit's.
    const live = (await (await call('/api/assessment/live/TEZ-NHZ', clerkNhz)).json()) as {
      total: number;
      losing: { indicatorId: string; lost: number }[];
    };
    expect(live.total).toBe(63);
    // Losing 37 points: training 5, requests 5, interpretation 5, catalogue 5, negative list 5, timely 4, review 3, quality 3, open day 2.
    expect(live.losing.map((l) => [l.indicatorId, l.lost])).toEqual([
      ['org.training', 5],
      ['disclosure.catalogue', 5],
      ['disclosure.negative', 5],
      ['requests.ontime', 5],
      ['interaction.interpretation', 5],
      ['disclosure.timely', 4],
      ['disclosure.review', 3],
      ['quality', 3],
      ['interaction.openday', 2],
    ]);
    expect((await call('/api/assessment/live/TEZ-ZSZ', clerkNhz)).status).toBe(403);

    // As of yesterday nothing had been recorded yet.
    const yesterday = new Date(Date.now() - 86400000 * 2).toISOString().slice(0, 10);
    expect(((await (await call(`/api/assessment/schemes/KH-2026/scores?asOf=${yesterday}`, office)).json()) as RankingBody).units).toEqual(
      [],
    );

    // Exports.
    const xlsx = await call('/api/assessment/schemes/KH-2026/export.xlsx', office);
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never);
    expect(workbook.getWorksheet('考核排名')?.getRow(2).values).toEqual(
      expect.arrayContaining([1, 'TEZ-ZSZ', '张山子镇人民政府', 99, '通报表扬']),
    );
    const notice = await (await call('/api/assessment/schemes/KH-2026/notices/TEZ-EDU', office)).text();
    expect(notice).toContain('通报批评');
    expect(notice).toContain('得分27分');
    const docx = await call('/api/assessment/schemes/KH-2026/notices/TEZ-EDU?format=docx', office);
    expect(docx.status).toBe(200);
    expect(
      Buffer.from(await docx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');

    // Freeze; a frozen score cannot change.
    const frozen = await call('/api/assessment/schemes/KH-2026/freeze', office, { reason: '年度考核结果' });
    expect(frozen.status).toBe(201);
    const frozenBody = (await frozen.json()) as { frozen: { inputsHash: string; results: { unitId: string; total: number }[] } };
    expect(frozenBody.frozen.results.map((r) => [r.unitId, r.total])).toEqual([
      ['TEZ-ZSZ', 99],
      ['TEZ-NHZ', 63],
      ['TEZ-EDU', 27],
    ]);
    expect((await call('/api/assessment/schemes/KH-2026/manual-scores', office, SCENARIO_MANUAL_SCORES[0])).status).toBe(409);
    expect((await call('/api/assessment/schemes', office, { ...scheme, opennessWeightPercent: 6, reason: '改权重' })).status).toBe(422);

    // Replay every fact from the store (rebuildProjection), then recompute the frozen score.
    const assessmentDb = await mongoose.createConnection(env.MONGODB_URL, { dbName: `${env.MONGODB_DB_PREFIX}-assessment` }).asPromise();
    const platformDb = await mongoose.createConnection(env.MONGODB_URL, { dbName: `${env.MONGODB_DB_PREFIX}-platform` }).asPromise();
    const replayStore = new SqliteEventStore(env.EVENT_STORE_URL.replace(/^sqlite:/, ''));
    try {
      const report = await rebuildProjection(
        replayStore,
        new AssessmentFactsProjection(assessmentDb),
        assessmentDb,
        new PlatformCollections(platformDb),
      );
      expect(report.applied).toBeGreaterThanOrEqual(events.length + 1);
    } finally {
      await replayStore.close();
      await assessmentDb.close();
      await platformDb.close();
    }
    const verified = (await (await call('/api/assessment/schemes/KH-2026/frozen/verify', auditor)).json()) as {
      identical: boolean;
      differences: string[];
      recomputed: { inputsHash: string };
    };
    expect(verified.differences).toEqual([]);
    expect(verified).toMatchObject({ identical: true, recomputed: { inputsHash: frozenBody.frozen.inputsHash } });
  }, 400000);
});
