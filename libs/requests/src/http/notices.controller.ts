import { Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { READER_ROLES, STAFF_ROLES } from '@gongkai/contracts/vocabulary';
import { requestTime, Returns, Roles, ZodPipe, type AuthenticatedRequest } from '@gongkai/platform';
import { someObjectSchema } from '@gongkai/contracts';
import { RequestNotices } from '../application/notices';

const noticeQuery = z.object({
  unitId: z.string().min(1).max(40).optional(),
  status: z.string().min(1).max(20).optional(),
  requestId: z.string().min(1).max(64).optional(),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** The notices outbox in the console: what was sent to applicants and staff, what waits, what failed. */
@ApiTags('requests: 通知')
@ApiBearerAuth()
@Controller('api/requests/notices')
export class NoticesController {
  constructor(private readonly notices: RequestNotices) {}

  @Get()
  @Returns(someObjectSchema)
  @Roles(...READER_ROLES)
  @ApiOperation({ summary: '通知列表（电子邮件）：类型、状态、尝试次数，分页' })
  list(@Query(new ZodPipe(noticeQuery)) query: z.infer<typeof noticeQuery>, @Req() request: AuthenticatedRequest) {
    return this.notices.page(request.principal, query);
  }

  @Post(':noticeId/retry')
  @HttpCode(200)
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: '重新发送发送失败的通知' })
  retry(@Param('noticeId') noticeId: string, @Req() request: AuthenticatedRequest) {
    return this.notices.retry(request.principal, noticeId, new Date(requestTime(request)));
  }
}
