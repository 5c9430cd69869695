import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { actorOf, DomainError, Roles, type AuthenticatedRequest, type ExternalRoot } from '@gongkai/platform';
import { AuditService, parseAsOf } from './audit.service';
import type { ExportSelection } from './export';
import { pageFields, pageOf, Returns, ReturnsFile, ReturnsPage, ZodPipe } from '@gongkai/platform';
import { z } from 'zod';

const anchorsQuery = z.object(pageFields());
import {
  auditAnchorsViewSchema,
  auditHistoryViewSchema,
  auditReadModelsViewSchema,
  recordVerificationSchema,
  someObjectSchema,
} from '@gongkai/contracts';

const positiveInt = (name: string, value: string | undefined): number => {
  const n = Number(value);
  if (!value || !Number.isInteger(n) || n < 0) throw DomainError.validation('BAD_PARAMETER', `参数 ${name} 应为非负整数。`);
  return n;
};

/** The auditors' read-only API (docs/audit.md); recording an anchor is for the district office. */
@ApiTags('audit 审计')
@ApiBearerAuth()
@Controller('api/audit')
@Roles('auditor', 'district_office', 'admin')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get('verify')
  @Returns(recordVerificationSchema)
  @ApiOperation({ summary: '完整性校验：哈希链与锚点（可附公布的根 root 与位置 position）' })
  async verify(@Query('root') root?: string, @Query('position') position?: string) {
    const external: ExternalRoot[] = [];
    if (root !== undefined) {
      if (!/^[0-9a-f]{64}$/.test(root)) throw DomainError.validation('BAD_ROOT', 'root 应为 64 位十六进制 SHA-256 值。');
      external.push({ root, position: positiveInt('position', position) });
    }
    return this.audit.verify(external);
  }

  @Get('history/:target')
  @Returns(auditHistoryViewSchema)
  @ApiOperation({ summary: '决定记录：一个事件流或实体（单位代码、申请编号……）的全部决定' })
  async history(@Param('target') target: string, @Req() request: AuthenticatedRequest) {
    // Auditors and admins read personal data as 已脱敏; the district office in clear.
    const { streams, entries } = await this.audit.history(target, request.principal.role);
    if (streams.length === 0) throw DomainError.notFound('STREAM_NOT_FOUND', `未找到 ${target} 的事件流。`);
    return { target, streams, entries };
  }

  @Get('read-models')
  @Returns(auditReadModelsViewSchema, { bounded: 'the read models of the installation (a fixed set)' })
  @ApiOperation({ summary: '读模型列表' })
  readModels() {
    return this.audit.readModels().map((p) => ({ name: p.name, collections: p.collections, eventTypes: p.eventTypes }));
  }

  @Get('read-models/:name/as-of')
  @Returns(someObjectSchema)
  @ApiOperation({ summary: '时间回溯：读模型在某一时刻的内容（at=YYYY-MM-DD 或 ISO 时间）' })
  asOf(@Param('name') name: string, @Query('at') at?: string) {
    if (!at) throw DomainError.validation('BAD_DATE', '请提供 at 参数。');
    return this.audit.asOf(name, parseAsOf(at));
  }

  @Get('read-models/:name/compare')
  @Returns(someObjectSchema)
  @ApiOperation({ summary: '重放读模型到临时数据库并与在用读模型逐条比对' })
  compare(@Param('name') name: string) {
    return this.audit.compare(name);
  }

  @Get('export')
  @ReturnsFile(['application/x-ndjson'])
  @ApiOperation({ summary: '导出事件（JSON Lines，含哈希与覆盖它们的锚点），stream= 或 from=&to=' })
  async export(@Res() response: Response, @Query('stream') stream?: string, @Query('from') from?: string, @Query('to') to?: string) {
    const selection: ExportSelection = stream ? { stream } : { from: positiveInt('from', from), to: positiveInt('to', to) };
    response.setHeader('content-type', 'application/x-ndjson; charset=utf-8');
    for await (const line of this.audit.exportLines(selection)) response.write(`${line}\n`);
    response.end();
  }

  @Get('anchors')
  @ReturnsPage(auditAnchorsViewSchema.element)
  @ApiOperation({ summary: '锚点列表（最新的在前；分页，总数见 X-Total-Count），含可归档的文本' })
  async anchors(@Query(new ZodPipe(anchorsQuery)) query: z.infer<typeof anchorsQuery>) {
    const anchors = [...(await this.audit.anchors())].reverse();
    const found = pageOf(anchors, query);
    return {
      ...found,
      rows: found.rows.map((a) => ({
        revision: a.streamRevision,
        recordedAt: a.recordedAt,
        ...a.data,
        changed: a.data.changed.length,
        text: this.audit.anchorText(a),
      })),
    };
  }

  @Post('anchors')
  @HttpCode(200)
  @Roles('district_office', 'admin')
  @ApiOperation({ summary: '立即记录锚点（无新事件时返回最近的锚点）' })
  async recordAnchor(@Req() request: AuthenticatedRequest) {
    const anchor = (await this.audit.anchor(actorOf(request.principal), 'http')) ?? (await this.audit.anchors()).at(-1) ?? null;
    if (!anchor) throw DomainError.rule('NOTHING_TO_ANCHOR', '记录为空，无需锚点。');
    return {
      revision: anchor.streamRevision,
      recordedAt: anchor.recordedAt,
      root: anchor.data.root,
      position: anchor.data.position,
      text: this.audit.anchorText(anchor),
    };
  }
}
