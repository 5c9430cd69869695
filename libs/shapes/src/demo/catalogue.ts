import type { INestApplication } from '@nestjs/common';
import { v5 as uuidv5 } from 'uuid';
import {
  checklistDecider,
  checklistStreamId,
  matchCategories,
  GUIDELINE_STREAM_ID,
  guidelineDecider,
  itemDecider,
  itemStreamId,
  negativeEntryDecider,
  negativeEntryStreamId,
  SAMPLE_GUIDELINE_COMMAND,
  unitDecider,
  unitStreamId,
  type ItemCommand,
} from '@gongkai/catalogue';
import type { DomainCode, ItemContent } from '@gongkai/contracts';
import { CommandHandler, type CommandContext } from '@gongkai/platform';
import { toShanghaiDate } from '@gongkai/working-days';

const NAMESPACE = '6f1d3c52-8a4e-4d8b-9a51-2b7e0c1f9d10';
const idOf = (key: string) => uuidv5(key, NAMESPACE);

const TWENTY_WORKING_DAYS = {
  text: '信息形成或者变更之日起20个工作日内',
  rule: { kind: 'working_days_after_formation' as const, days: 20 },
};

/** Responsible domains of some demo units (DEMO_UNITS in demo-data.ts). */
const RESPONSIBLE: Record<string, DomainCode[]> = {
  'TEZ-ZSZ': ['compulsory-education', 'social-assistance', 'elderly-care', 'budget'],
  'TEZ-YHJD': ['social-assistance', 'elderly-care', 'budget'],
  'TEZ-EDU': ['compulsory-education', 'budget'],
  'TEZ-CIVIL': ['social-assistance', 'elderly-care', 'budget'],
};

function item(
  unitName: string,
  level: ItemContent['level'],
  domainCode: DomainCode,
  code: string | undefined,
  firstLevel: string,
  secondLevel: string,
  contentText: string,
  law: string,
  article: string,
): ItemContent {
  return {
    domainCode,
    firstLevel,
    secondLevel,
    content: contentText,
    legalBases: [
      { law, article },
      { law: '中华人民共和国政府信息公开条例', article: '第二十条' },
    ],
    timeLimit: TWENTY_WORKING_DAYS,
    subject: unitName,
    method: '主动',
    channels: [{ channel: '政府网站' }, { channel: level === '乡级' ? '社区/企事业单位/村公示栏(电子屏)' : '政务服务中心' }],
    audience: { kind: '全社会' },
    level,
    stage: '结果',
    ...(code ? { guidelineItemCode: code } : {}),
    post: '政务公开专员',
    authority: `${unitName}依法履行${firstLevel}职责`,
    procedure: '经办科室拟稿 → 保密审查 → 分管负责人审核 → 网站发布',
  };
}

