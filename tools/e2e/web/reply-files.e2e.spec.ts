import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reloadUntil, screenshotBoth, startWebStandalone, type WebStandalone } from './browser';
import { approveAndReply, devToken, seedUnit } from './seed';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * Issue 21.5 in a real browser: on a 部分公开 reply draft the handler attaches two files and uploads the
 * redacted version of one with its ground and reason; once the reply is issued, the applicant opens the
 * tracking page with the tracking code, sees both files and downloads them, receiving the redacted bytes
 * for the redacted one; the case then shows the applicant's downloads.
 */
describe('web: a reply that supplies files, from the handler to the applicant, in Chromium', () => {
  const UNIT = 'TEZ-CIVIL';
  let session: WebStandalone;
  let url: string;

  beforeAll(async () => {
    session = await startWebStandalone({}, (_app, base) => seedUnit(base, UNIT));
    ({ url } = session);
  }, 240_000);

  afterAll(() => session?.close(), 240_000);

  /** A request filed on the portal's API (retried until the requests service knows the unit): its id and tracking code. */
  async function filed(description: string): Promise<{ requestId: string; trackingCode: string }> {
    for (let n = 0; n < 240; n++) {
      const response = await fetch(`${url}/api/requests/public`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          unitId: UNIT,
          applicant: { type: '自然人', name: '陈立', phone: '13500004444' },
          description,
          preferredForm: '电子',
          delivery: '网上获取',
        }),
      });
      if (response.status === 201) return (await response.json()) as { requestId: string; trackingCode: string };
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    throw new Error('the requests service did not learn the unit in time');
  }

  it('the handler attaches and redacts; the applicant downloads both with the tracking code and gets the redacted bytes', async () => {
    const mine = await filed('2025年度冬季取暖补助发放名单及发放通知');
    const other = await filed('2025年度临时救助资金的发放总额');
    const clerkToken = await devToken(url, 'clerk-e2e-replies', 'clerk', UNIT, '赵敏');
    const step = (action: string, body: object) =>
      fetch(`${url}/api/requests/${mine.requestId}/${action}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${clerkToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await step('assign', { handlerId: 'clerk-e2e-replies', handlerName: '赵敏' })).status).toBe(200);
    const drafted = await step('draft-reply', {
      category: 'partial',
      withheld: [{ item: '受助人的身份证号码', ground: 'withhold.third_party', reason: '涉及个人隐私' }],
      content: '现将发放名单（已作删除处理）和发放通知提供给您。',
    });
    expect(drafted.status).toBe(200);

    const dir = mkdtempSync(join(tmpdir(), 'gongkai-e2e-replies-'));
    const notice = Buffer.from('关于发放2025年度冬季取暖补助的通知（示例）\n每户每季1200元。\n', 'utf8');
    const list = Buffer.from('发放名单（示例）\n1 李某某 370405195501012345 1200元\n', 'utf8');
    const redacted = Buffer.from('发放名单（示例）\n1 李某某 ■■■■■■■■■■■■■■■■■■ 1200元\n', 'utf8');
    const paths = { notice: join(dir, '发放通知.txt'), list: join(dir, '发放名单.txt'), redacted: join(dir, '发放名单（删除处理）.txt') };
    writeFileSync(paths.notice, notice);
    writeFileSync(paths.list, list);
    writeFileSync(paths.redacted, redacted);

    // The handler, on the case page: attach two files, redact one with its ground and reason.
    const clerk = await session.pageAs('clerk-e2e-replies', 'clerk', UNIT);
    await clerk.goto(`${url}/console/requests/${mine.requestId}`);
    const files = clerk.getByTestId('reply-files');
    await reloadUntil(clerk, files.getByRole('button', { name: '附上文件' }), 30);
    for (const [path, name] of [
      [paths.notice, '发放通知.txt'],
      [paths.list, '发放名单.txt'],
    ]) {
      await files.getByLabel(/^提供的信息文件/).setInputFiles(path);
      await files.getByRole('button', { name: '附上文件' }).click();
      await files
        .getByRole('button', { name: `${name}（` })
        .first()
        .waitFor({ timeout: 30_000 });
    }
    const item = files.getByRole('listitem').filter({ hasText: '发放名单.txt' });
    await item.getByText('上传“发放名单.txt”的删除处理版本').click();
    await item.getByLabel('删除处理后的文件').setInputFiles(paths.redacted);
    await item.getByLabel('删除依据（条例第十四至十六条）').selectOption('PERSONAL_PRIVACY');
    await item.getByLabel('删除的内容及理由').fill('删除了受助人的身份证号码');
    await item.getByRole('button', { name: '上传删除处理版本' }).click();
    await files.getByText('提供给申请人的版本（删除处理）：').waitFor({ timeout: 30_000 });
    expect(await files.innerText()).toContain('删除了受助人的身份证号码（涉及个人隐私（第十五条））');

    // Review and reply (another person reviews), then the applicant opens the tracking page.
    await approveAndReply(url, mine.requestId, UNIT);
    const applicant = await session.newPage();
    await applicant.goto(`${url}/track?code=${encodeURIComponent(mine.trackingCode)}`);
    const listed = applicant.getByTestId('track-files');
    await reloadUntil(applicant, listed, 30);
    await listed.getByText('已作删除处理：涉及个人隐私（《政府信息公开条例》第十五条）：删除了受助人的身份证号码').waitFor();
    const downloaded = async (name: string) => {
      const [download] = await Promise.all([applicant.waitForEvent('download'), listed.getByRole('link', { name }).click()]);
      const saved = join(dir, `downloaded-${name}`);
      await download.saveAs(saved);
      return readFileSync(saved);
    };
    expect(sha256(await downloaded('发放通知.txt'))).toBe(sha256(notice));
    expect(sha256(await downloaded('发放名单（删除处理）.txt'))).toBe(sha256(redacted));
    expect(await screenshotBoth(applicant, 'portal-track-reply-files')).toEqual([]);

    // The original, and the files by another applicant's code: the same 404 as a random code.
    const probe = async (code: string, hash: string) => {
      const response = await fetch(`${url}/api/requests/track/${encodeURIComponent(code)}/files/${hash}`);
      const { instance: _i, correlationId: _c, ...body } = (await response.json()) as Record<string, unknown>;
      return { status: response.status, body };
    };
    const random = await probe('ABCD-EFGH-JKLM', sha256(notice));
    expect(random.status).toBe(404);
    expect(await probe(other.trackingCode, sha256(notice))).toEqual(random);
    expect(await probe(mine.trackingCode, sha256(list))).toEqual(random);

    // The case shows the applicant's downloads.
    await clerk.reload();
    await reloadUntil(
      clerk,
      clerk
        .getByTestId('reply-files')
        .getByText(/申请人已于 .+ 凭查询码下载/)
        .nth(1),
      30,
    );
    expect(await screenshotBoth(clerk, 'request-case-reply-files')).toEqual([]);
  }, 300_000);
});
