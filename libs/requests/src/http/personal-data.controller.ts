import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { PERSONAL_DATA_ERASER_ROLES } from '@gongkai/contracts/vocabulary';
import { commandContext, jsonSchemaOf, Roles, ZodPipe, type AuthenticatedRequest } from '@gongkai/platform';
import { ApplicantPersonalData } from '../application/personal-data';
import { plainText } from './request.schemas';
import { Returns } from '@gongkai/platform';
import { applicantErasureViewSchema } from '@gongkai/contracts';

export const erasePersonalDataBody = z.object({
  /** 本人申请删除 or 法院裁判要求 (retention is the system's own reason). */
  reason: z.enum(['request_by_person', 'court_order']),
  /** What was asked or ordered: the person's written request and its date, the court's decision and number. */
  note: plainText(2, 500),
});

/** Erasing an applicant's personal data (个人信息保护法 Art. 47): the unit's office head, with the reason recorded. */
@ApiTags('requests: 依申请公开')
@ApiBearerAuth()
@Controller('api/requests')
export class PersonalDataController {
  constructor(private readonly personalData: ApplicantPersonalData) {}

  @Post(':requestId/erase-personal-data')
  @Returns(applicantErasureViewSchema)
  @HttpCode(200)
  @Roles(...PERSONAL_DATA_ERASER_ROLES)
  @ApiOperation({ summary: '删除申请人个人信息（本人申请或法院裁判；工作机构负责人，记录理由；案件事实与统计数据保留）' })
  @ApiBody({ schema: jsonSchemaOf(erasePersonalDataBody) })
  erase(
    @Param('requestId') requestId: string,
    @Body(new ZodPipe(erasePersonalDataBody)) body: z.infer<typeof erasePersonalDataBody>,
    @Req() request: AuthenticatedRequest,
  ) {
    return this.personalData.eraseOnRequest(requestId, body.reason, body.note, commandContext(request));
  }
}
