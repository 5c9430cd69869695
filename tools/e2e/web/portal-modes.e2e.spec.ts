import type { INestApplication } from '@nestjs/common';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { eventually, tokenFor } from '@gongkai/platform/testing';
import { screenshotBoth, startWebStandalone, type WebStandalone } from './browser';

/**
 * A portal for everyone (issue 15.7): the elderly-friendly mode (larger type and spacing, a shorter
 * menu, a toggle remembered across visits) and axe-core with no serious or critical violation on the
 * portal pages in both modes, at phone and desktop widths; the unit's guide on its page, the
 * subscription page, the request form's link to the guide.
 */
describe('web: the portal in normal and elderly-friendly mode', () => {
  const UNIT = 'TEZ-ZSZ';
  let session: WebStandalone;
  let url: string;
  let page: Page;

  beforeAll(async () => {
    session = await startWebStandalone({}, seedGuide);
    ({ url } = session);
    page = await session.newPage({ acceptDownloads: false });
  }, 240_000);

  afterAll(() => session?.close());

  async function seedGuide(app: INestApplication) {
    const http = () => request(app.getHttpServer());
    const district = await tokenFor('district_office', 'TEZ-GOV-OFFICE');
    await http()
      .post('/api/catalogue/units')
      .set('Authorization', `Bearer ${district}`)
      .send({ unitId: UNIT, name: '张山子镇人民政府', level: '乡级', kind: 'town' })
      .expect(201);
    await eventually(async () => ((await http().get(`/api/catalogue/units/${UNIT}`)).status === 200 ? true : undefined), 60000, 'the unit');
    await http()
      .put(`/api/catalogue/units/${UNIT}/guide`)
      .set('Authorization', `Bearer ${await tokenFor('clerk', UNIT)}`)
      .send({
        office: '张山子镇党政办公室',
        address: '台儿庄区张山子镇政府路1号',
        hours: '工作日 上午8:30—12:00，下午14:00—17:30',
        phone: '0632-6610000',
        channels: '当面提交、邮寄、网上申请',
        howToApply: '填写《政府信息公开申请表》，写明所需政府信息的名称、文号或者便于查询的其他特征性描述。',
        fees: '依照《政府信息公开信息处理费管理办法》收取信息处理费。',
        remedies: '认为侵犯其合法权益的，可以依法申请行政复议或者提起行政诉讼。',
      })
      .expect(200);
    await eventually(
      async () => ((await http().get(`/api/catalogue/portal/units/${UNIT}/guide`)).status === 200 ? true : undefined),
      60000,
      'the guide',
    );
  }

  const PAGES: [string, string, string][] = [
    ['home', '/', '台儿庄区政务公开'],
    ['unit-guide', `/units/${UNIT}`, '政府信息公开指南'],
    ['apply', `/apply?unit=${UNIT}`, '申请政府信息公开'],
    ['subscribe', '/subscribe', '订阅公开信息'],
    ['track', '/track', '查询申请进度'],
  ];

  const checkAll = async (mode: string) => {
    for (const [name, path, text] of PAGES) {
      await page.goto(`${url}${path}`);
      await page.getByText(text).first().waitFor();
      expect([mode, name, await screenshotBoth(page, `portal-${mode}-${name}`)]).toEqual([mode, name, []]);
    }
  };

  it('the unit page shows its guide and the application form; the request form links to both', async () => {
    await page.goto(`${url}/units/${UNIT}`);
    await page.getByRole('heading', { name: '政府信息公开指南' }).waitFor();
    await page.getByText('张山子镇党政办公室').waitFor();
    expect(await page.getByRole('link', { name: /下载《政府信息公开申请表》/ }).getAttribute('href')).toBe(
      `/api/catalogue/portal/units/${UNIT}/application-form`,
    );
    await page.goto(`${url}/apply?unit=${UNIT}`);
    expect(await page.getByRole('link', { name: '政府信息公开指南' }).getAttribute('href')).toBe(`/units/${UNIT}#guide`);
  }, 120_000);

  it('normal mode: no serious or critical axe violation at phone and desktop widths', () => checkAll('normal'), 240_000);

  it('the elderly-friendly mode enlarges the type, shortens the menu and is remembered', async () => {
    await page.goto(`${url}/`);
    // Runs in the page; the root tsconfig has no DOM lib.
    type PageGlobals = { document: { documentElement: unknown }; getComputedStyle(element: unknown): { fontSize: string } };
    const fontSize = () =>
      page.evaluate(() => {
        const g = globalThis as unknown as PageGlobals;
        return g.getComputedStyle(g.document.documentElement).fontSize;
      });
    expect(await fontSize()).toBe('16px');
    await page.getByRole('button', { name: '长辈模式' }).click();
    expect(await fontSize()).toBe('20px');
    expect(await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '意见征集' }).isVisible()).toBe(false);
    await page.reload();
    await page.getByRole('button', { name: /长辈模式/ }).waitFor();
    expect(await page.getByRole('button', { name: /长辈模式/ }).getAttribute('aria-pressed')).toBe('true');
    expect(await fontSize()).toBe('20px');
  }, 120_000);

  it('elderly-friendly mode: no serious or critical axe violation at phone and desktop widths', () => checkAll('elder'), 240_000);
});
