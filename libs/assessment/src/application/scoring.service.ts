import { createHash } from 'node:crypto';
import type { ManualScoreRecorded, ScoresFrozen } from '@gongkai/contracts';
import { asTyped, canonicalJson, CommandHandler, DomainError, type TypedEnvelope } from '@gongkai/platform';
import { evaluationStreamId, type SchemeRef } from '../domain/evaluation';
import { evaluationDecider } from '../domain/evaluation.decide';
import { schemeStreamId, type SchemeState } from '../domain/scheme';
import { schemeDecider } from '../domain/scheme.decide';
import { scoreUnits, type ManualScoreInput, type ScoreSheet } from '../domain/scoring';
import type { AssessmentFactsProjection } from '../read-models/facts.projection';

export type ScoredSheet = ScoreSheet & { inputsHash: string };

type EvaluationEnvelope =
  TypedEnvelope<'assessment.ManualScoreRecorded', ManualScoreRecorded> | TypedEnvelope<'assessment.ScoresFrozen', ScoresFrozen>;

/**
 * `2026-12-31` → the end of that day in Asia/Shanghai; an ISO instant as given; nothing → `now`
 * (ISO 8601: the time of the request, `requestTime(request)`).
 */
export function parseAsOf(value: string | undefined, now: string): string {
  if (!value) return now;
  // A date that is no day (0000-00-00, 2026-13-01) is refused like any other bad text: 400, not 500.
  const instant = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T23:59:59.999+08:00` : value);
  if (Number.isNaN(instant.getTime())) throw DomainError.validation('INVALID_AS_OF', 'asOf 应为日期（YYYY-MM-DD）或 ISO 8601 时间。');
  return instant.toISOString();
}

/** The hash an auditor recomputes: SHA-256 of the canonical JSON of scheme, version, asOf and input event ids. */
export function inputsHashOf(sheet: Pick<ScoreSheet, 'schemeId' | 'schemeVersion' | 'asOf' | 'inputEventIds'>): string {
  const { schemeId, schemeVersion, asOf, inputEventIds } = sheet;
  return createHash('sha256').update(canonicalJson({ schemeId, schemeVersion, asOf, inputEventIds })).digest('hex');
}

/** The frozen form of a sheet (what ScoresFrozen carries, and what a recomputation is compared on). */
export function frozenFormOf(sheet: ScoredSheet): Omit<ScoresFrozen, 'legalBasis' | 'reason'> {
  return {
    schemeId: sheet.schemeId,
    year: sheet.year,
    schemeVersion: sheet.schemeVersion,
    asOf: sheet.asOf,
    inputsHash: sheet.inputsHash,
    inputEvents: sheet.inputEventIds.length,
    results: sheet.units.map((u) => ({
      unitId: u.unitId,
      name: u.name,
      total: u.total,
      rank: u.rank,
      indicators: u.indicators.map((i) => ({ indicatorId: i.indicatorId, points: i.points, value: i.value })),
    })),
    commended: sheet.commended,
    rectify: sheet.rectify,
    criticised: sheet.criticised,
  };
}

/** Loads a scheme, the manual scores and the facts, and scores them with the pure function. */
export class ScoringService {
  constructor(
    private readonly commands: CommandHandler,
    private readonly facts: AssessmentFactsProjection,
  ) {}

  async scheme(schemeId: string, version?: number): Promise<SchemeRef> {
    const { state } = await this.commands.load(schemeDecider, schemeStreamId(schemeId));
    const ref = schemeRefOf(state, version);
    if (!ref)
      throw DomainError.notFound(
        'SCHEME_NOT_FOUND',
        version ? `考核方案“${schemeId}”没有第${version}版。` : `考核方案“${schemeId}”不存在或尚未发布。`,
      );
    return ref;
  }

  async manualScores(schemeId: string): Promise<ManualScoreInput[]> {
    const { history } = await this.commands.load(evaluationDecider, evaluationStreamId(schemeId));
    return history
      .map(asTyped<EvaluationEnvelope>)
      .flatMap((e) =>
        e.type === 'assessment.ManualScoreRecorded'
          ? [{ ...e.data, eventId: e.eventId, streamId: e.streamId, recordedAt: e.recordedAt }]
          : [],
      );
  }

  async frozen(schemeId: string): Promise<ScoresFrozen | null> {
    return (await this.commands.load(evaluationDecider, evaluationStreamId(schemeId))).state.frozen;
  }

  async compute(schemeId: string, asOf: string, version?: number, options: { fresh?: boolean } = {}): Promise<ScoredSheet> {
    const scheme = await this.scheme(schemeId, version);
    const [facts, manualScores] = await Promise.all([
      this.facts.inputs(asOf, `${scheme.year}-12-31`, options),
      this.manualScores(schemeId),
    ]);
    const sheet = scoreUnits({ schemeId, year: scheme.year, scheme: scheme.version, facts, manualScores, asOf });
    return { ...sheet, inputsHash: inputsHashOf(sheet) };
  }

  /** Recomputes a frozen result from today's read models and says whether every number is the same. */
  async verifyFrozen(
    schemeId: string,
  ): Promise<{ identical: boolean; frozen: ScoresFrozen; recomputed: Omit<ScoresFrozen, 'legalBasis' | 'reason'>; differences: string[] }> {
    const frozen = await this.frozen(schemeId);
    if (!frozen) throw DomainError.notFound('NOT_FROZEN', '该方案的考核结果尚未固化。');
    // From the read model as it is now (after a replay, say), not from the process's in-memory copy.
    const recomputed = frozenFormOf(await this.compute(schemeId, frozen.asOf, frozen.schemeVersion, { fresh: true }));
    const differences: string[] = [];
    if (recomputed.inputsHash !== frozen.inputsHash) differences.push(`输入哈希不同：${frozen.inputsHash} ≠ ${recomputed.inputsHash}`);
    const { legalBasis: _l, reason: _r, inputsHash: _h, ...frozenNumbers } = frozen;
    const { inputsHash: _h2, ...recomputedNumbers } = recomputed;
    if (canonicalJson(frozenNumbers) !== canonicalJson(recomputedNumbers)) differences.push('得分、排名或表扬整改名单不同');
    return { identical: differences.length === 0, frozen, recomputed, differences };
  }
}

export function schemeRefOf(state: SchemeState, version?: number): SchemeRef | null {
  if (state.status !== 'published') return null;
  const chosen = version ? state.versions.find((v) => v.version === version) : state.current;
  return chosen ? { schemeId: state.schemeId, year: state.year, version: chosen } : null;
}
