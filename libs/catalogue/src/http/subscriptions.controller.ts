import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { DOMAIN_CODES, unitIdSchema } from '@gongkai/contracts';
import { Public, PublicSubmission, requestTime, Returns, ReturnsFile, ZodPipe, type AuthenticatedRequest } from '@gongkai/platform';
import { CatalogueFeeds } from '../application/feeds';
import { Subscriptions } from '../application/subscriptions';

const subscribeBody = z
  .object({
    email: z.email({ message: '电子邮箱格式不正确' }).max(100),
    unitId: unitIdSchema.optional(),
    domainCode: z.enum(DOMAIN_CODES).optional(),
  })
  .refine((b) => Boolean(b.unitId) !== Boolean(b.domainCode), { message: '请选择一个单位或一个领域' });
const tokenQuery = z.object({ token: z.string().min(10).max(200) });

/** 精准推送: subscribe by e-mail to a unit's or a domain's new publications; their Atom feeds. */
@ApiTags('catalogue: 订阅')
@Controller('api/catalogue')
export class SubscriptionsController {
  constructor(
    private readonly subscriptions: Subscriptions,
    private readonly feeds: CatalogueFeeds,
  ) {}

  @Post('subscriptions')
  @Returns(z.object({ targetName: z.string(), message: z.string() }), { status: 202 })
  @PublicSubmission('TOO_MANY_SUBSCRIPTIONS')
  @ApiOperation({ summary: '订阅单位或领域的新发布信息（发送确认邮件）' })
  async subscribe(
    @Body(new ZodPipe(subscribeBody)) body: z.infer<typeof subscribeBody>,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const target = body.unitId ? { unitId: body.unitId } : { domainCode: body.domainCode ?? '' };
    const { targetName } = await this.subscriptions.subscribe(body.email, target, new Date(requestTime(request)));
    response.status(202);
    return { targetName, message: `确认邮件已发送，请打开邮件中的链接完成订阅“${targetName}”。` };
  }

  @Post('subscriptions/confirm')
  @HttpCode(200)
  @Public()
  @ApiOperation({ summary: '确认订阅（邮件中的链接）' })
  confirm(@Query(new ZodPipe(tokenQuery)) query: z.infer<typeof tokenQuery>, @Req() request: AuthenticatedRequest) {
    return this.subscriptions.confirm(query.token, new Date(requestTime(request)));
  }

  /** RFC 8058 one-click (mail clients POST here) and the portal's unsubscribe page. */
  @Post('subscriptions/unsubscribe')
  @HttpCode(200)
  @Public()
  @ApiOperation({ summary: '一键退订' })
  unsubscribe(@Query(new ZodPipe(tokenQuery)) query: z.infer<typeof tokenQuery>) {
    return this.subscriptions.unsubscribe(query.token);
  }

  @Get('feeds/units/:unitId')
  @ReturnsFile(['application/atom+xml'])
  @Public()
  @ApiOperation({ summary: '单位新发布信息的 Atom 订阅源' })
  async unitFeed(@Param('unitId') unitId: string, @Res() response: Response) {
    response.type('application/atom+xml; charset=utf-8').send(await this.feeds.unit(unitId));
  }

  @Get('feeds/domains/:domainCode')
  @ReturnsFile(['application/atom+xml'])
  @Public()
  @ApiOperation({ summary: '领域新发布信息的 Atom 订阅源' })
  async domainFeed(@Param('domainCode') domainCode: string, @Res() response: Response) {
    response.type('application/atom+xml; charset=utf-8').send(await this.feeds.domain(domainCode));
  }
}
