import type { UnitGuideContent, UnitGuidePublished } from '@gongkai/contracts';
import type { GuideStatusView } from '@gongkai/contracts/vocabulary';
import { DomainError, type CommandContext, type CommandHandler } from '@gongkai/platform';
import { toShanghaiDate, type LocalDate } from '@gongkai/working-days';
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { guideOutdated, guideStreamId } from '../domain/guide';
import { guideDecider } from '../domain/guide.decide';
import type { CatalogueGuidesProjection } from '../read-models/guides.projection';
import type { CatalogueUnitsProjection } from '../read-models/units.projection';

/** 政府信息公开指南 (Art. 12): each unit's, versioned; the application form; the district's overview. */
export class UnitGuides {
  constructor(
    private readonly commands: CommandHandler,
    private readonly guides: Pick<CatalogueGuidesProjection, 'get' | 'all'>,
    private readonly units: Pick<CatalogueUnitsProjection, 'get' | 'list'>,
  ) {}

  async publish(unitId: string, content: UnitGuideContent, context: CommandContext) {
    if (!(await this.units.get(unitId))) throw DomainError.notFound('UNIT_NOT_FOUND', `单位 ${unitId} 不存在。`);
    const result = await this.commands.handle(
      guideDecider,
      guideStreamId(unitId),
      { type: 'PublishGuide', unitId, content, today: toShanghaiDate(context.now), by: context.actor },
      context,
    );
    return { unitId, revision: result.revision };
  }

  /** The unit's current guide as the portal shows it. */
  async current(unitId: string): Promise<UnitGuidePublished & { unitName: string }> {
    const [guide, unit] = await Promise.all([this.guides.get(unitId), this.units.get(unitId)]);
    if (!guide || !unit) throw DomainError.notFound('GUIDE_NOT_PUBLISHED', '该单位尚未发布政府信息公开指南。');
    return { ...guide, unitName: unit.name };
  }

  /** Every unit with the state of its guide: missing, older than a year (to review), or current. */
  async status(today: LocalDate): Promise<GuideStatusView[]> {
    const [units, guides] = await Promise.all([this.units.list(), this.guides.all()]);
    const byUnit = new Map(guides.map((g) => [g.unitId, g]));
    return units.map((u) => {
      const g = byUnit.get(u.unitId);
      const state = !g ? 'missing' : guideOutdated(g.publishedOn, today) ? 'outdated' : 'current';
      return { unitId: u.unitId, unitName: u.name, state, version: g?.version ?? null, publishedOn: g?.publishedOn ?? null };
    });
  }

  /** 政府信息公开申请表 (.docx) addressed to the unit, the fields of Art. 29. */
  async applicationForm(unitId: string): Promise<{ filename: string; buffer: Buffer }> {
    const unit = await this.units.get(unitId);
    if (!unit) throw DomainError.notFound('UNIT_NOT_FOUND', `单位 ${unitId} 不存在。`);
    const cell = (text: string, bold = false) =>
      new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold, size: 24, font: '仿宋' })] })] });
    const rows: [string, string][] = [
      ['申请人类型', '□ 自然人　□ 法人　□ 其他组织'],
      ['姓名／名称', ''],
      ['证件类型及号码（自然人）', ''],
      ['联系人（法人或其他组织）', ''],
      ['联系电话', ''],
      ['电子邮箱', ''],
      ['通信地址及邮政编码', ''],
      ['所需政府信息的名称、文号或者便于查询的其他特征性描述', ''],
      ['获取信息的方式', '□ 纸质　□ 电子数据'],
      ['送达方式', '□ 邮寄　□ 电子邮件　□ 当面领取　□ 网上获取'],
      ['申请人签名（盖章）及日期', ''],
    ];
    const document = new Document({
      creator: 'gongkai',
      sections: [
        {
          children: [
            new Paragraph({
              alignment: AlignmentType.CENTER,
              spacing: { after: 240 },
              children: [new TextRun({ text: '政府信息公开申请表', bold: true, size: 36, font: '宋体' })],
            }),
            new Paragraph({ children: [new TextRun({ text: `受理机关：${unit.name}`, size: 28, font: '仿宋' })] }),
            new Table({
              width: { size: 100, type: WidthType.PERCENTAGE },
              rows: rows.map(([label, value]) => new TableRow({ children: [cell(label, true), cell(value)] })),
            }),
            new Paragraph({
              spacing: { before: 240 },
              children: [
                new TextRun({
                  text: '说明：依据《中华人民共和国政府信息公开条例》第二十九条填写。申请内容不明确的，本机关将一次性告知补正。',
                  size: 22,
                  font: '仿宋',
                }),
              ],
            }),
          ],
        },
      ],
    });
    return { filename: `政府信息公开申请表-${unit.name}.docx`, buffer: await Packer.toBuffer(document) };
  }
}
