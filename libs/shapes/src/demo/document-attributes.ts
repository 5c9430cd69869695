import type { INestApplication } from '@nestjs/common';
import type { Actor, DisclosureAttribute, OfficialDocumentType, WithholdingGround } from '@gongkai/contracts';
import {
  documentDecider,
  documentNumberDecider,
  documentNumberStreamId,
  documentStreamId,
  type DocumentCommand,
} from '@gongkai/document-attributes';
import { CommandHandler, type CommandContext } from '@gongkai/platform';
import { defaultWorkingDayCalendar } from '@gongkai/working-days';

interface DemoDocument {
  documentId: string;
  unitId: string;
  title: string;
  documentNumber: string;
  documentType: OfficialDocumentType;
  needsInterpretation: boolean;
  catalogueItemIds?: string[];
  forwardsDocumentId?: string;
  proposal: { attribute?: DisclosureAttribute; legalBasis?: WithholdingGround; reason?: string };
  /** Stops after the proposal when absent (awaiting 保密审查). */
  issuedOn?: string;
  publishedOn?: string;
  repealed?: { effectiveOn: string; legalBasis: string };
}

/** Realistic documents of the district (the seed itself first), through the lifecycle's stages. */
export const DEMO_DOCUMENTS: DemoDocument[] = [
  {
    documentId: 'demo-tzbf-2020-10',
    unitId: 'TEZ-GOV-OFFICE',
    title: '台儿庄区人民政府办公室关于印发《全面推进基层政务公开标准化规范化工作的实施方案》的通知',
    documentNumber: '台政办发〔2020〕10号',
    documentType: '其他',
    needsInterpretation: true,
    proposal: { attribute: '主动公开' },
    issuedOn: '2020-09-19',
    publishedOn: '2020-09-25',
  },
  {
    documentId: 'demo-zzf-2020-15',
    unitId: 'TEZ-ZSZ',
    title: '张山子镇人民政府关于转发《全面推进基层政务公开标准化规范化工作的实施方案》的通知',
    documentNumber: '张政发〔2020〕15号',
    documentType: '其他',
    needsInterpretation: false,
    forwardsDocumentId: 'demo-tzbf-2020-10',
    proposal: {}, // inherits 主动公开
    issuedOn: '2020-10-09',
    publishedOn: '2020-10-14',
  },
  {
    documentId: 'demo-tjtf-2026-3',
    unitId: 'TEZ-EDU',
    title: '台儿庄区教育和体育局关于做好2026年义务教育招生入学工作的通知',
    documentNumber: '台教体发〔2026〕3号',
    documentType: '行政规范性文件',
    needsInterpretation: true,
    catalogueItemIds: ['义务教育-招生入学'],
    proposal: { attribute: '主动公开' },
    issuedOn: '2026-03-02', // not published: overdue from 2026-03-31
  },
  {
    documentId: 'demo-twjf-2025-12',
    unitId: 'TEZ-HEALTH',
    title: '台儿庄区卫生健康局关于申请基层医疗卫生机构设备购置资金的请示',
    documentNumber: '台卫健发〔2025〕12号',
    documentType: '其他',
    needsInterpretation: false,
    proposal: { attribute: '不予公开', legalBasis: 'PROCESS_INFORMATION', reason: '属于向区政府的请示报告，为过程性信息' },
    issuedOn: '2025-05-12',
  },
  {
    documentId: 'demo-tmf-2025-8',
    unitId: 'TEZ-CIVIL',
    title: '台儿庄区民政局关于2025年第二季度城乡最低生活保障对象审核情况的通报',
    documentNumber: '台民发〔2025〕8号',
    documentType: '其他',
    needsInterpretation: false,
    catalogueItemIds: ['社会救助-最低生活保障'],
    proposal: {
      attribute: '依申请公开',
      reason: '附有保障对象姓名、家庭收入等个人信息，涉及特定对象，不属于第十九条至第二十一条规定的主动公开范围',
    },
    issuedOn: '2025-06-03',
  },
  {
    documentId: 'demo-tzjf-2021-5',
    unitId: 'TEZ-HOUSING',
    title: '台儿庄区住房和城乡建设局关于加强农村危房改造质量安全管理的通知',
    documentNumber: '台住建发〔2021〕5号',
    documentType: '行政规范性文件',
    needsInterpretation: true,
    catalogueItemIds: ['农村危房改造-政策文件'],
    proposal: { attribute: '主动公开' },
    issuedOn: '2021-04-06',
    publishedOn: '2021-04-12',
    repealed: { effectiveOn: '2025-12-01', legalBasis: '台住建发〔2025〕20号决定废止' },
  },
  {
    documentId: 'demo-tzrf-2026-4',
    unitId: 'TEZ-NATRES',
    title: '台儿庄区自然资源局关于2026年度集体土地征收补偿安置方案的公告（征求意见稿）',
    documentNumber: '台自然资发〔2026〕4号',
    documentType: '其他',
    needsInterpretation: true,
    catalogueItemIds: ['征地补偿-补偿安置方案'],
    proposal: { attribute: '主动公开' }, // awaiting 保密审查
  },
];