const DEMO_ITEMS: { unitId: string; content: ItemContent; publish: boolean }[] = [
  {
    unitId: 'TEZ-ZSZ',
    publish: true,
    content: item(
      '张山子镇人民政府',
      '乡级',
      'social-assistance',
      'social-assistance.S01',
      '最低生活保障',
      '最低生活保障申请受理及公示',
      '申请条件、申请材料、办理流程、审核结果及保障金额公示',
      '社会救助暂行办法',
      '第十一条',
    ),
  },
  {
    unitId: 'TEZ-ZSZ',
    publish: true,
    content: item(
      '张山子镇人民政府',
      '乡级',
      'social-assistance',
      'social-assistance.S02',
      '临时救助',
      '临时救助申请受理及公示',
      '救助对象、救助标准、申请程序、救助结果',
      '社会救助暂行办法',
      '第四十八条',
    ),
  },
  {
    unitId: 'TEZ-ZSZ',
    publish: true,
    content: item(
      '张山子镇人民政府',
      '乡级',
      'compulsory-education',
      'compulsory-education.S01',
      '招生入学',
      '辖区学校招生入学信息',
      '招生范围、招生计划、报名时间及入学结果',
      '中华人民共和国义务教育法',
      '第十二条',
    ),
  },
  {
    unitId: 'TEZ-ZSZ',
    publish: true,
    content: item(
      '张山子镇人民政府',
      '乡级',
      'elderly-care',
      'elderly-care.S01',
      '高龄津贴',
      '高龄津贴申请受理及发放公示',
      '发放对象、发放标准、申领程序、发放名单',
      '山东省老年人权益保障条例',
      '第二十二条',
    ),
  },
  {
    unitId: 'TEZ-ZSZ',
    publish: false,
    content: item(
      '张山子镇人民政府',
      '乡级',
      'budget',
      'budget.S01',
      '财政预算',
      '乡镇财政预算',
      '预算报告、预算表及说明',
      '中华人民共和国预算法',
      '第十四条',
    ),
  },
  {
    unitId: 'TEZ-YHJD',
    publish: true,
    content: item(
      '运河街道办事处',
      '乡级',
      'social-assistance',
      'social-assistance.S01',
      '最低生活保障',
      '城乡低保申请受理及公示',
      '申请条件、审核程序、保障对象名单',
      '社会救助暂行办法',
      '第十一条',
    ),
  },
  {
    unitId: 'TEZ-YHJD',
    publish: true,
    content: item(
      '运河街道办事处',
      '乡级',
      'budget',
      'budget.S02',
      '财政决算',
      '街道财政决算',
      '决算报告、决算表及说明',
      '中华人民共和国预算法',
      '第十四条',
    ),
  },
  {
    unitId: 'TEZ-EDU',
    publish: true,
    content: item(
      '区教育和体育局',
      '县级',
      'compulsory-education',
      'compulsory-education.X02',
      '招生入学',
      '义务教育学校招生入学政策及划片范围',
      '招生政策、划片范围、报名流程、咨询电话',
      '中华人民共和国义务教育法',
      '第十二条',
    ),
  },
  {
    unitId: 'TEZ-EDU',
    publish: true,
    content: item(
      '区教育和体育局',
      '县级',
      'compulsory-education',
      'compulsory-education.X03',
      '学生资助',
      '义务教育阶段学生资助政策及资助名单',
      '资助政策、资助标准、申请程序、受助学生名单',
      '中华人民共和国义务教育法',
      '第四十四条',
    ),
  },
  {
    unitId: 'TEZ-EDU',
    publish: true,
    content: item(
      '区教育和体育局',
      '县级',
      'budget',
      'budget.X01',
      '财政预算',
      '部门预算',
      '部门预算报告及报表、“三公”经费预算',
      '中华人民共和国预算法',
      '第十四条',
    ),
  },
  {
    unitId: 'TEZ-CIVIL',
    publish: true,
    content: item(
      '区民政局',
      '县级',
      'social-assistance',
      'social-assistance.X01',
      '最低生活保障',
      '城乡居民最低生活保障政策及申请审批程序',
      '保障标准、申请条件、审批程序、监督电话',
      '社会救助暂行办法',
      '第九条',
    ),
  },
  {
    unitId: 'TEZ-CIVIL',
    publish: true,
    content: item(
      '区民政局',
      '县级',
      'elderly-care',
      'elderly-care.X02',
      '养老机构',
      '养老机构备案及监督检查结果',
      '备案信息、检查结果、整改情况',
      '养老机构管理办法',
      '第四十一条',
    ),
  },
  {
    unitId: 'TEZ-CIVIL',
    publish: true,
    content: item(
      '区民政局',
      '县级',
      'elderly-care',
      undefined,
      '养老服务',
      '居家社区养老服务站点名录',
      '站点名称、地址、服务内容、联系电话',
      '山东省养老服务条例',
      '第十五条',
    ),
  },
];

/**
 * The catalogue's demo data: the sample guideline (marked 示例), responsible domains, published and
 * draft items for a few units, one revision, one correction request and a negative-list entry, all
 * through the command handler. Needs the demo units (loadDemoData) first; does nothing when the
 * guideline stream already exists.
 */
