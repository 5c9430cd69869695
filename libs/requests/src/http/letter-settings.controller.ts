import { Body, Controller, Get, HttpCode, Param, Put, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { READER_ROLES } from '@gongkai/contracts/vocabulary';
import { commandContext, jsonSchemaOf, Roles, setRevision, ZodPipe, type AuthenticatedRequest } from '@gongkai/platform';
import { LetterSettings } from '../application/letter-settings';
import { plainText } from './request.schemas';
import { Returns } from '@gongkai/platform';
import { someObjectSchema } from '@gongkai/contracts';

export const letterSettingsBody = z.object({
  /** The unit's name as printed on its letters, e.g. 台儿庄区张山子镇人民政府. */
  printedName: plainText(2, 100),
  /** 行政复议法 Art. 24: for a district department or a town, the district people's government. */
  reconsiderationBody: plainText(2, 100),
  contact: plainText(2, 200).optional(),
  /** The 答复书文号 prefix, e.g. 张政信复. */
  numberPrefix: plainText(1, 40).optional(),
});

/** A unit's reply-letter settings: read by its staff, edited by its office head, versioned as events. */
@ApiTags('requests: 依申请公开')
@ApiBearerAuth()
@Controller('api/requests/letter-settings')
export class LetterSettingsController {
  constructor(private readonly letterSettings: LetterSettings) {}

  @Get(':unitId')
  @Returns(someObjectSchema)
  @Roles(...READER_ROLES)
  @ApiOperation({ summary: '答复书设置（署名、行政复议机关、联系方式、文号前缀）' })
  get(@Param('unitId') unitId: string, @Req() request: AuthenticatedRequest) {
    return this.letterSettings.view(unitId, request.principal);
  }

  @Put(':unitId')
  @HttpCode(200)
  @Roles('office_head')
  @ApiOperation({ summary: '修改答复书设置（本单位政府信息公开工作机构负责人）' })
  @ApiBody({ schema: jsonSchemaOf(letterSettingsBody) })
  async put(
    @Param('unitId') unitId: string,
    @Body(new ZodPipe(letterSettingsBody)) body: z.infer<typeof letterSettingsBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.letterSettings.update(unitId, body, commandContext(request));
    setRevision(response, result.revision);
    return result;
  }
}
