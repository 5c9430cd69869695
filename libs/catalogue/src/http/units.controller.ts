import { Body, Controller, Get, HttpCode, Param, Post, Put, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import {
  assertActsForUnit,
  type AuthenticatedRequest,
  CachedRead,
  commandContext,
  CommandHandler,
  DISTRICT_ROLES,
  DomainError,
  jsonSchemaOf,
  Public,
  Roles,
  setRevision,
  ZodPipe,
} from '@gongkai/platform';
import { unitStreamId } from '../domain/unit';
import { unitDecider, type UnitCommand } from '../domain/unit.decide';
import { CatalogueUnitsProjection, type UnitView } from '../read-models/units.projection';
import { CATALOGUE_EDITORS } from './access';
import { designateOfficeBody, registerUnitBody, renameUnitBody } from './unit.schemas';
import { Returns } from '@gongkai/platform';
import { unitListViewSchema } from '@gongkai/contracts';

@ApiTags('catalogue: units 单位')
@ApiBearerAuth()
@Controller('api/catalogue/units')
export class UnitsController {
  constructor(
    private readonly commands: CommandHandler,
    private readonly units: CatalogueUnitsProjection,
  ) {}

  private async decide(unitId: string, command: UnitCommand, request: AuthenticatedRequest, response: Response) {
    const result = await this.commands.handle(unitDecider, unitStreamId(unitId), command, commandContext(request));
    setRevision(response, result.revision);
    return { unitId, revision: result.revision };
  }

  @Post()
  @Roles(...DISTRICT_ROLES)
  @ApiOperation({ summary: '登记单位（区政府办公室）' })
  @ApiBody({ schema: jsonSchemaOf(registerUnitBody) })
  async register(
    @Body(new ZodPipe(registerUnitBody)) body: z.infer<typeof registerUnitBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const outcome = await this.decide(body.unitId, { type: 'RegisterUnit', ...body }, request, response);
    response.status(201);
    return outcome;
  }

  @Post(':unitId/rename')
  @HttpCode(200)
  @Roles(...DISTRICT_ROLES)
  @ApiOperation({ summary: '单位更名' })
  @ApiBody({ schema: jsonSchemaOf(renameUnitBody) })
  rename(
    @Param('unitId') unitId: string,
    @Body(new ZodPipe(renameUnitBody)) body: z.infer<typeof renameUnitBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.decide(unitId, { type: 'RenameUnit', ...body }, request, response);
  }

  @Put(':unitId/openness-office')
  @Roles(...CATALOGUE_EDITORS)
  @ApiOperation({ summary: '明确政务公开主管科室和专人' })
  @ApiBody({ schema: jsonSchemaOf(designateOfficeBody) })
  designateOffice(
    @Param('unitId') unitId: string,
    @Body(new ZodPipe(designateOfficeBody)) body: z.infer<typeof designateOfficeBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    assertActsForUnit(request.principal, unitId);
    return this.decide(unitId, { type: 'DesignateOpennessOffice', ...body }, request, response);
  }

  @Get()
  @Returns(z.array(unitListViewSchema), { bounded: 'the units of the district (about 60)' })
  @Public()
  @CachedRead('catalogue')
  @ApiOperation({ summary: '单位列表（公开）' })
  list(): Promise<UnitView[]> {
    return this.units.list();
  }

  @Get(':unitId')
  @Returns(unitListViewSchema, { bounded: 'the units of the district (about 60)' })
  @Public()
  @CachedRead('catalogue')
  @ApiOperation({ summary: '单位详情（公开）' })
  async get(@Param('unitId') unitId: string): Promise<UnitView> {
    const unit = await this.units.get(unitId);
    if (!unit) throw DomainError.notFound('UNIT_NOT_FOUND', `单位 ${unitId} 不存在。`);
    return unit;
  }
}
