import type { DomainCode, UnitLevel } from '@gongkai/contracts';
import { DomainError } from '@gongkai/platform';
import { defaultWorkingDayCalendar, parseLocalDate, type WorkingDayCalendar } from '@gongkai/working-days';
import type { CommandContext, CommandHandler } from '@gongkai/platform';
import { computeCoverage, districtOverall } from '../domain/coverage';
import { matchedGuidelineCode } from '../domain/guideline-match';
import { guidelineMatchDecider } from '../domain/guideline-match.decide';
import { itemStreamId } from '../domain/item';
import { proposeMatches } from '../domain/coverage-match';
import { computeMilestones } from '../domain/milestones';
import { indexTokens } from './tokenize';
import { disclosureObligation } from '../domain/obligation';
import type { CatalogueGuidelineMatchesProjection, MatchDecisionView } from '../read-models/guideline-matches.projection';
import type { CatalogueGuidelinesProjection } from '../read-models/guidelines.projection';
import type { CatalogueItemSummariesProjection } from '../read-models/item-summaries.projection';
import type { CatalogueItemsProjection } from '../read-models/items.projection';
import type { CatalogueUnitsProjection, UnitView } from '../read-models/units.projection';

const profileOf = (unit: UnitView) => ({ level: unit.level as UnitLevel, responsibleDomains: unit.responsibleDomains as DomainCode[] });

/** The catalogue measured against the guidelines: coverage, milestones, and the embedding API's obligations. */
export class CatalogueReference {
  private calendar: WorkingDayCalendar | null = null;

  constructor(
    private readonly units: CatalogueUnitsProjection,
    private readonly items: CatalogueItemsProjection,
    private readonly guidelines: CatalogueGuidelinesProjection,
    private readonly matches: CatalogueGuidelineMatchesProjection,
    private readonly commands: CommandHandler,
    private readonly summaries: CatalogueItemSummariesProjection,
  ) {}

  /** The officers' decisions per item of the unit. */
  private async decisionsOf(unitId: string): Promise<(itemId: string) => MatchDecisionView[]> {
    const byItem = new Map((await this.matches.ofUnit(unitId)).map((m) => [m.itemId, m.decisions]));
    return (itemId) => byItem.get(itemId) ?? [];
  }

  private async unit(unitId: string): Promise<UnitView> {
    const unit = await this.units.get(unitId);
    if (!unit) throw DomainError.notFound('UNIT_NOT_FOUND', `单位 ${unitId} 不存在。`);
    return unit;
  }

  private async coverageOf(unit: UnitView) {
    const [published, guideline, decisions] = await Promise.all([
      this.summaries.publishedOfUnit(unit.unitId),
      this.guidelines.currentItems(),
      this.decisionsOf(unit.unitId),
    ]);
    return computeCoverage(
      profileOf(unit),
      published.map((i) => ({
        itemId: i.itemId,
        name: i.content.secondLevel ?? i.content.firstLevel,
        domainCode: i.content.domainCode,
        guidelineItemCode: matchedGuidelineCode(i.guidelineItemCode, decisions(i.itemId)),
      })),
      guideline,
    );
  }

  /**
   * One unit's published catalogue against the current guideline; each domain says whether its
   * guideline rows are 示例 (a sample version, or a domain the version does not list as sourced).
   */
  async coverage(unitId: string) {
    const unit = await this.unit(unitId);
    const [coverage, version] = await Promise.all([this.coverageOf(unit), this.guidelines.current()]);
    const sample = (domainCode: string) =>
      version === null || version.sample || (version.sourcedDomains !== undefined && !version.sourcedDomains.some((d) => d === domainCode));
    return {
      unitId,
      unitName: unit.name,
      ...coverage,
      domains: coverage.domains.map((d) => ({ ...d, sample: sample(d.domainCode) })),
    };
  }

