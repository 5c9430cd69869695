/**
 * Data the browser tests need, created through the public HTTP API exactly as staff would (no
 * direct database writes): one published catalogue item with a Chinese name, one document whose
 * disclosure attribute waits for the confidentiality review.
 */
export interface SeedResult {
  itemId: string;
  itemName: string;
  documentId: string;
  documentTitle: string;
}

export async function devToken(base: string, userId: string, role: string, unitId?: string, name?: string): Promise<string> {
  const response = await fetch(`${base}/api/auth/dev-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId, role, ...(unitId ? { unitId } : {}), ...(name ? { name } : {}) }),
  });
  if (!response.ok) throw new Error(`dev-token ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

/** The local Keycloak's password (infra/identity/gongkai-realm.json: every demo user, local and tests only). */
export const KEYCLOAK_PASSWORD = 'gongkai-local-dev-only';

/**
 * A token of a demo user of the local Keycloak, from its token endpoint with the password grant of
 * the test-only client `gongkai-test` (`gongkai-test-expiring`: one that is expired a second later).
 */
export async function keycloakToken(issuer: string, username: string, client = 'gongkai-test'): Promise<string> {
  const response = await fetch(`${issuer}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: client, username, password: KEYCLOAK_PASSWORD, scope: 'openid' }),
  });
  const body = (await response.json()) as { access_token?: string; error_description?: string };
  if (!response.ok || !body.access_token) throw new Error(`no Keycloak token for ${username}: ${body.error_description}`);
  return body.access_token;
}

/** One API call with a bearer token: JSON in and out; a non-2xx answer throws with its body. */
export async function call<T>(base: string, token: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path} ${response.status}: ${await response.text()}`);
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export async function seedWebData(base: string, unitId = 'TEZ-CIVIL'): Promise<SeedResult> {
  const clerk = await devToken(base, 'seed-clerk', 'clerk', unitId, '王芳');
  const itemName = '特困人员救助供养申请审批及公示';
  const { itemId } = await call<{ itemId: string }>(base, clerk, 'POST', `/api/catalogue/units/${unitId}/items`, {
    domainCode: 'social-assistance',
    firstLevel: '特困人员救助供养',
    secondLevel: itemName,
    content: '供养条件、申请材料、审批程序、供养标准、审批结果',
    legalBases: [{ law: '社会救助暂行办法', article: '第十四条' }],
    timeLimit: { text: '信息形成或者变更之日起20个工作日内', rule: { kind: 'working_days_after_formation', days: 20 } },
    subject: '区民政局',
    method: '主动',
    channels: [{ channel: '政府网站' }, { channel: '政务服务中心' }],
    audience: { kind: '全社会' },
    level: '县级',
    stage: '服务',
  });
  await call(base, clerk, 'POST', `/api/catalogue/units/${unitId}/items/${itemId}/publish`);
  const documentTitle = '关于进一步做好特困人员救助供养工作的通知';
  const document = await call<{ documentId: string }>(base, clerk, 'POST', '/api/document-attributes/documents', {
    unitId,
    title: documentTitle,
    documentNumber: `台民发〔2026〕${10 + Math.floor(Math.random() * 80)}号`,
    documentType: '行政规范性文件',
    catalogueItemIds: [itemId],
    needsInterpretation: true,
  });
  await call(base, clerk, 'POST', `/api/document-attributes/documents/${document.documentId}/attribute-proposal`, {
    attribute: '主动公开',
  });
  // Read models are eventually consistent: wait until the portal and the review queue show the data.
  await until(async () => (await call<unknown[]>(base, clerk, 'GET', '/api/catalogue/units')).length >= 14);
  await until(async () =>
    (
      await call<{ hits: { itemId: string }[] }>(base, clerk, 'GET', `/api/catalogue/portal/search?q=${encodeURIComponent('救助')}`)
    ).hits.some((h) => h.itemId === itemId),
  );
  await until(async () =>
    (await call<{ phase: string }[]>(base, clerk, 'GET', `/api/document-attributes/documents?unitId=${unitId}`)).some(
      (d) => d.phase === 'proposed',
    ),
  );
  return { itemId, itemName, documentId: document.documentId, documentTitle };
}

async function until(probe: () => Promise<boolean>, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  let last: unknown = 'the condition stayed false';
  while (Date.now() < deadline) {
    try {
      if (await probe()) return;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`read models did not catch up in time (last: ${last instanceof Error ? last.message : String(last)})`);
}

export interface AssessmentSeed {
  schemeId: string;
  title: string;
  trainingEventId: string;
  /** The ranking the seeded facts must give: unit name and total, best first. */
  expected: { unitId: string; name: string; total: number }[];
  commended: string[];
  rectify: string[];
  criticised: string[];
}

/**
 * An assessment scheme for the towns and the sub-district of this year, and the facts it scores,
 * all through the HTTP API as the district office and the units would record them: two openness
 * office designations (catalogue), one concentrated training and six manual scores (assessment).
 * With the demo's facts (张山子镇's office, the demo training of 张山子镇 and 运河街道) the totals are:
 *
 * | unit      | office (10) | training (10) | manual (80) | total |
 * |-----------|-------------|---------------|-------------|-------|
 * | 张山子镇   | 10 (demo)   | 10            | 76          | 96    |
 * | 泥沟镇     | 10          | 10            | 70          | 90    |
 * | 运河街道   | 0           | 10            | 62          | 72    |
 * | 涧头集镇   | 10          | 0             | 55          | 65    |
 * | 马兰屯镇   | 0           | 0             | 45          | 45    |
 * | 邳庄镇     | 0           | 0             | 20          | 20    |
 */
export async function seedAssessment(base: string): Promise<AssessmentSeed> {
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
  const year = Number(today.slice(0, 4));
  const office = await devToken(base, 'seed-office', 'district_office', 'TEZ-GOV-OFFICE', '孙明');
  const schemeId = `KH-${year}-XZ`;
  const title = `${year}年度镇街政务公开工作考核方案`;
  for (const [unitId, officerName] of [
    ['TEZ-NHZ', '王芳'],
    ['TEZ-JTJ', '李强'],
  ]) {
    const clerk = await devToken(base, `seed-clerk-${unitId}`, 'clerk', unitId);
    await call(base, clerk, 'PUT', `/api/catalogue/units/${unitId}/openness-office`, { office: '党政办公室', officerName });
  }
  await call(base, office, 'POST', '/api/assessment/schemes', {
    schemeId,
    year,
    title,
    opennessWeightPercent: 6,
    assessedUnitKinds: ['town', 'subdistrict'],
    indicators: [
      {
        id: 'org',
        name: '组织保障',
        kind: 'group',
        children: [
          {
            id: 'org.office',
            name: '明确主管科室和专人',
            kind: 'computed',
            points: 10,
            metric: 'openness_office_designated',
            bands: [{ atLeast: 1, points: 10 }],
            whenNoData: 'zero',
          },
          {
            id: 'org.training',
            name: '参加集中学习培训',
            kind: 'computed',
            points: 10,
            metric: 'concentrated_trainings_attended',
            bands: [{ atLeast: 1, points: 10 }],
            whenNoData: 'zero',
          },
        ],
      },
      { id: 'quality', name: '工作实效（人工评议）', kind: 'manual', points: 80, guidance: '区政府办公室根据日常检查、群众评议评分' },
    ],
    rules: { commend: { topN: 2, minTotal: 85 }, rectifyBelow: 60, criticiseBelow: 40 },
  });
  const training = await call<{ eventId: string }>(base, office, 'POST', '/api/assessment/trainings', {
    trainingId: `TR-${year}-XZ`,
    title: `${year}年度镇街政务公开集中学习培训`,
    heldOn: today,
    concentrated: true,
    organiserUnitId: 'TEZ-GOV-OFFICE',
    participants: [
      { unitId: 'TEZ-ZSZ', count: 2 },
      { unitId: 'TEZ-NHZ', count: 1 },
      { unitId: 'TEZ-YHJD', count: 1 },
    ],
  });
  const manual: [string, number, string][] = [
    ['TEZ-ZSZ', 76, '栏目更新及时，群众评议满意'],
    ['TEZ-NHZ', 70, '个别栏目更新滞后'],
    ['TEZ-YHJD', 62, '政策解读形式单一'],
    ['TEZ-JTJ', 55, '依申请公开答复文书不规范'],
    ['TEZ-MLZ', 45, '多个栏目长期未更新'],
    ['TEZ-LZ', 20, '公开专栏长期未维护，已约谈'],
  ];
  for (const [unitId] of manual)
    await until(async () => (await fetch(`${base}/api/assessment/units/${unitId}`, { headers: { authorization: `Bearer ${office}` } })).ok);
  for (const [unitId, points, reason] of manual) {
    await call(base, office, 'POST', `/api/assessment/schemes/${schemeId}/manual-scores`, {
      unitId,
      indicatorId: 'quality',
      points,
      reason,
      evidence: [`${year}年第四季度政务公开检查通报`],
    });
  }
  const expected = [
    { unitId: 'TEZ-ZSZ', name: '张山子镇人民政府', total: 96 },
    { unitId: 'TEZ-NHZ', name: '泥沟镇人民政府', total: 90 },
    { unitId: 'TEZ-YHJD', name: '运河街道办事处', total: 72 },
    { unitId: 'TEZ-JTJ', name: '涧头集镇人民政府', total: 65 },
    { unitId: 'TEZ-MLZ', name: '马兰屯镇人民政府', total: 45 },
    { unitId: 'TEZ-LZ', name: '邳庄镇人民政府', total: 20 },
  ];
  // The facts reach the assessment read model asynchronously: wait until the API gives these totals.
  const want = JSON.stringify(expected.map((u) => [u.unitId, u.total]));
  await until(async () => {
    const sheet = await call<{ units: { unitId: string; total: number }[] }>(
      base,
      office,
      'GET',
      `/api/assessment/schemes/${schemeId}/scores`,
    );
    return JSON.stringify(sheet.units.map((u) => [u.unitId, u.total])) === want;
  });
  return {
    schemeId,
    title,
    trainingEventId: training.eventId,
    expected,
    commended: ['张山子镇人民政府', '泥沟镇人民政府'],
    rectify: ['马兰屯镇人民政府'],
    criticised: ['邳庄镇人民政府'],
  };
}

export interface PolicySeed {
  documentId: string;
  title: string;
  /** The leader who issued (signed) the policy (its 签发人). */
  approverId: string;
}

/**
 * A policy document that needs interpretation, taken through the document-attributes API to issued:
 * registered and proposed 主动公开 by a clerk, confirmed by the confidentiality reviewer, issued by
 * the office head (who thereby becomes its approver); then wait for the interpretation obligation.
 */
export async function seedIssuedPolicy(base: string, unitId = 'TEZ-CIVIL'): Promise<PolicySeed> {
  const clerk = await devToken(base, 'seed-clerk', 'clerk', unitId, '王芳');
  const reviewer = await devToken(base, 'seed-reviewer', 'reviewer', unitId, '赵敏');
  const approverId = 'head-zhang';
  const head = await devToken(base, approverId, 'office_head', unitId, '张局长');
  const title = '台儿庄区临时救助实施办法';
  const { documentId } = await call<{ documentId: string }>(base, clerk, 'POST', '/api/document-attributes/documents', {
    unitId,
    title,
    documentNumber: `台民规〔2026〕${100 + Math.floor(Math.random() * 800)}号`,
    documentType: '行政规范性文件',
    needsInterpretation: true,
  });
  await call(base, clerk, 'POST', `/api/document-attributes/documents/${documentId}/attribute-proposal`, { attribute: '主动公开' });
  await call(base, reviewer, 'POST', `/api/document-attributes/documents/${documentId}/confidentiality-review`, { outcome: 'approve' });
  await call(base, head, 'POST', `/api/document-attributes/documents/${documentId}/issue`, {});
  await until(async () =>
    Boolean((await call<{ obligation: unknown }>(base, clerk, 'GET', `/api/interpretation/obligations/${documentId}`)).obligation),
  );
  return { documentId, title, approverId };
}

/** A request registered at the counter (the public endpoint's rate limit is not involved), still 已登记. */
export async function seedOpenRequest(base: string, unitId = 'TEZ-CIVIL', clerkToken?: string): Promise<string> {
  const clerk = clerkToken ?? (await devToken(base, 'seed-counter', 'clerk', unitId, '赵敏'));
  const receivedOn = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
  const { requestId } = await call<{ requestId: string }>(base, clerk, 'POST', '/api/requests', {
    unitId,
    channel: 'in_person',
    receivedOn,
    applicant: { type: '自然人', name: '周建华', phone: '13500002222' },
    description: '2025年度城乡居民最低生活保障资金的发放总额',
    preferredForm: '电子',
    delivery: '电子邮件',
  });
  return requestId;
}

/**
 * Another member of staff takes a step on the case (assigns a handler) through the API, and waits
 * until the case's read model shows it: a page opened before still carries the older revision.
 */
export async function assignAsAnotherUser(base: string, requestId: string, unitId = 'TEZ-CIVIL'): Promise<void> {
  const head = await devToken(base, 'head-other', 'office_head', unitId, '钱伟');
  const { revision } = await call<{ revision: number }>(base, head, 'POST', `/api/requests/${requestId}/assign`, {
    handlerId: 'clerk-qian',
    handlerName: '钱伟',
  });
  for (let attempt = 0; attempt < 40; attempt += 1) {
    const view = await call<{ revision: number }>(base, head, 'GET', `/api/requests/${requestId}`);
    if (view.revision >= revision) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the case ${requestId} did not reach revision ${revision}`);
}

/**
 * The demo catalogue, ready for a unit's officer: the unit is listed (the login form offers it) and
 * its demo items are in its catalogue. Returns how many items the unit has.
 */
export async function catalogueReady(base: string, unitId: string): Promise<number> {
  const clerk = await devToken(base, `seed-clerk-${unitId}`, 'clerk', unitId);
  let count = 0;
  await until(async () => {
    const units = await call<{ unitId: string }[]>(base, clerk, 'GET', '/api/catalogue/units');
    count = (await call<unknown[]>(base, clerk, 'GET', `/api/catalogue/units/${unitId}/items`)).length;
    return units.some((u) => u.unitId === unitId) && count > 0;
  });
  return count;
}

/**
 * An installation without the demo data: one unit registered by the district office, known to the
 * requests service once its units read model has the catalogue's event.
 */
export async function seedUnit(base: string, unitId = 'TEZ-CIVIL', name = '区民政局'): Promise<void> {
  const office = await devToken(base, 'seed-office', 'district_office');
  await call(base, office, 'POST', '/api/catalogue/units', { unitId, name, level: '县级', kind: 'department' });
  await until(async () => (await call<{ unitId: string }[]>(base, office, 'GET', '/api/catalogue/units')).some((u) => u.unitId === unitId));
}

/**
 * A request of 周建华 (13500002222) taken through the API to its archive: received at the counter
 * (retried while the requests service does not know the unit yet), assigned, replied (reviewed by
 * the reviewer), delivered, archived. Waits until the case's read model shows it archived.
 */
export async function seedArchivedRequest(base: string, unitId = 'TEZ-CIVIL'): Promise<string> {
  const clerk = await devToken(base, 'seed-archive-clerk', 'clerk', unitId, '赵敏');
  const reviewer = await devToken(base, 'seed-archive-reviewer', 'reviewer', unitId, '孙审');
  let requestId = '';
  await until(async () => {
    requestId = await seedOpenRequest(base, unitId, clerk);
    return true;
  });
  const step = (token: string, action: string, body: object = {}) =>
    call(base, token, 'POST', `/api/requests/${requestId}/${action}`, body);
  await step(clerk, 'assign', { handlerId: 'seed-archive-clerk', handlerName: '赵敏' });
  await step(clerk, 'draft-reply', { category: 'disclose', content: '经查，现将2025年度城乡居民最低生活保障资金的发放总额提供给您。' });
  await step(reviewer, 'review', { approved: true });
  await step(clerk, 'reply');
  await step(clerk, 'delivery', { method: '电子邮件' });
  await step(clerk, 'archive', { archiveNo: '2026-MZ-0001' });
  await until(async () => (await call<{ status: string }>(base, clerk, 'GET', `/api/requests/${requestId}`)).status === 'archived');
  return requestId;
}

/** Waits until the case's read model satisfies `ready` (bounded). */
async function caseUntil(base: string, token: string, requestId: string, ready: (view: Record<string, unknown>) => boolean) {
  // Behind the demo data's events on a shared machine: more than the usual two minutes.
  await until(async () => ready(await call<Record<string, unknown>>(base, token, 'GET', `/api/requests/${requestId}`)), 240_000);
}

/**
 * A request received by registered post 50 calendar days ago and never answered: past its statutory
 * deadline (overdue) once the read model has it.
 */
export async function seedOverdueRequest(base: string, unitId = 'TEZ-CIVIL'): Promise<string> {
  const clerk = await devToken(base, 'seed-counter', 'clerk', unitId, '赵敏');
  const receivedOn = new Date(Date.now() - 50 * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
  const { requestId } = await call<{ requestId: string }>(base, clerk, 'POST', '/api/requests', {
    unitId,
    channel: 'registered_post',
    receivedOn,
    applicant: { type: '自然人', name: '吴刚', phone: '13500003333' },
    description: '2025年度临时救助资金的发放对象和金额',
    preferredForm: '电子',
    delivery: '电子邮件',
  });
  await caseUntil(base, clerk, requestId, (v) => (v.clock as { overdue?: boolean } | null)?.overdue === true);
  return requestId;
}

/** A drafted reply approved by the unit's reviewer and issued by its clerk through the API; waits until the case shows the reply. */
export async function approveAndReply(base: string, requestId: string, unitId = 'TEZ-CIVIL'): Promise<void> {
  const clerk = await devToken(base, 'seed-counter', 'clerk', unitId, '赵敏');
  const reviewer = await devToken(base, 'seed-reviewer', 'reviewer', unitId, '钱审');
  await caseUntil(base, clerk, requestId, (v) => v.status === 'under_review');
  await call(base, reviewer, 'POST', `/api/requests/${requestId}/review`, { approved: true });
  await caseUntil(base, clerk, requestId, (v) => v.status === 'approved');
  await call(base, clerk, 'POST', `/api/requests/${requestId}/reply`, {});
  await caseUntil(base, clerk, requestId, (v) => v.reply !== null);
}

/** A town registered by the district office, with one catalogue item its clerk drafted and published; answers the item's id. */
export async function seedTownWithItem(base: string, unitId: string, name: string, item: object): Promise<string> {
  const office = await devToken(base, 'seed-office', 'district_office');
  await call(base, office, 'POST', '/api/catalogue/units', { unitId, name, level: '乡级', kind: 'town' });
  const clerk = await devToken(base, `seed-clerk-${unitId}`, 'clerk', unitId);
  await until(async () => (await call<{ unitId: string }[]>(base, clerk, 'GET', '/api/catalogue/units')).some((u) => u.unitId === unitId));
  const { itemId } = await call<{ itemId: string }>(base, clerk, 'POST', `/api/catalogue/units/${unitId}/items`, item);
  await call(base, clerk, 'POST', `/api/catalogue/units/${unitId}/items/${itemId}/publish`);
  return itemId;
}