export async function loadCatalogueDemo(app: INestApplication): Promise<void> {
  const commands = app.get(CommandHandler);
  if ((await commands.load(guidelineDecider, GUIDELINE_STREAM_ID)).revision >= 0) return;
  const now = new Date().toISOString();
  const district: CommandContext = {
    actor: { userId: 'demo-loader', unitId: 'TEZ-GOV-OFFICE', role: 'district_office' },
    correlationId: 'demo-catalogue',
    now,
  };
  const clerkOf = (unitId: string): CommandContext => ({
    actor: { userId: `demo-clerk-${unitId}`, unitId, role: 'clerk' },
    correlationId: 'demo-catalogue',
    now,
  });

  await commands.handle(guidelineDecider, GUIDELINE_STREAM_ID, SAMPLE_GUIDELINE_COMMAND, district);
  for (const [unitId, domainCodes] of Object.entries(RESPONSIBLE)) {
    const { state } = await commands.load(unitDecider, unitStreamId(unitId));
    if (state.status !== 'registered') continue;
    await commands.handle(
      unitDecider,
      unitStreamId(unitId),
      { type: 'AssignResponsibleDomains', domainCodes, reason: '按“三定”方案确定' },
      district,
    );
  }
  for (const [index, { unitId, content, publish }] of DEMO_ITEMS.entries()) {
    const { state } = await commands.load(unitDecider, unitStreamId(unitId));
    if (state.status !== 'registered') continue;
    const itemId = idOf(`demo-item-${index}`);
    const run = (command: ItemCommand, context = clerkOf(unitId)) => commands.handle(itemDecider, itemStreamId(itemId), command, context);
    await run({ type: 'DraftItem', itemId, unitId, content });
    if (publish) await run({ type: 'PublishItem', unitId, at: now });
    if (index === 0) {
      await run({
        type: 'ReviseItem',
        unitId,
        content: { ...content, content: `${content.content}、监督举报电话` },
        reason: '增加监督举报电话',
        at: now,
      });
    }
    if (index === 1) await run({ type: 'ReturnForCorrection', unitId, note: '请补充临时救助的具体救助标准（金额）。' }, district);
  }
  // The units' officers confirmed the obvious places of their published items on the proactive-disclosure checklist (Arts. 20–21).
  for (const [index, { unitId, content }] of DEMO_ITEMS.entries()) {
    const itemId = idOf(`demo-item-${index}`);
    const [unit, item] = await Promise.all([
      commands.load(unitDecider, unitStreamId(unitId)),
      commands.load(itemDecider, itemStreamId(itemId)),
    ]);
    if (unit.state.status !== 'registered' || item.state.status !== 'published') continue;
    const title = content.secondLevel ? `${content.firstLevel}：${content.secondLevel}` : content.firstLevel;
    const target = { kind: 'item' as const, id: itemId, title, unitId, disclosed: true };
    for (const { categoryCode } of matchCategories(unit.state.kind, { title, domainCode: content.domainCode })) {
      const by = clerkOf(unitId);
      await commands.handle(
        checklistDecider,
        checklistStreamId(unitId),
        { type: 'LinkContent', unitId, unitKind: unit.state.kind, categoryCode, target, by: by.actor },
        by,
      );
    }
  }
  const entryId = idOf('demo-negative-0');
  const owner = 'TEZ-CIVIL';
  await commands.handle(
    negativeEntryDecider,
    negativeEntryStreamId(entryId),
    {
      type: 'DraftNegativeEntry',
      entryId,
      ownerUnitId: owner,
      content: {
        matter: '最低生活保障家庭经济状况核对中获取的个人财产明细',
        scope: '核对过程中获取的存款、有价证券、车辆、不动产等明细信息',
        regulationArticle: 15,
        specificBasis: { law: '社会救助暂行办法', article: '第六十六条' },
        lastReviewedOn: toShanghaiDate(now),
      },
    },
    clerkOf(owner),
  );
  await commands.handle(
    negativeEntryDecider,
    negativeEntryStreamId(entryId),
    { type: 'PublishNegativeEntry', ownerUnitId: owner, at: now },
    clerkOf(owner),
  );
}