  /** Every unit's coverage, per domain in figures, and the district's overall. */
  async districtCoverage() {
    const rows = [];
    for (const unit of await this.units.list()) {
      const coverage = await this.coverageOf(unit);
      rows.push({
        unitId: unit.unitId,
        unitName: unit.name,
        level: unit.level,
        ...coverage.overall,
        domains: coverage.domains.map((d) => ({
          domainCode: d.domainCode,
          expected: d.expected,
          covered: d.covered.length,
          percent: d.percent,
        })),
      });
    }
    return { units: rows, overall: districtOverall(rows) };
  }

  /**
   * Proposed matches of the unit's items not yet tied to a guideline item (drafts included: the
   * officer matches before publishing), by the words of names and content (jieba, synonyms).
   */
  async matchProposals(unitId: string) {
    const unit = await this.unit(unitId);
    const [items, guideline, decisions] = await Promise.all([
      this.items.ofUnit(unitId),
      this.guidelines.currentItems(),
      this.decisionsOf(unitId),
    ]);
    const proposals = proposeMatches(
      items
        .filter((i) => i.status !== 'withdrawn')
        .map((i) => ({
          itemId: i.itemId,
          domainCode: i.content.domainCode,
          level: i.content.level,
          firstLevel: i.content.firstLevel,
          secondLevel: i.content.secondLevel,
          content: i.content.content,
          guidelineItemCode: matchedGuidelineCode(i.content.guidelineItemCode ?? null, decisions(i.itemId)),
          rejected: decisions(i.itemId)
            .filter((d) => d.decision === 'rejected')
            .map((d) => d.guidelineItemCode),
        })),
      guideline,
      (text) => indexTokens(text),
    );
    return { unitId, unitName: unit.name, proposals };
  }

  /** The unit's catalogue milestones as of `today` (Beijing date). */
  async milestones(unitId: string, today: string) {
    const unit = await this.unit(unitId);
    const [facts, guideline, decisions] = await Promise.all([
      this.summaries.factsOfUnit(unitId),
      this.guidelines.currentItems(),
      this.decisionsOf(unitId),
    ]);
    // A decision counts from the item's publications on (its own date is not replayed: the same simplification as the guideline version).
    const matched = facts.map((f) =>
      f.kind === 'published' ? { ...f, guidelineItemCode: matchedGuidelineCode(f.guidelineItemCode, decisions(f.itemId)) } : f,
    );
    return { unitId, milestones: computeMilestones(profileOf(unit), matched, guideline, today) };
  }

  /**
   * An officer confirms or rejects that a catalogue item stands for a guideline item of the version
   * in force (the unit guard is the decider's: the item must be the acting unit's).
   */
  async decideMatch(
    request: { unitId: string; itemId: string; guidelineItemCode: string; decision: 'confirm' | 'reject'; reason?: string },
    context: CommandContext,
  ) {
    const guidelineItem = (await this.guidelines.currentItems()).find((g) => g.code === request.guidelineItemCode) ?? null;
    const result = await this.commands.handle(
      guidelineMatchDecider,
      itemStreamId(request.itemId),
      {
        type: request.decision === 'confirm' ? 'ConfirmGuidelineMatch' : 'RejectGuidelineMatch',
        unitId: request.unitId,
        guidelineItemCode: request.guidelineItemCode,
        guidelineItem,
        reason: request.reason,
      },
      context,
    );
    return {
      itemId: request.itemId,
      guidelineItemCode: request.guidelineItemCode,
      decisions: result.state.decisions,
      revision: result.revision,
    };
  }

  /** Embedding (seed 三(六)): where, to whom and by when information of a published item formed on `formedOn` is disclosed. */
  async obligation(request: { unitId: string; itemId: string; formedOn: string }) {
    const item = await this.items.get(request.itemId);
    if (!item || item.unitId !== request.unitId || item.status !== 'published') {
      throw DomainError.notFound('ITEM_NOT_FOUND', `单位 ${request.unitId} 没有已发布的公开事项 ${request.itemId}。`);
    }
    this.calendar ??= defaultWorkingDayCalendar();
    return {
      unitId: request.unitId,
      version: item.version,
      formedOn: request.formedOn,
      ...disclosureObligation(item.itemId, item.content, parseLocalDate(request.formedOn), this.calendar),
    };
  }
}
