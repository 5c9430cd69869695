import { isoDate, PILOT_DOMAINS } from '@gongkai/contracts';
import { DomainError } from '@gongkai/platform';
import type { CatalogueGuidelinesProjection } from '../read-models/guidelines.projection';
import type { CatalogueItemSummariesProjection } from '../read-models/item-summaries.projection';
import { toPublicItem, type CatalogueItemsProjection } from '../read-models/items.projection';
import type { CatalogueUnitsProjection } from '../read-models/units.projection';

/** `asOf` of the portal: a date means the end of that day in China time; an instant is taken as given. */
function asOfInstant(asOf: string): string {
  // A date that is no day (0000-00-00, 2026-13-01) parses to NaN like any other bad text: 400, not 500.
  const parsed = Date.parse(isoDate.safeParse(asOf).success ? `${asOf}T23:59:59.999+08:00` : asOf);
  if (Number.isNaN(parsed)) throw DomainError.validation('AS_OF_INVALID', 'asOf 应为日期（YYYY-MM-DD）或带时区的时刻。');
  return new Date(parsed).toISOString();
}

/** The district portal (区政府门户网站): the published catalogue only; a draft does not exist for it. */
export class CataloguePortal {
  constructor(
    private readonly units: CatalogueUnitsProjection,
    private readonly items: CatalogueItemsProjection,
    private readonly guidelines: CatalogueGuidelinesProjection,
    private readonly summaries: CatalogueItemSummariesProjection,
  ) {}

  async currentGuideline() {
    const current = await this.guidelines.current();
    if (!current) throw DomainError.notFound('GUIDELINE_NOT_LOADED', '尚未载入标准指引。');
    return current;
  }

  /** A unit's published catalogue: as it is now, or as it stood at `asOf`, each item in the version then in force. */
  async unitCatalogue(unitId: string, asOf: string | undefined) {
    const unit = await this.units.get(unitId);
    if (!unit) throw DomainError.notFound('UNIT_NOT_FOUND', `单位 ${unitId} 不存在。`);
    if (asOf === undefined) return { unit, asOf: null, items: await this.summaries.publishedOfUnit(unitId) };
    const instant = asOfInstant(asOf);
    const entries = await this.summaries.ofUnitAsOf(unitId, instant);
    return {
      unit,
      asOf: instant,
      items: entries.map(({ item, version }) => ({
        ...item,
        status: 'published',
        version: version.version,
        content: version.content,
        versions: undefined,
        publishedAt: version.publishedAt,
      })),
    };
  }

  async domainCatalogue(domainCode: string) {
    const domain = PILOT_DOMAINS.find((d) => d.code === domainCode);
    if (!domain) throw DomainError.notFound('DOMAIN_NOT_FOUND', `试点领域 ${domainCode} 不存在。`);
    return { domain, items: await this.summaries.publishedInDomain(domainCode) };
  }

  /** An item and all its versions, once published. */
  async item(itemId: string) {
    const item = await this.items.get(itemId);
    if (!item || item.versions.length === 0) throw DomainError.notFound('ITEM_NOT_FOUND', '该公开事项不存在或尚未发布。');
    return toPublicItem(item);
  }
}
