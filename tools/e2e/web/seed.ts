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

async function call<T>(base: string, token: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path} ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
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
  await call(base, clerk, 'POST', `/api/document-attributes/documents/${document.documentId}/attribute-proposal`, { attribute: '主动公开' });
  // Read models are eventually consistent: wait until the portal and the review queue show the data.
  await until(async () => (await call<unknown[]>(base, clerk, 'GET', '/api/catalogue/units')).length >= 14);
  await until(async () => (await call<{ hits: unknown[] }>(base, clerk, 'GET', `/api/catalogue/portal/search?q=${encodeURIComponent('救助')}`)).hits.length > 0);
  await until(async () => (await call<{ phase: string }[]>(base, clerk, 'GET', `/api/document-attributes/documents?unitId=${unitId}`)).some((d) => d.phase === 'proposed'));
  return { itemId, itemName, documentId: document.documentId, documentTitle };
}

async function until(probe: () => Promise<boolean>, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('read models did not catch up in time');
}
