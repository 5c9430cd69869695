import { Body, Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import {
  checklistCandidatesViewSchema,
  checklistOverviewViewSchema,
  CHECKLIST_TARGET_KINDS,
  multiLineText,
  unitChecklistViewSchema,
} from '@gongkai/contracts';
import { DISTRICT_READER_ROLES, READER_ROLES } from '@gongkai/contracts/vocabulary';
import {
  assertReadsUnit,
  type AuthenticatedRequest,
  CachedRead,
  commandContext,
  CurrentPrincipal,
  type Principal,
  Public,
  Returns,
  Roles,
  setRevision,
  ZodPipe,
} from '@gongkai/platform';
import { ProactiveChecklist } from '../application/checklist';
import { CATALOGUE_EDITORS } from './access';

const entryBody = z.object({
  categoryCode: z.string().regex(/^art2[01]-[a-z0-9-]{1,20}$/, '法定公开类别编码格式不正确'),
  targetKind: z.enum(CHECKLIST_TARGET_KINDS),
  targetId: z.string().min(1).max(80),
});
const unlinkBody = entryBody.extend({ reason: multiLineText(500, 2) });

/** The proactive-disclosure checklist (Arts. 20–21): links, proposals, gaps; the district's overview; the portal's checklist. */
@ApiTags('catalogue: 主动公开清单')
@ApiBearerAuth()
@Controller('api/catalogue')
export class ChecklistController {
  constructor(private readonly checklist: ProactiveChecklist) {}

  @Get('units/:unitId/checklist')
  @Returns(unitChecklistViewSchema)
  @Roles(...READER_ROLES)
  @ApiOperation({ summary: '本单位主动公开清单（条例第二十条、第二十一条）：各法定类别关联的内容、系统建议和缺项' })
  view(@Param('unitId') unitId: string, @CurrentPrincipal() principal: Principal) {
    assertReadsUnit(principal, unitId);
    return this.checklist.view(unitId, 'staff');
  }

  @Get('units/:unitId/checklist/candidates')
  @Returns(checklistCandidatesViewSchema)
  @Roles(...READER_ROLES)
  @ApiOperation({ summary: '可关联的内容：本单位已发布的目录事项和最近印发的主动公开公文（至多200件）' })
  candidates(@Param('unitId') unitId: string, @CurrentPrincipal() principal: Principal) {
    assertReadsUnit(principal, unitId);
    return this.checklist.candidates(unitId);
  }

  @Post('units/:unitId/checklist/links')
  @HttpCode(200)
  @Roles(...CATALOGUE_EDITORS)
  @ApiOperation({ summary: '将目录事项或公文关联到法定公开类别（也用于确认系统建议）' })
  async link(
    @Param('unitId') unitId: string,
    @Body(new ZodPipe(entryBody)) body: z.infer<typeof entryBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.checklist.link(unitId, body.categoryCode, body.targetKind, body.targetId, commandContext(request));
    setRevision(response, result.revision);
    return result;
  }

  @Post('units/:unitId/checklist/unlink')
  @HttpCode(200)
  @Roles(...CATALOGUE_EDITORS)
  @ApiOperation({ summary: '取消关联（须说明理由）' })
  async unlink(
    @Param('unitId') unitId: string,
    @Body(new ZodPipe(unlinkBody)) body: z.infer<typeof unlinkBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { categoryCode, targetKind, targetId, reason } = body;
    const result = await this.checklist.unlink(unitId, categoryCode, targetKind, targetId, reason, commandContext(request));
    setRevision(response, result.revision);
    return result;
  }

  @Post('units/:unitId/checklist/proposals/dismiss')
  @HttpCode(200)
  @Roles(...CATALOGUE_EDITORS)
  @ApiOperation({ summary: '不采纳系统的关联建议' })
  async dismiss(
    @Param('unitId') unitId: string,
    @Body(new ZodPipe(entryBody)) body: z.infer<typeof entryBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.checklist.dismiss(unitId, body.categoryCode, body.targetKind, body.targetId, commandContext(request));
    setRevision(response, result.revision);
    return result;
  }

  @Get('checklists')
  @Returns(checklistOverviewViewSchema, { bounded: 'one row per unit of the district (about 60)' })
  @Roles(...DISTRICT_READER_ROLES)
  @ApiOperation({ summary: '全区各单位主动公开清单覆盖情况和缺项' })
  overview() {
    return this.checklist.overview();
  }

  @Get('portal/units/:unitId/checklist')
  @Returns(unitChecklistViewSchema)
  @Public()
  @CachedRead('catalogue')
  @ApiOperation({ summary: '单位的主动公开清单（公众）：各法定类别及已公开的内容' })
  portal(@Param('unitId') unitId: string) {
    return this.checklist.view(unitId, 'public');
  }
}
