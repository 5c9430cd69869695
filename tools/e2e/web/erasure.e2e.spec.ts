import type { Page } from 'playwright-core';
import { screenshotBoth, startWebStandalone, type WebStandalone } from './browser';
import { seedArchivedRequest, seedUnit } from './seed';

/**
 * The office head erases an applicant's personal data from the case view (issue 19): a reason, a
 * note and an explicit confirmation; the case then keeps its facts and shows 已删除. A clerk is not
 * offered the action.
 */
describe('web: erasing an applicant’s personal data in the console', () => {
  let session: WebStandalone;
  let requestId: string;

  beforeAll(async () => {
    session = await startWebStandalone({}, async (_app, url) => {
      await seedUnit(url);
      requestId = await seedArchivedRequest(url);
    });
  }, 420_000); // a first run builds apps/web (ensureWebBuilt); the read models then catch up with the demo data

  afterAll(() => session?.close());

  async function signedIn(userId: string, role: string): Promise<Page> {
    const page = await session.pageAs(userId, role, 'TEZ-CIVIL', { acceptDownloads: false });
    await page.goto(`${session.url}/console/requests/${requestId}`);
    await page
      .getByTestId('case-status')
      .filter({ hasText: /^已归档$/ })
      .waitFor({ timeout: 30_000 });
    return page;
  }

  it('a clerk is not offered the erasure', async () => {
    const clerk = await signedIn('clerk-gao', 'clerk');
    await clerk.getByText('周建华').first().waitFor();
    expect(await clerk.getByText('删除申请人个人信息').count()).toBe(0);
  }, 120_000);

  it('the office head erases with a reason, a note and a confirmation; the case keeps its facts and shows 已删除', async () => {
    const head = await signedIn('head-zhou', 'office_head');
    const applicant = head.locator('dt', { hasText: /^申请人$/ }).locator('xpath=following-sibling::dd[1]');
    expect(await applicant.textContent()).toContain('周建华');
    await head.getByText('删除申请人个人信息', { exact: true }).click();
    await head.getByRole('combobox', { name: /删除理由/ }).selectOption('request_by_person');
    await head.getByLabel('说明（申请或裁判文书的日期、文号）').fill('申请人2026年12月1日书面申请删除其个人信息');
    // Without the confirmation nothing is sent.
    await head.getByRole('button', { name: '确认删除申请人个人信息' }).click();
    await head.getByText('请先勾选确认：删除后无法恢复。').waitFor();
    expect(await applicant.textContent()).toContain('周建华');
    expect(await screenshotBoth(head, 'request-case-erasure-form')).toEqual([]);

    await head.getByRole('checkbox', { name: '我已核实删除理由，确认删除（删除后无法恢复）' }).check();
    await head.getByRole('button', { name: '确认删除申请人个人信息' }).click();
    await head.getByText(/申请人个人信息已于 \d{4}-\d{2}-\d{2} 删除（本人申请删除）/).waitFor({ timeout: 30_000 });
    expect(await applicant.textContent()).toContain('已删除');
    expect(await applicant.textContent()).not.toContain('周建华');
    expect(await head.getByTestId('case-status').textContent()).toBe('已归档');
    expect(await head.getByText('删除申请人个人信息', { exact: true }).count()).toBe(0);
    expect(await screenshotBoth(head, 'request-case-erased')).toEqual([]);
  }, 120_000);
});
