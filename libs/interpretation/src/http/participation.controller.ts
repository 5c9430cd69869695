import { Body, Controller, Get, HttpCode, Param, Post, Put, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { z } from 'zod';
import {
  type AuthenticatedRequest,
  CachedRead,
  commandContext,
  DomainError,
  jsonSchemaOf,
  Public,
  Roles,
  STAFF_ROLES,
  ZodPipe,
} from '@gongkai/platform';
import { Participation } from '../application/participation';
import { ParticipationCataloguesProjection } from '../read-models/participation-catalogues.projection';
import { hearingMaterialsBody, meetingBody, participationCatalogueBody, scheduleHearingBody } from './schemas';
import { answer } from './support';
import { Returns } from '@gongkai/platform';
import { someObjectSchema } from '@gongkai/contracts';

/** Public participation in decisions: the units' participation catalogues, hearings, meeting attendance (列席). */
@ApiTags('interpretation: 公众参与、政府开放日、村(居)务公开')
@ApiBearerAuth()
@Controller('api/interpretation')
export class ParticipationController {
  constructor(
    private readonly participation: Participation,
    private readonly catalogues: ParticipationCataloguesProjection,
  ) {}

  // ── participation catalogue ──
  @Put('participation-catalogues/:unitId')
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: '发布本单位公众参与事项目录（事项、方式、渠道）' })
  @ApiBody({ schema: jsonSchemaOf(participationCatalogueBody) })
  async publishCatalogue(
    @Param('unitId') unitId: string,
    @Body(new ZodPipe(participationCatalogueBody)) body: z.infer<typeof participationCatalogueBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.participation.publishCatalogue(unitId, body.items, commandContext(request));
    return answer(response, result.revision, { unitId, version: result.state.version });
  }

  @Get('participation-catalogues/:unitId')
  @Returns(someObjectSchema)
  @Public()
  @CachedRead('interpretation')
  @ApiOperation({ summary: '公众参与事项目录（公开）' })
  async catalogue(@Param('unitId') unitId: string) {
    const catalogue = await this.catalogues.get(unitId);
    if (!catalogue) throw DomainError.notFound('PARTICIPATION_CATALOGUE_NOT_FOUND', `单位 ${unitId} 尚未发布公众参与事项目录。`);
    return catalogue;
  }

  // ── hearings and meetings ──
  @Post('hearings')
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: '安排（或改期）听证会' })
  @ApiBody({ schema: jsonSchemaOf(scheduleHearingBody) })
  async scheduleHearing(
    @Body(new ZodPipe(scheduleHearingBody)) body: z.infer<typeof scheduleHearingBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.participation.scheduleHearing(body, commandContext(request));
    return answer(response, result.revision, { hearingId: body.hearingId }, 201);
  }

  @Post('hearings/:hearingId/materials')
  @HttpCode(200)
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: '公布听证材料（听证会7日前）' })
  @ApiBody({ schema: jsonSchemaOf(hearingMaterialsBody) })
  async hearingMaterials(
    @Param('hearingId') hearingId: string,
    @Body(new ZodPipe(hearingMaterialsBody)) body: z.infer<typeof hearingMaterialsBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.participation.publishHearingMaterials(hearingId, body.materials, commandContext(request));
    return answer(response, result.revision, { hearingId });
  }

  @Post('meetings')
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: '登记会议列席情况（利益相关方、群众代表、专家、媒体）' })
  @ApiBody({ schema: jsonSchemaOf(meetingBody) })
  async meeting(
    @Body(new ZodPipe(meetingBody)) body: z.infer<typeof meetingBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.participation.recordMeeting(body, commandContext(request));
    return answer(response, result.revision, { meetingId: body.meetingId }, 201);
  }
}