/**
 * Loads the demo documents through the same command handler as real use (drafter, a different
 * reviewer, issue, publication). Idempotent: does nothing when the first demo number is taken.
 */
export async function loadDocumentAttributesDemo(app: INestApplication): Promise<void> {
  const commands = app.get(CommandHandler);
  const first = DEMO_DOCUMENTS[0];
  const existing = await commands.load(documentNumberDecider, documentNumberStreamId(first.unitId, first.documentNumber));
  if (existing.state.documentId !== null) return;
  const now = new Date().toISOString();
  const documents = documentDecider(defaultWorkingDayCalendar());
  for (const doc of DEMO_DOCUMENTS) {
    const drafter: Actor = { userId: `demo-clerk-${doc.unitId}`, role: 'clerk', unitId: doc.unitId };
    const reviewer: Actor = { userId: `demo-reviewer-${doc.unitId}`, role: 'reviewer', unitId: doc.unitId };
    const as = (by: Actor): CommandContext => ({ actor: by, correlationId: 'demo-document-attributes', now });
    const run = (command: DocumentCommand, by: Actor) => commands.handle(documents, documentStreamId(doc.documentId), command, as(by));

    await commands.handle(
      documentNumberDecider,
      documentNumberStreamId(doc.unitId, doc.documentNumber),
      { type: 'ReserveDocumentNumber', unitId: doc.unitId, documentNumber: doc.documentNumber, documentId: doc.documentId },
      as(drafter),
    );
    await run(
      {
        type: 'RegisterDocument',
        documentId: doc.documentId,
        unitId: doc.unitId,
        title: doc.title,
        documentNumber: doc.documentNumber,
        documentType: doc.documentType,
        catalogueItemIds: doc.catalogueItemIds ?? [],
        needsInterpretation: doc.needsInterpretation,
        forwardsDocumentId: doc.forwardsDocumentId ?? null,
        by: drafter,
      },
      drafter,
    );
    let forwarded = null;
    if (doc.forwardsDocumentId) {
      const source = (await commands.load(documents, documentStreamId(doc.forwardsDocumentId))).state;
      if (source.status === 'registered')
        forwarded = { documentId: source.documentId, attribute: source.attribute, legalBasis: source.legalBasis, reason: source.reason };
    }
    await run({ type: 'ProposeAttribute', ...doc.proposal, forwarded, by: drafter }, drafter);
    if (!doc.issuedOn) continue;
    await run({ type: 'ReviewAttribute', outcome: 'approve', by: reviewer }, reviewer);
    await run({ type: 'IssueDocument', issuedOn: doc.issuedOn, by: drafter }, drafter);
    if (doc.publishedOn) {
      await run(
        {
          type: 'RecordPublication',
          channel: '区政府门户网站',
          url: `https://www.tez.gov.cn/zwgk/wj/${doc.documentId}.html`,
          publishedOn: doc.publishedOn,
          by: drafter,
        },
        drafter,
      );
    }
    if (doc.repealed) await run({ type: 'InvalidateDocument', status: '废止', ...doc.repealed }, drafter);
  }
}
