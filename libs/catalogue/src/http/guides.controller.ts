import { Body, Controller, Get, Param, Put, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { multiLineText, singleLineText, someObjectSchema } from '@gongkai/contracts';
import { DISTRICT_READER_ROLES, STAFF_ROLES } from '@gongkai/contracts/vocabulary';
import {
  type AuthenticatedRequest,
  CachedRead,
  commandContext,
  Public,
  requestTime,
  Returns,
  ReturnsFile,
  Roles,
  setRevision,
  ZodPipe,
} from '@gongkai/platform';
import { toShanghaiDate } from '@gongkai/working-days';
import { UnitGuides } from '../application/guides';

const guideBody = z.object({
  office: singleLineText(100, 2),
  address: singleLineText(200, 4),
  hours: singleLineText(200, 2),
  phone: singleLineText(60, 5),
  channels: multiLineText(1000, 2),
  howToApply: multiLineText(3000, 10),
  fees: multiLineText(1000, 2),
  remedies: multiLineText(1000, 10),
  proactive: multiLineText(2000, 2).optional(),
});

/** 政府信息公开指南 (Art. 12): the unit keeps it, the portal shows it with the application form, the district checks it. */
@ApiTags('catalogue: 公开指南')
@ApiBearerAuth()
@Controller('api/catalogue')
export class GuidesController {
  constructor(private readonly guides: UnitGuides) {}

  @Put('units/:unitId/guide')
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: '发布本单位政府信息公开指南（新版本）' })
  async publish(
    @Param('unitId') unitId: string,
    @Body(new ZodPipe(guideBody)) body: z.infer<typeof guideBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.guides.publish(unitId, body, commandContext(request));
    setRevision(response, result.revision);
    return result;
  }

  @Get('guides/status')
  @Returns(z.array(someObjectSchema), { bounded: 'one row per unit of the district (about 60)' })
  @Roles(...DISTRICT_READER_ROLES)
  @ApiOperation({ summary: '各单位公开指南情况：未发布、超过一年未更新' })
  status(@Req() request: AuthenticatedRequest) {
    return this.guides.status(toShanghaiDate(requestTime(request)));
  }

  @Get('portal/units/:unitId/guide')
  @Returns(someObjectSchema)
  @Public()
  @CachedRead('catalogue')
  @ApiOperation({ summary: '单位的政府信息公开指南（公众）' })
  current(@Param('unitId') unitId: string) {
    return this.guides.current(unitId);
  }

  @Get('portal/units/:unitId/application-form')
  @ReturnsFile(['application/vnd.openxmlformats-officedocument.wordprocessingml.document'])
  @Public()
  @ApiOperation({ summary: '政府信息公开申请表（.docx，公众下载）' })
  async form(@Param('unitId') unitId: string, @Res() response: Response) {
    const form = await this.guides.applicationForm(unitId);
    response.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    response.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(form.filename)}`);
    response.send(form.buffer);
  }
}
