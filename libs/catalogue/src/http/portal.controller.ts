import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { isoDate, PILOT_DOMAINS } from '@gongkai/contracts';
import { DomainError, Public } from '@gongkai/platform';
import { CatalogueGuidelinesProjection } from '../read-models/guidelines.projection';
import { CatalogueItemsProjection, toPublicItem } from '../read-models/items.projection';
import { CatalogueNegativeListProjection } from '../read-models/negative-list.projection';
import { CatalogueUnitsProjection } from '../read-models/units.projection';
import { today } from './access';

/** The district portal (区政府门户网站): published catalogue only, no login. Drafts never appear. */
@ApiTags('catalogue: portal 门户公开')
@Controller('api/catalogue/portal')
export class PortalController {
  constructor(
    private readonly items: CatalogueItemsProjection,
    private readonly units: CatalogueUnitsProjection,
    private readonly guidelines: CatalogueGuidelinesProjection,
    private readonly negativeList: CatalogueNegativeListProjection,
  ) {}

  @Get('domains')
  @Public()
  @ApiOperation({ summary: '26个试点领域' })
  domains() {
    return PILOT_DOMAINS;
  }

  @Get('guidelines/current')
  @Public()
  @ApiOperation({ summary: '现行标准指引（示例数据会标明“示例”）' })
  async guideline() {
    const current = await this.guidelines.current();
    if (!current) throw DomainError.notFound('GUIDELINE_NOT_LOADED', '尚未载入标准指引。');
    return current;
  }

  @Get('units/:unitId/items')
  @Public()
  @ApiOperation({ summary: '单位的已发布目录；asOf=YYYY-MM-DD 或 ISO 时刻查询当日目录' })
  async unitCatalogue(@Param('unitId') unitId: string, @Query('asOf') asOf?: string) {
    const unit = await this.units.get(unitId);
    if (!unit) throw DomainError.notFound('UNIT_NOT_FOUND', `单位 ${unitId} 不存在。`);
    if (asOf === undefined) return { unit, asOf: null, items: (await this.items.publishedOfUnit(unitId)).map(toPublicItem) };
    const instant = asOfInstant(asOf);
    const entries = await this.items.ofUnitAsOf(unitId, instant);
    return {
      unit,
      asOf: instant,
      items: entries.map(({ item, version }) => ({
        ...toPublicItem(item),
        status: 'published',
        version: version.version,
        content: version.content,
        versions: undefined,
        publishedAt: version.publishedAt,
      })),
    };
  }

  @Get('domains/:domainCode/items')
  @Public()
  @ApiOperation({ summary: '某领域各单位的已发布事项' })
  async domainCatalogue(@Param('domainCode') domainCode: string) {
    const domain = PILOT_DOMAINS.find((d) => d.code === domainCode);
    if (!domain) throw DomainError.notFound('DOMAIN_NOT_FOUND', `试点领域 ${domainCode} 不存在。`);
    return { domain, items: (await this.items.publishedInDomain(domainCode)).map(toPublicItem) };
  }

  @Get('items/:itemId')
  @Public()
  @ApiOperation({ summary: '事项详情及全部版本' })
  async item(@Param('itemId') itemId: string) {
    const item = await this.items.get(itemId);
    // A draft is not public: it does not exist for the portal.
    if (!item || item.versions.length === 0) throw DomainError.notFound('ITEM_NOT_FOUND', '该公开事项不存在或尚未发布。');
    return toPublicItem(item);
  }

  @Get('search')
  @Public()
  @ApiOperation({ summary: '中文分词检索已发布事项（按相关度排序）' })
  async search(
    @Query('q') q = '',
    @Query('unitId') unitId?: string,
    @Query('domainCode') domainCode?: string,
    @Query('limit') limit?: string,
  ) {
    if (q.trim().length === 0 || q.length > 100) throw DomainError.validation('SEARCH_QUERY_INVALID', '请输入 1 至 100 个字的检索词。');
    const n = Math.min(Math.max(Number(limit) || 20, 1), 100);
    const filter = { ...(unitId ? { unitId } : {}), ...(domainCode ? { domainCode } : {}) };
    return { query: q, hits: await this.items.search(q, n, filter) };
  }

  @Get('negative-list')
  @Public()
  @ApiOperation({ summary: '负面清单（已发布）；超过12个月未评估的标注 reviewOverdue' })
  negative(@Query('unitId') unitId?: string) {
    return this.negativeList.list({ status: 'published', ...(unitId ? { ownerUnitId: unitId } : {}) }, today());
  }
}

function asOfInstant(asOf: string): string {
  // A date means the end of that day in China time.
  if (isoDate.safeParse(asOf).success) return new Date(Date.parse(`${asOf}T23:59:59.999+08:00`)).toISOString();
  const parsed = Date.parse(asOf);
  if (Number.isNaN(parsed)) throw DomainError.validation('AS_OF_INVALID', 'asOf 应为日期（YYYY-MM-DD）或带时区的时刻。');
  return new Date(parsed).toISOString();
}
