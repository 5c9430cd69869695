import { Body, Controller, Delete, Get, HttpCode, Param, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  commandContext,
  CurrentPrincipal,
  jsonSchemaOf,
  parseInput,
  Roles,
  setRevision,
  STAFF_ROLES,
  type AuthenticatedRequest,
  type Principal,
} from '@gongkai/platform';
import { PersonalDataAccess } from '../application/personal-data-access';
import { erasePersonalDataBody } from './schemas';
import { Returns } from '@gongkai/platform';
import { someListSchema, someObjectSchema } from '@gongkai/contracts';

/**
 * Citizens' personal data (个人信息) of comments and open-day registrations: kept outside the event
 * log, read through these endpoints only, and erasable. Events keep a masked name, a contact HMAC
 * and the reference, so they stay valid after an erasure; the erasure itself is a decision, recorded
 * as `interpretation.PersonalDataErased` in the consultation's or open day's stream.
 */
@ApiTags('interpretation: 个人信息')
@ApiBearerAuth()
@Controller('api/interpretation')
export class PersonalDataController {
  constructor(private readonly personalData: PersonalDataAccess) {}

  @Get('personal-data/:refId')
  @Returns(someObjectSchema)
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: '查阅意见提出人或开放日报名者的个人信息（仅限所属单位工作人员）' })
  get(@Param('refId') refId: string, @CurrentPrincipal() principal: Principal) {
    return this.personalData.read(refId, principal);
  }

  @Get('open-days/:openDayId/registrants')
  @Returns(someListSchema, { bounded: 'the registrants of one open day: at most its capacity' })
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: '开放日报名者名单（姓名、联系方式；仅限主办单位工作人员，用于联系报名者）' })
  registrants(@Param('openDayId') openDayId: string, @CurrentPrincipal() principal: Principal) {
    return this.personalData.registrants(openDayId, principal);
  }

  @Delete('personal-data/:refId')
  @Roles(...STAFF_ROLES)
  @HttpCode(200)
  @ApiOperation({ summary: '删除个人信息（所属单位或区政务公开办；须说明理由，记为“删除个人信息”事件；事件中仅保留隐去后的姓名）' })
  @ApiBody({ schema: jsonSchemaOf(erasePersonalDataBody) })
  async erase(
    @Param('refId') refId: string,
    @Body() raw: unknown,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<{ refId: string; erasedOn: string; revision?: number }> {
    // Express 5 leaves the body undefined when none was sent: still a field error on `reason`.
    const { reason } = parseInput(erasePersonalDataBody, raw ?? {});
    const { erasedOn, revision } = await this.personalData.erase(refId, reason, commandContext(request));
    if (revision === undefined) return { refId, erasedOn };
    // As every command answers: the revision of the consultation's or open day's stream it wrote.
    setRevision(response, revision);
    return { refId, erasedOn, revision };
  }
}
