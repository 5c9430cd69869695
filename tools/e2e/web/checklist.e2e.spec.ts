import type { Page } from 'playwright-core';
import { LIVING_ALLOWANCE_ITEM, LIVING_ALLOWANCE_TITLE } from '@gongkai/catalogue';
import { reloadUntil, screenshotBoth, startWebStandalone, type WebStandalone } from './browser';
import { seedTownWithItem } from './seed';

/**
 * Issue 15.6 and 15.7 in Chromium: a town's officer links a published catalogue item to a statutory
 * category of Art. 21 and the gap disappears from the console's home page; the portal's checklist shows
 * the link; printed (print media), the pages show no navigation and print black on white.
 */
const TOWN = 'TEZ-ZSZ';
const GAP = '第二十一条（乡（镇）人民政府）：社会救助';

describe('web: the proactive-disclosure checklist and print styles in Chromium', () => {
  let session: WebStandalone;

  beforeAll(async () => {
    // The town and its published item on 最低生活保障, through the API.
    session = await startWebStandalone({}, (_app, url) =>
      seedTownWithItem(url, TOWN, '张山子镇人民政府', LIVING_ALLOWANCE_ITEM).then(() => undefined),
    );
  }, 240_000);

  afterAll(() => session?.close(), 120_000);

  const gapList = (page: Page) => page.getByTestId('checklist-gaps').getByRole('listitem');

  /** In print media: the header, its navigation and the footer are not rendered; text is black on white. */
  async function printsClean(page: Page) {
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header.site-header').isVisible()).toBe(false);
    expect(await page.getByRole('navigation', { name: '主导航' }).isVisible()).toBe(false);
    expect(await page.locator('footer.site-footer').isVisible()).toBe(false);
    // Runs in the page; the root tsconfig has no DOM lib.
    const colours = await page.evaluate(() => {
      type Style = { color: string; backgroundColor: string };
      const window = globalThis as unknown as {
        document: { body: object; querySelector(selector: string): object };
        getComputedStyle(element: object): Style;
      };
      const body = window.getComputedStyle(window.document.body);
      return [body.color, body.backgroundColor, window.getComputedStyle(window.document.querySelector('h1')).color];
    });
    expect(colours).toEqual(['rgb(0, 0, 0)', 'rgb(255, 255, 255)', 'rgb(0, 0, 0)']);
    await page.emulateMedia({ media: 'screen' });
    expect(await page.getByRole('navigation', { name: '主导航' }).isVisible()).toBe(true);
  }

  it('an officer links the item to 社会救助 and the gap leaves the home page; the portal shows it; pages print without navigation', async () => {
    const page = await session.pageAs('clerk-liu', 'clerk', TOWN);

    // The home page lists the town's categories without content: 社会救助 among them.
    await gapList(page).filter({ hasText: GAP }).waitFor();
    const before = await gapList(page).count();
    expect(before).toBe(22);

    // The checklist: the 社会救助 category of Art. 21, linked to the published item.
    await page.getByRole('link', { name: '打开主动公开清单' }).click();
    const card = page.getByTestId('checklist-art21-town-8');
    await card.getByRole('heading', { name: GAP }).waitFor();
    await card.getByText('缺项').waitFor();
    const option = card.locator('option', { hasText: LIVING_ALLOWANCE_TITLE });
    await option.waitFor({ state: 'attached' });
    await card.getByLabel('关联内容').selectOption({ value: (await option.getAttribute('value'))! });
    await card.getByRole('button', { name: '关联', exact: true }).click();
    await page.getByText('已关联。').waitFor();
    await reloadUntil(page, card.getByRole('link', { name: LIVING_ALLOWANCE_TITLE }));
    expect(await card.getByText('缺项').count()).toBe(0);

    // Accessible at phone and desktop widths (axe: no serious or critical violation).
    expect(await screenshotBoth(page, 'console-checklist')).toEqual([]);

    // Printed, the checklist (a report) shows no navigation and no forms.
    await printsClean(page);

    // Back on the home page the gap is gone.
    await page.getByRole('link', { name: '待办', exact: true }).click();
    await page.getByRole('heading', { name: '主动公开清单：尚无公开内容的法定类别（21）' }).waitFor();
    expect(await gapList(page).filter({ hasText: GAP }).count()).toBe(0);
    expect(await gapList(page).count()).toBe(before - 1);
    await printsClean(page);

    // The portal's unit page: the citizen's overview, with the link to the item.
    const portal = await session.newPage();
    await portal.goto(`${session.url}/units/${TOWN}`);
    const overview = portal.getByTestId('portal-checklist');
    await overview
      .getByRole('row', { name: /社会救助/ })
      .getByRole('link', { name: LIVING_ALLOWANCE_TITLE })
      .waitFor();
    expect(await screenshotBoth(portal, 'portal-checklist')).toEqual([]);
    await printsClean(portal);
  }, 180_000);
});
