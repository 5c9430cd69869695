import type { Actor } from '@gongkai/contracts';

/**
 * One year (2026) of what the other services record for three units, as their contract events,
 * plus what assessment itself records (a training, manual scores). Used by the scoring unit test
 * (folded into facts in memory) and by the distributed test (appended to the shared store and
 * carried over Kafka). The expected scores under SAMPLE_INDICATORS / SAMPLE_RULES, by hand:
 *
 * | indicator (max)              | TEZ-ZSZ 张山子镇            | TEZ-NHZ 泥沟镇                   | TEZ-EDU 区教育和体育局          |
 * |------------------------------|-----------------------------|----------------------------------|---------------------------------|
 * | org.office (5)               | designated → 5              | designated → 5                   | none → 0                        |
 * | org.training (5)             | attended TR-1 → 5           | did not attend → 0               | attended TR-1 → 5               |
 * | disclosure.catalogue (10)    | 2/2 domains = 100% → 10     | 1/2 domains = 50% → 5            | 0/1 (item withdrawn) = 0% → 0   |
 * | disclosure.timely (10)       | 4/4 on time = 100% → 10     | 4/5 = 80% → 6                    | 2/4 = 50% → 2 (≥0 row)          |
 * | disclosure.review (5)        | on time = 100 → 5           | late = 50 → 2                    | not done = 0 → 0                |
 * | disclosure.negative (5)      | 1/1 reviewed 2026-03 → 5    | no list (null, zero) → 0         | 0/1 (last review 2024-06) → 0   |
 * | requests.ontime (20)         | 10/10 = 100% → 20           | 9/10 = 90% → 15                  | 2/4 = 50% → 0 (≥0 row)          |
 * | interaction.interpretation (10) | 2/2 = 100% → 10          | 1/2 = 50% → 5                    | none (null, full) → 10          |
 * | interaction.concerns (10)    | 1/1 = 100% → 10             | none (null, full) → 10           | 1/2 = 50% → 5                   |
 * | interaction.consultation (5) | 1 → 5                       | 1 → 5                            | 0 → 0                           |
 * | interaction.openday (5)      | 2 → 5                       | 1 → 3                            | 0 → 0                           |
 * | quality, manual (10)         | 9                           | 7                                | 5                               |
 * | **total (100)**              | **99**                      | **63**                           | **27**                          |
 *
 * Ranking: ZSZ 1, NHZ 2, EDU 3. Rules (top 1 and ≥ 85 commended; < 65 rectify; < 40 criticised):
 * commended [ZSZ]; rectify [NHZ, EDU]; criticised [EDU]. The district office (TEZ-GOV-OFFICE) is
 * registered but not assessed (its kind is not in the scheme's assessedUnitKinds).
 */
export const SCENARIO_YEAR = 2026;
export const SCENARIO_EXPECTED = {
  totals: { 'TEZ-ZSZ': 99, 'TEZ-NHZ': 63, 'TEZ-EDU': 27 } as Record<string, number>,
  indicators: {
    'TEZ-ZSZ': {
      'org.office': 5,
      'org.training': 5,
      'disclosure.catalogue': 10,
      'disclosure.timely': 10,
      'disclosure.review': 5,
      'disclosure.negative': 5,
      'requests.ontime': 20,
      'interaction.interpretation': 10,
      'interaction.concerns': 10,
      'interaction.consultation': 5,
      'interaction.openday': 5,
      quality: 9,
    },
    'TEZ-NHZ': {
      'org.office': 5,
      'org.training': 0,
      'disclosure.catalogue': 5,
      'disclosure.timely': 6,
      'disclosure.review': 2,
      'disclosure.negative': 0,
      'requests.ontime': 15,
      'interaction.interpretation': 5,
      'interaction.concerns': 10,
      'interaction.consultation': 5,
      'interaction.openday': 3,
      quality: 7,
    },
    'TEZ-EDU': {
      'org.office': 0,
      'org.training': 5,
      'disclosure.catalogue': 0,
      'disclosure.timely': 2,
      'disclosure.review': 0,
      'disclosure.negative': 0,
      'requests.ontime': 0,
      'interaction.interpretation': 10,
      'interaction.concerns': 5,
      'interaction.consultation': 0,
      'interaction.openday': 0,
      quality: 5,
    },
  } as Record<string, Record<string, number>>,
  ranking: ['TEZ-ZSZ', 'TEZ-NHZ', 'TEZ-EDU'],
  commended: ['TEZ-ZSZ'],
  rectify: ['TEZ-NHZ', 'TEZ-EDU'],
  criticised: ['TEZ-EDU'],
};

