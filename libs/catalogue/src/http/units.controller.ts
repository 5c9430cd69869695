import { Body, Controller, Get, HttpCode, Param, Post, Put, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  assertActsForUnit,
  CommandHandler,
  commandContext,
  DomainError,
  jsonSchemaOf,
  Public,
  Roles,
  setRevision,
  ZodPipe,
  type AuthenticatedRequest,
} from '@gongkai/platform';
import { unitStreamId } from '../domain/unit';
import { unitDecider } from '../domain/unit.decide';
import { CatalogueUnitsProjection, type UnitView } from '../read-models/units.projection';
import { designateOfficeBody, registerUnitBody, renameUnitBody } from './unit.schemas';
import type { z } from 'zod';

@ApiTags('catalogue: units 单位')
@ApiBearerAuth()
@Controller('api/catalogue/units')
export class UnitsController {
  constructor(
    private readonly commands: CommandHandler,
    private readonly units: CatalogueUnitsProjection,
  ) {}

  @Post()
  @Roles('district_office', 'admin')
  @ApiOperation({ summary: '登记单位（区政府办公室）' })
  @ApiBody({ schema: jsonSchemaOf(registerUnitBody) })
  async register(
    @Body(new ZodPipe(registerUnitBody)) body: z.infer<typeof registerUnitBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.commands.handle(
      unitDecider,
      unitStreamId(body.unitId),
      { type: 'RegisterUnit', ...body },
      commandContext(request),
    );
    setRevision(response, result.revision);
    response.status(201);
    return { unitId: body.unitId, revision: result.revision };
  }

  @Post(':unitId/rename')
  @HttpCode(200)
  @Roles('district_office', 'admin')
  @ApiOperation({ summary: '单位更名' })
  @ApiBody({ schema: jsonSchemaOf(renameUnitBody) })
  async rename(
    @Param('unitId') unitId: string,
    @Body(new ZodPipe(renameUnitBody)) body: z.infer<typeof renameUnitBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.commands.handle(unitDecider, unitStreamId(unitId), { type: 'RenameUnit', ...body }, commandContext(request));
    setRevision(response, result.revision);
    return { unitId, revision: result.revision };
  }

  @Put(':unitId/openness-office')
  @Roles('clerk', 'office_head', 'district_office', 'admin')
  @ApiOperation({ summary: '明确政务公开主管科室和专人' })
  @ApiBody({ schema: jsonSchemaOf(designateOfficeBody) })
  async designateOffice(
    @Param('unitId') unitId: string,
    @Body(new ZodPipe(designateOfficeBody)) body: z.infer<typeof designateOfficeBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    assertActsForUnit(request.principal, unitId);
    const result = await this.commands.handle(
      unitDecider,
      unitStreamId(unitId),
      { type: 'DesignateOpennessOffice', ...body },
      commandContext(request),
    );
    setRevision(response, result.revision);
    return { unitId, revision: result.revision };
  }

  @Get()
  @Public()
  @ApiOperation({ summary: '单位列表（公开）' })
  list(): Promise<UnitView[]> {
    return this.units.list();
  }

  @Get(':unitId')
  @Public()
  @ApiOperation({ summary: '单位详情（公开）' })
  async get(@Param('unitId') unitId: string): Promise<UnitView> {
    const unit = await this.units.get(unitId);
    if (!unit) throw DomainError.notFound('UNIT_NOT_FOUND', `单位 ${unitId} 不存在。`);
    return unit;
  }
}
