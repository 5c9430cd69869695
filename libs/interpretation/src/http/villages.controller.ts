import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { z } from 'zod';
import {
  assertReadsUnit,
  commandContext,
  jsonSchemaOf,
  parseInput,
  READER_ROLES,
  Roles,
  STAFF_ROLES,
  ZodPipe,
  type AuthenticatedRequest,
} from '@gongkai/platform';
import { Villages } from '../application/villages';
import { villageCommitteeBody, villagePostingBody, villagePostingsQuery } from './schemas';
import { answer, beijingToday } from './support';
import { Returns } from '@gongkai/platform';
import { someObjectSchema } from '@gongkai/contracts';

/** Village and community affairs (村(居)务公开): committees, their postings, the town's report. */
@ApiTags('interpretation: 公众参与、政府开放日、村(居)务公开')
@ApiBearerAuth()
@Controller('api/interpretation')
export class VillagesController {
  constructor(private readonly villageService: Villages) {}

  @Post('villages')
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: '登记村(居)委会（由所属镇街登记）' })
  @ApiBody({ schema: jsonSchemaOf(villageCommitteeBody) })
  async registerVillage(
    @Body(new ZodPipe(villageCommitteeBody)) body: z.infer<typeof villageCommitteeBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.villageService.register(body, commandContext(request));
    return answer(response, result.revision, { committeeId: body.committeeId }, 201);
  }

  @Post('villages/:committeeId/postings')
  @HttpCode(200)
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: '登记村(居)务公开（一般事项按季度，财务按月（如设定），重大事项随时）' })
  @ApiBody({ schema: jsonSchemaOf(villagePostingBody) })
  async villagePosting(
    @Param('committeeId') committeeId: string,
    @Body(new ZodPipe(villagePostingBody)) body: z.infer<typeof villagePostingBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.villageService.recordPosting(committeeId, body, commandContext(request));
    return answer(response, result.revision, { committeeId, posting: result.events[0]?.data });
  }

  @Get('towns/:townUnitId/village-postings')
  @Returns(someObjectSchema, { query: villagePostingsQuery })
  @Roles(...READER_ROLES)
  @ApiOperation({ summary: '本镇街所辖村(居)委会的公开安排、已公开事项和逾期未公开情况（截至 asOf，默认今天）' })
  @ApiQuery({ name: 'asOf', required: false, description: 'YYYY-MM-DD' })
  async townVillagePostings(@Param('townUnitId') townUnitId: string, @Query() raw: unknown, @Req() request: AuthenticatedRequest) {
    assertReadsUnit(request.principal, townUnitId);
    const { asOf = beijingToday(request) } = parseInput(villagePostingsQuery, raw);
    return this.villageService.townReport(townUnitId, asOf);
  }
}