export interface ScenarioEvent {
  streamId: string;
  type: string;
  data: Record<string, unknown>;
  occurredAt: string;
  actor: Actor;
}

const Y = SCENARIO_YEAR;
const at = (date: string) => `${date}T02:00:00.000Z`;

/** The other services' events for the year, in the order they would happen. */
export function scenarioEvents(): ScenarioEvent[] {
  const events: ScenarioEvent[] = [];
  const add = (streamId: string, type: string, data: Record<string, unknown>, date = `${Y}-01-05`, unitId: string | null = null) =>
    events.push({
      streamId,
      type,
      data,
      occurredAt: at(date),
      actor: { userId: 'scenario', unitId, role: unitId ? 'clerk' : 'district_office' },
    });

  // catalogue: units, offices, responsible domains, items, negative list
  const units = [
    { unitId: 'TEZ-GOV-OFFICE', name: '台儿庄区人民政府办公室', level: '县级', kind: 'district_office' },
    { unitId: 'TEZ-ZSZ', name: '张山子镇人民政府', level: '乡级', kind: 'town' },
    { unitId: 'TEZ-NHZ', name: '泥沟镇人民政府', level: '乡级', kind: 'town' },
    { unitId: 'TEZ-EDU', name: '区教育和体育局', level: '县级', kind: 'department' },
  ];
  for (const u of units) add(`catalogue.unit-${u.unitId}`, 'catalogue.UnitRegistered', u, `${Y - 1}-12-20`);
  add('catalogue.unit-TEZ-ZSZ', 'catalogue.UnitOpennessOfficeDesignated', {
    unitId: 'TEZ-ZSZ',
    office: '党政综合办公室',
    officerName: '刘洋',
  });
  add('catalogue.unit-TEZ-NHZ', 'catalogue.UnitOpennessOfficeDesignated', { unitId: 'TEZ-NHZ', office: '党政办公室', officerName: '王芳' });
  add('catalogue.unit-TEZ-ZSZ', 'catalogue.UnitResponsibleDomainsAssigned', {
    unitId: 'TEZ-ZSZ',
    domainCodes: ['social-assistance', 'compulsory-education'],
  });
  add('catalogue.unit-TEZ-NHZ', 'catalogue.UnitResponsibleDomainsAssigned', {
    unitId: 'TEZ-NHZ',
    domainCodes: ['social-assistance', 'agricultural-subsidies'],
  });
  add('catalogue.unit-TEZ-EDU', 'catalogue.UnitResponsibleDomainsAssigned', { unitId: 'TEZ-EDU', domainCodes: ['compulsory-education'] });
  const content = (domainCode: string, level: string) => ({ domainCode, firstLevel: '政策文件', legalBases: [], channels: [], level });
  const item = (unitId: string, itemId: string, domainCode: string, level: string, date: string) =>
    add(
      `catalogue.item-${unitId}-${itemId}`,
      'catalogue.ItemPublished',
      { itemId, unitId, version: 1, domainCode, guidelineItemCode: null, publishedAt: at(date), content: content(domainCode, level) },
      date,
      unitId,
    );
  item('TEZ-ZSZ', 'ZSZ-SA-01', 'social-assistance', '乡级', `${Y}-02-10`);
  item('TEZ-ZSZ', 'ZSZ-CE-01', 'compulsory-education', '乡级', `${Y}-02-11`);
  item('TEZ-NHZ', 'NHZ-AS-01', 'agricultural-subsidies', '乡级', `${Y}-03-01`);
  item('TEZ-EDU', 'EDU-CE-01', 'compulsory-education', '县级', `${Y}-03-02`);
  add(
    'catalogue.item-TEZ-EDU-EDU-CE-01',
    'catalogue.ItemWithdrawn',
    {
      itemId: 'EDU-CE-01',
      unitId: 'TEZ-EDU',
      domainCode: 'compulsory-education',
      guidelineItemCode: null,
      reason: '事项合并，待重新编制',
      withdrawnAt: at(`${Y}-05-20`),
    },
    `${Y}-05-20`,
    'TEZ-EDU',
  );
  const negative = (unitId: string, entryId: string, lastReviewedOn: string) => {
    const stream = `catalogue.negative-${unitId}-${entryId}`;
    add(
      stream,
      'catalogue.NegativeEntryDrafted',
      {
        entryId,
        ownerUnitId: unitId,
        content: {
          matter: '涉及个人隐私的救助对象信息',
          scope: '救助对象身份证号、家庭住址',
          regulationArticle: 15,
          specificBasis: { law: '中华人民共和国个人信息保护法', article: '第二十八条' },
          lastReviewedOn,
        },
      },
      lastReviewedOn,
      unitId,
    );
    add(
      stream,
      'catalogue.NegativeEntryPublished',
      { entryId, ownerUnitId: unitId, publishedAt: at(lastReviewedOn) },
      lastReviewedOn,
      unitId,
    );
  };
  negative('TEZ-ZSZ', 'NEG-ZSZ-1', `${Y}-03-01`);
  negative('TEZ-EDU', 'NEG-EDU-1', `${Y - 2}-06-01`);

  // document-attributes: publications, yearly review
  const publications: [string, number, number][] = [
    ['TEZ-ZSZ', 4, 0],
    ['TEZ-NHZ', 5, 1],
    ['TEZ-EDU', 4, 2],
  ];
  for (const [unitId, total, late] of publications) {
    for (let i = 1; i <= total; i += 1) {
      const documentId = `${unitId}-DOC-${i}`;
      const publishedOn = `${Y}-0${i + 1}-15`;
      add(
        `document-attributes.document-${documentId}`,
        'document-attributes.PublicationRecorded',
        { documentId, unitId, channel: '政府网站', url: `https://www.tez.gov.cn/zwgk/${documentId}.html`, publishedOn, late: i <= late },
        publishedOn,
        unitId,
      );
    }
  }
  add(
    `document-attributes.review-${Y}-TEZ-ZSZ`,
    'document-attributes.UnitYearlyReviewCompleted',
    { year: Y, unitId: 'TEZ-ZSZ', tasks: 3, kept: 2, released: 1, completedOn: `${Y}-03-20`, onTime: true },
    `${Y}-03-20`,
  );
  add(
    `document-attributes.review-${Y}-TEZ-NHZ`,
    'document-attributes.UnitYearlyReviewCompleted',
    { year: Y, unitId: 'TEZ-NHZ', tasks: 2, kept: 2, released: 0, completedOn: `${Y}-04-15`, onTime: false },
    `${Y}-04-15`,
  );

  // requests: replies
  const replies: [string, number, number][] = [
    ['TEZ-ZSZ', 10, 0],
    ['TEZ-NHZ', 10, 1],
    ['TEZ-EDU', 4, 2],
  ];
  let n = 0;
  for (const [unitId, total, late] of replies) {
    for (let i = 1; i <= total; i += 1) {
      n += 1;
      const requestId = `REQ-${Y}-${String(n).padStart(4, '0')}`;
      const repliedOn = `${Y}-${String(((i - 1) % 9) + 1).padStart(2, '0')}-20`;
      add(
        `requests.request-${requestId}`,
        'requests.ReplyIssued',
        {
          requestId,
          unitId,
          category: 'disclose',
          withheld: [],
          legalBasis: '《中华人民共和国政府信息公开条例》第三十六条第（二）项',
          repliedOn,
          workingDaysUsed: i <= late ? 23 : 12,
          onTime: i > late,
        },
        repliedOn,
        unitId,
      );
    }
  }

  // interpretation: interpretations, concerns, consultations, open days
  const interpretations: [string, number, number][] = [
    ['TEZ-ZSZ', 2, 0],
    ['TEZ-NHZ', 2, 1],
  ];
  for (const [unitId, total, late] of interpretations) {
    for (let i = 1; i <= total; i += 1) {
      const documentId = `${unitId}-POLICY-${i}`;
      const publishedOn = `${Y}-0${i + 4}-12`;
      add(
        `interpretation.obligation-${documentId}`,
        'interpretation.InterpretationPublished',
        {
          documentId,
          unitId,
          publishedOn,
          issuedOn: `${Y}-0${i + 4}-06`,
          dueOn: `${Y}-0${i + 4}-09`,
          workingDaysAfterIssue: i <= late ? 4 : 3,
          late: i <= late,
          workingDaysLate: i <= late ? 1 : 0,
          channels: ['政府网站'],
          materialIds: ['qa-1'],
        },
        publishedOn,
        unitId,
      );
    }
  }
  const concerns: [string, boolean][] = [
    ['TEZ-ZSZ', true],
    ['TEZ-EDU', true],
    ['TEZ-EDU', false],
  ];
  concerns.forEach(([unitId, onTime], i) => {
    const concernId = `CONCERN-${i + 1}`;
    add(
      `interpretation.concern-${concernId}`,
      'interpretation.ConcernResponsePublished',
      {
        concernId,
        unitId,
        severity: 'hot_issue',
        kind: 'response',
        content: '关于网民反映问题的回应',
        channel: '政府网站',
        publishedAt: `${Y}-06-0${i + 2}T08:00:00.000Z`,
        dueAt: `${Y}-06-0${i + 2}T06:00:00.000Z`,
        hoursTaken: onTime ? 20 : 50,
        onTime,
      },
      `${Y}-06-0${i + 2}`,
      unitId,
    );
  });
  for (const unitId of ['TEZ-ZSZ', 'TEZ-NHZ']) {
    const consultationId = `CONS-${unitId}`;
    add(
      `interpretation.consultation-${consultationId}`,
      'interpretation.ConsultationOpened',
      {
        consultationId,
        unitId,
        title: '农村人居环境整治实施方案（征求意见稿）',
        draft: '……',
        kind: 'major_decision',
        opensOn: `${Y}-07-01`,
        closesOn: `${Y}-07-30`,
        periodDays: 30,
        periodUnit: 'calendar_days',
        minimumDays: 30,
        legalBasis: '《重大行政决策程序暂行条例》第十五条',
      },
      `${Y}-07-01`,
      unitId,
    );
  }
  const openDays: [string, string][] = [
    ['TEZ-ZSZ', `${Y}-05-15`],
    ['TEZ-ZSZ', `${Y}-10-15`],
    ['TEZ-NHZ', `${Y}-09-20`],
  ];
  openDays.forEach(([unitId, heldOn], i) => {
    const openDayId = `OD-${i + 1}`;
    add(
      `interpretation.open-day-${openDayId}`,
      'interpretation.OpenDaySummaryPublished',
      { openDayId, unitId, heldOn, year: Y, summary: '群众走进政府，参观便民服务中心', attendance: 40, registrations: 45 },
      heldOn,
      unitId,
    );
  });
  return events;
}

/** What the district office records in assessment itself during the year. */
export const SCENARIO_TRAINING = {
  trainingId: 'TR-2026-1',
  title: '2026年度全区政务公开集中学习培训',
  heldOn: `${Y}-04-10`,
  concentrated: true,
  organiserUnitId: 'TEZ-GOV-OFFICE',
  participants: [
    { unitId: 'TEZ-ZSZ', count: 2 },
    { unitId: 'TEZ-EDU', count: 1 },
  ],
};
export const SCENARIO_MANUAL_SCORES = [
  {
    unitId: 'TEZ-ZSZ',
    indicatorId: 'quality',
    points: 9,
    reason: '日常检查栏目更新及时，群众评议满意',
    evidence: ['2026年第三季度检查通报'],
  },
  { unitId: 'TEZ-NHZ', indicatorId: 'quality', points: 7, reason: '个别栏目更新滞后', evidence: ['2026年第三季度检查通报'] },
  {
    unitId: 'TEZ-EDU',
    indicatorId: 'quality',
    points: 5,
    reason: '多个栏目长期未更新，已当面提醒',
    evidence: ['2026年第三季度检查通报', '约谈记录'],
  },
];
