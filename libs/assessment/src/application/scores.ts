import { EVENT_LABELS } from '@gongkai/contracts';
import { DomainError, type EventStore } from '@gongkai/platform';
import { toShanghaiDate } from '@gongkai/working-days';
import { noticeLines, scoresXlsx } from './exports';
import type { ScoredSheet, ScoringService } from './scoring.service';
import type { AssessmentFactsProjection } from '../read-models/facts.projection';
import type { AssessmentSchemesProjection } from '../read-models/schemes.projection';

function unitOf(sheet: ScoredSheet, unitId: string) {
  const unit = sheet.units.find((u) => u.unitId === unitId);
  if (!unit) throw DomainError.notFound('UNIT_NOT_ASSESSED', `单位 ${unitId} 不在该方案的考核对象中（或截至该时间尚未登记）。`);
  return unit;
}

/** The scores as people read them: the ranking, one unit's sheet, one indicator, this year's live score, exports. */
export class AssessmentScores {
  constructor(
    private readonly scoring: ScoringService,
    private readonly schemes: AssessmentSchemesProjection,
    private readonly facts: AssessmentFactsProjection,
    private readonly store: EventStore,
  ) {}

  /** Every unit's total, rank and lists; facts and shortfalls counted, not listed. */
  async ranking(schemeId: string, asOf: string, version?: number) {
    const sheet = await this.scoring.compute(schemeId, asOf, version);
    return {
      ...sheet,
      inputEventIds: undefined,
      inputEvents: sheet.inputEventIds.length,
      units: sheet.units.map(({ indicators, ...unit }) => ({
        ...unit,
        indicators: indicators.map(({ facts, shortfalls, ...i }) => ({ ...i, facts: facts.length, shortfalls: shortfalls.length })),
      })),
    };
  }

  /** One unit's scores, each with the facts and event ids behind it. */
  async unitScores(schemeId: string, unitId: string, asOf: string) {
    const sheet = await this.scoring.compute(schemeId, asOf);
    return {
      schemeId,
      schemeVersion: sheet.schemeVersion,
      year: sheet.year,
      asOf: sheet.asOf,
      inputsHash: sheet.inputsHash,
      ...unitOf(sheet, unitId),
    };
  }

  /** One indicator of one unit: its value, band, facts and their events. */
  async indicator(schemeId: string, unitId: string, indicatorId: string, asOf: string) {
    const sheet = await this.scoring.compute(schemeId, asOf);
    const indicator = unitOf(sheet, unitId).indicators.find((i) => i.indicatorId === indicatorId);
    if (!indicator) throw DomainError.notFound('INDICATOR_NOT_FOUND', `方案中没有指标“${indicatorId}”。`);
    return { schemeId, schemeVersion: sheet.schemeVersion, unitId, asOf: sheet.asOf, ...indicator };
  }

  /** A unit's score as of `now` (ISO 8601) under this year's scheme (the year in Beijing): where it loses points. */
  async live(unitId: string, schemeId: string | undefined, now: string) {
    const year = Number(toShanghaiDate(now).slice(0, 4));
    const chosen = schemeId ?? (await this.schemes.list(year))[0]?.schemeId;
    if (!chosen) throw DomainError.notFound('NO_SCHEME_THIS_YEAR', `${year}年度尚未发布考核方案。`);
    const sheet = await this.scoring.compute(chosen, now);
    const unit = unitOf(sheet, unitId);
    return {
      schemeId: chosen,
      schemeVersion: sheet.schemeVersion,
      year: sheet.year,
      asOf: sheet.asOf,
      unitId,
      name: unit.name,
      total: unit.total,
      maxTotal: unit.maxTotal,
      rank: unit.rank,
      of: sheet.units.length,
      losing: unit.indicators
        .filter((i) => i.kind !== 'group' && i.lost > 0)
        .sort((a, b) => b.lost - a.lost)
        .map((i) => ({
          indicatorId: i.indicatorId,
          name: i.name,
          lost: i.lost,
          points: i.points,
          maxPoints: i.maxPoints,
          pending: i.pending,
          explanation: i.explanation,
          shortfalls: i.shortfalls,
        })),
      indicators: unit.indicators.map(({ facts, ...i }) => ({ ...i, facts: facts.length })),
    };
  }

  /** The ranking and every unit's scores as a workbook. */
  async workbook(schemeId: string, asOf: string): Promise<{ year: number; file: Buffer }> {
    const sheet = await this.scoring.compute(schemeId, asOf);
    return { year: sheet.year, file: await scoresXlsx(sheet) };
  }

  /** The lines of a unit's result notice (考核结果通知). */
  async notice(schemeId: string, unitId: string, asOf: string): Promise<{ year: number; lines: string[] }> {
    const sheet = await this.scoring.compute(schemeId, asOf);
    return { year: sheet.year, lines: noticeLines(sheet, unitOf(sheet, unitId)) };
  }

  /** Audit: an event the assessment used, read from the event store, with its label. */
  async event(eventId: string) {
    const fact = await this.facts.byEventId(eventId);
    if (!fact) throw DomainError.notFound('EVENT_NOT_FOUND', `考核服务未使用过事件 ${eventId}。`);
    const event = (await this.store.readStream(fact.streamId)).find((e) => e.eventId === eventId);
    if (!event) throw DomainError.notFound('EVENT_NOT_FOUND', `事件库中找不到事件 ${eventId}。`);
    return { label: EVENT_LABELS[event.type]?.label ?? null, event };
  }
}
