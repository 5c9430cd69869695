import { Controller, Get, Param, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { PILOT_DOMAINS } from '@gongkai/contracts';
import { type AuthenticatedRequest, CachedRead, DomainError, pageOf, Public, requestTime, ReturnsPage, ZodPipe } from '@gongkai/platform';
import { negativeListQuery } from './catalogue.schemas';
import { toShanghaiDate } from '@gongkai/working-days';
import { CataloguePortal } from '../application/portal';
import { CatalogueItemsProjection } from '../read-models/items.projection';
import { CatalogueNegativeListProjection } from '../read-models/negative-list.projection';
import { Returns } from '@gongkai/platform';
import {
  domainCatalogueViewSchema,
  domainViewSchema,
  guidelineVersionViewSchema,
  itemSearchViewSchema,
  negativeEntryViewSchema,
  publicItemViewSchema,
  unitCatalogueViewSchema,
} from '@gongkai/contracts';
import { z } from 'zod';

/** The district portal (区政府门户网站): published catalogue only, no login. Drafts never appear. */
@ApiTags('catalogue: portal 门户公开')
@Controller('api/catalogue/portal')
export class PortalController {
  constructor(
    private readonly portal: CataloguePortal,
    private readonly items: CatalogueItemsProjection,
    private readonly negativeList: CatalogueNegativeListProjection,
  ) {}

  @Get('domains')
  @Returns(z.array(domainViewSchema), { bounded: 'the fixed list of disclosure domains (26)' })
  @Public()
  @ApiOperation({ summary: '26个试点领域' })
  domains() {
    return PILOT_DOMAINS;
  }

  @Get('guidelines/current')
  @Returns(guidelineVersionViewSchema)
  @Public()
  @CachedRead('catalogue')
  @ApiOperation({ summary: '现行标准指引（示例数据会标明“示例”）' })
  guideline() {
    return this.portal.currentGuideline();
  }

  @Get('units/:unitId/items')
  @Returns(unitCatalogueViewSchema)
  @Public()
  @CachedRead('catalogue')
  @ApiOperation({ summary: '单位的已发布目录；asOf=YYYY-MM-DD 或 ISO 时刻查询当日目录' })
  unitCatalogue(@Param('unitId') unitId: string, @Query('asOf') asOf?: string) {
    return this.portal.unitCatalogue(unitId, asOf);
  }

  @Get('domains/:domainCode/items')
  @Returns(domainCatalogueViewSchema)
  @Public()
  @CachedRead('catalogue')
  @ApiOperation({ summary: '某领域各单位的已发布事项' })
  domainCatalogue(@Param('domainCode') domainCode: string) {
    return this.portal.domainCatalogue(domainCode);
  }

  @Get('items/:itemId')
  @Returns(publicItemViewSchema)
  @Public()
  @CachedRead('catalogue')
  @ApiOperation({ summary: '事项详情及全部版本' })
  item(@Param('itemId') itemId: string) {
    return this.portal.item(itemId);
  }

  @Get('search')
  @Returns(itemSearchViewSchema)
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
  @ReturnsPage(negativeEntryViewSchema)
  @Public()
  @CachedRead('catalogue')
  @ApiOperation({ summary: '负面清单（已发布，分页，总数见 X-Total-Count）；超过12个月未评估的标注 reviewOverdue' })
  async negative(@Req() request: AuthenticatedRequest, @Query(new ZodPipe(negativeListQuery)) query: z.infer<typeof negativeListQuery>) {
    const { unitId } = query;
    const entries = await this.negativeList.list(
      { status: 'published', ...(unitId ? { ownerUnitId: unitId } : {}) },
      toShanghaiDate(requestTime(request)),
    );
    return pageOf(entries, query);
  }
}
