import type { INestApplication } from '@nestjs/common';
import type {
  Actor,
  DisclosureAttribute,
  FileRef,
  OfficialDocumentType,
  Redaction,
  TopicCategory,
  WithholdingGround,
} from '@gongkai/contracts';
import {
  documentDecider,
  documentNumberDecider,
  documentNumberStreamId,
  documentStreamId,
  indexNumberDecider,
  indexNumberOf,
  indexNumberStreamId,
  type DocumentCommand,
} from '@gongkai/document-attributes';
import { BLOB_STORE, CommandHandler, type BlobStore, type CommandContext } from '@gongkai/platform';
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
  writtenOn?: string;
  topic?: TopicCategory;
  /** The body (正文): a short text written for the demo, marked 示例, stored as a UTF-8 text file. */
  body?: string;
  /** Annexes; one may have a redacted version published in its place. */
  annexes?: { title: string; text: string; redacted?: { text: string; redactions: Redaction[] } }[];
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
    writtenOn: '2020-09-15',
    topic: '综合政务',
    body: [
      '（示例文本，为演示编写，非真实公文）',
      '各镇人民政府、街道办事处，区政府各部门：',
      '现将《全面推进基层政务公开标准化规范化工作的实施方案》印发给你们，请结合实际认真贯彻落实。',
      '一、工作目标。2020年底前，编制完成26个试点领域的基层政务公开标准目录，建立健全政务公开事项清单动态调整机制。',
      '二、主要任务。各单位要梳理公开事项，明确公开主体、公开时限和公开渠道，依托区政府门户网站政府信息公开专栏集中发布。',
      '三、保障措施。区政府办公室负责统筹协调，将政务公开工作纳入年度绩效考核。',
    ].join('\n'),
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
    writtenOn: '2026-02-26',
    topic: '科技、教育',
    body: [
      '（示例文本，为演示编写，非真实公文）',
      '各镇（街道）中心学校，区直各学校：',
      '一、坚持免试就近入学。公办义务教育学校按照划定的学区招生，不得以任何形式的考试选拔学生。',
      '二、做好特殊群体入学保障。对最低生活保障家庭、特困供养家庭子女和残疾儿童少年，优先安排就近入学。',
      '三、网上报名时间为2026年7月1日至7月10日，学区划分及报名材料以各校公告为准。',
    ].join('\n'),
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
    writtenOn: '2021-03-30',
    topic: '城乡建设、环境保护',
    body: [
      '（示例文本，为演示编写，非真实公文）',
      '各镇人民政府、街道办事处：',
      '为加强农村危房改造质量安全管理，现就有关事项通知如下：',
      '一、危房改造对象须经农户申请、村级评议、镇级审核、区级审批，并在村务公开栏公示不少于7天。',
      '二、改造房屋须符合抗震设防要求，竣工后由镇街道组织验收，验收合格后拨付补助资金。',
    ].join('\n'),
    issuedOn: '2021-04-06',
    publishedOn: '2021-04-12',
    repealed: { effectiveOn: '2025-12-01', legalBasis: '台住建发〔2025〕20号决定废止' },
  },
  {
    documentId: 'demo-tmf-2026-2',
    unitId: 'TEZ-CIVIL',
    title: '台儿庄区民政局关于提高2026年城乡最低生活保障标准的通知',
    documentNumber: '台民发〔2026〕2号',
    documentType: '行政规范性文件',
    needsInterpretation: true,
    catalogueItemIds: ['社会救助-最低生活保障'],
    proposal: { attribute: '主动公开' },
    writtenOn: '2026-01-20',
    topic: '民政、扶贫、救灾',
    issuedOn: '2026-01-23',
    publishedOn: '2026-01-26',
    body: [
      '（示例文本，为演示编写，非真实公文）',
      '各镇人民政府、街道办事处：',
      '经区政府同意，自2026年1月1日起提高城乡最低生活保障标准：城市低保标准由每人每月820元提高到860元，农村低保标准由每人每年7800元提高到8400元。',
      '特困人员基本生活标准按不低于当地低保标准的1.3倍同步调整。',
      '各镇街道要在2026年2月底前完成保障对象家庭经济状况的复核，按新标准足额发放保障金，不得截留挪用。',
    ].join('\n'),
    annexes: [
      {
        title: '附件 首批调整对象名单（示例）',
        text: '序号 姓名 身份证号码 住址 月保障金\n1 王某某 370405196001011234 运河街道某村3号 860元\n',
        redacted: {
          text: '序号 姓名 身份证号码 住址 月保障金\n1 王某某 ■■■■ ■■■■ 860元\n',
          redactions: [{ ground: 'PERSONAL_PRIVACY', description: '保障对象的身份证号码和住址' }],
        },
      },
    ],
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
  const blobs = app.get<BlobStore>(BLOB_STORE);
  const stored = async (text: string, name: string): Promise<FileRef> => {
    const { sha256, size, mediaType, originalName } = await blobs.put(Buffer.from(text, 'utf8'), {
      declaredMediaType: 'text/plain',
      originalName: name,
    });
    return { sha256, size, mediaType, originalName };
  };
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
        ...(doc.writtenOn ? { writtenOn: doc.writtenOn } : {}),
        ...(doc.topic ? { topic: doc.topic } : {}),
        by: drafter,
      },
      drafter,
    );
    const attach = (
      role: 'body' | 'annex' | 'redacted-annex',
      annexId: string | null,
      title: string,
      file: FileRef,
      redactions: Redaction[] = [],
    ) => run({ type: 'AttachFile', role, annexId, title, file, redactions, by: drafter }, drafter);
    if (doc.body) await attach('body', null, '正文', await stored(doc.body, `${doc.documentNumber}.txt`));
    for (const [n, annex] of (doc.annexes ?? []).entries()) {
      const annexId = `${doc.documentId}-annex-${n + 1}`;
      await attach('annex', annexId, annex.title, await stored(annex.text, `附件${n + 1}.txt`));
      if (annex.redacted) {
        await attach(
          'redacted-annex',
          annexId,
          annex.title,
          await stored(annex.redacted.text, `附件${n + 1}（删除处理后公开）.txt`),
          annex.redacted.redactions,
        );
      }
    }
    let forwarded = null;
    if (doc.forwardsDocumentId) {
      const source = (await commands.load(documents, documentStreamId(doc.forwardsDocumentId))).state;
      if (source.status === 'registered')
        forwarded = { documentId: source.documentId, attribute: source.attribute, legalBasis: source.legalBasis, reason: source.reason };
    }
    await run({ type: 'ProposeAttribute', ...doc.proposal, forwarded, by: drafter }, drafter);
    if (!doc.issuedOn) continue;
    await run({ type: 'ReviewAttribute', outcome: 'approve', by: reviewer }, reviewer);
    const year = Number(doc.issuedOn.slice(0, 4));
    const numbered = await commands.handle(
      indexNumberDecider,
      indexNumberStreamId(doc.unitId, year),
      { type: 'AssignIndexNumber', unitId: doc.unitId, year, documentId: doc.documentId },
      as(drafter),
    );
    const indexNumber = indexNumberOf(numbered.state, doc.documentId) ?? undefined;
    await run({ type: 'IssueDocument', issuedOn: doc.issuedOn, indexNumber, by: drafter }, drafter);
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
