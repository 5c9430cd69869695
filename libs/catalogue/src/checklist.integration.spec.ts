import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { documentAttributesEvents } from '@gongkai/contracts';
import type { UnitChecklistView } from '@gongkai/contracts/vocabulary';
import { createApp, EVENT_STORE, type EventStore } from '@gongkai/platform';
import { eventually, isolatedEnv, newEvent, tokenFor } from '@gongkai/platform/testing';
import { CatalogueModule } from './catalogue.module';
import { LIVING_ALLOWANCE_ITEM, LIVING_ALLOWANCE_TITLE } from './testing/checklist-fixtures';

/**
 * The proactive-disclosure checklist (Arts. 20–21) over HTTP, Kafka and FerretDB: proposals from the
 * unit's own items and from document-attributes' events, the officer's links, the gaps, the district's
 * overview and the portal's checklist; a withdrawn item leaves the checklist.
 */
describe('proactive-disclosure checklist', () => {
  let app: INestApplication;
  let store: EventStore;
  const TOWN = 'TEZ-ZSZ';
  const OTHER = 'TEZ-NHZ';
  const http = () => request(app.getHttpServer());
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const item = LIVING_ALLOWANCE_ITEM;

  /** Stands in for the document-attributes service: its contract, appended to its stream. */
  async function documentEvent(documentId: string, type: keyof typeof documentAttributesEvents, data: Record<string, unknown>) {
    documentAttributesEvents[type][1].parse(data);
    const actor = { userId: `office_head-${TOWN}`, unitId: TOWN, role: 'office_head' as const };
    await store.append(
      `document-attributes.document-${documentId}`,
      [{ ...newEvent(type, data), occurredAt: new Date().toISOString(), actor }],
      'any',
    );
  }

  beforeAll(async () => {
    // The standalone shape's relay publishes every service's streams, so the appended document events reach the catalogue.
    ({ app } = await createApp({ shape: 'standalone', title: 'checklist test', modules: () => [CatalogueModule] }, isolatedEnv()));
    await app.init();
    store = app.get(EVENT_STORE);
    const district = await tokenFor('district_office', 'TEZ-GOV-OFFICE');
    for (const [unitId, name] of [
      [TOWN, '张山子镇人民政府'],
      [OTHER, '泥沟镇人民政府'],
    ]) {
      await http().post('/api/catalogue/units').set(auth(district)).send({ unitId, name, level: '乡级', kind: 'town' }).expect(201);
    }
  }, 120000);
  afterAll(() => app?.close());

  const checklist = async (token: string): Promise<UnitChecklistView> =>
    (await http().get(`/api/catalogue/units/${TOWN}/checklist`).set(auth(token)).expect(200)).body;
  const category = (view: UnitChecklistView, code: string) => view.categories.find((c) => c.code === code)!;
  const until = <T>(what: string, probe: () => Promise<T | undefined>) => eventually(probe, 60000, what);

  it('proposes, links, shows the gaps, and follows withdrawals and publications', async () => {
    const clerk = await tokenFor('clerk', TOWN);
    const district = await tokenFor('district_office', 'TEZ-GOV-OFFICE');
    await until('the units', async () => ((await http().get(`/api/catalogue/units/${OTHER}`)).status === 200 ? true : undefined));

    // A town's checklist: Art. 20's fifteen items and Art. 21's town list, every counted category a gap.
    const empty = await checklist(clerk);
    expect(empty.categories.map((c) => c.code)).toHaveLength(23);
    expect(empty).toMatchObject({ unitKind: 'town', counted: 22, covered: 0, percent: 0 });
    expect(category(empty, 'art21-town-8')).toMatchObject({ citation: '第二十一条（乡（镇）人民政府）', text: '社会救助', gap: true });
    expect(category(empty, 'art20-15')).toMatchObject({ catchAll: true, gap: false });

    // Publishing a social-assistance item proposes it for Art. 20 (十一) and Art. 21's 社会救助.
    const itemId = (await http().post(`/api/catalogue/units/${TOWN}/items`).set(auth(clerk)).send(item).expect(201)).body.itemId as string;
    await http().post(`/api/catalogue/units/${TOWN}/items/${itemId}/publish`).set(auth(clerk)).expect(200);
    const proposed = await until('the proposals', async () => {
      const view = await checklist(clerk);
      return category(view, 'art21-town-8').proposals.length ? view : undefined;
    });
    expect(category(proposed, 'art21-town-8').proposals).toEqual([
      expect.objectContaining({ targetKind: 'item', targetId: itemId, title: LIVING_ALLOWANCE_TITLE, matched: ['社会救助'] }),
    ]);
    expect(category(proposed, 'art20-11').proposals).toHaveLength(1);
    expect(category(proposed, 'art21-town-8').gap).toBe(true); // a proposal is not a link

    // Only the unit (or the district) links; only the town's categories; only disclosed content of the unit.
    const entry = { categoryCode: 'art21-town-8', targetKind: 'item', targetId: itemId };
    const foreign = await http()
      .post(`/api/catalogue/units/${TOWN}/checklist/links`)
      .set(auth(await tokenFor('clerk', OTHER)))
      .send(entry);
    expect([foreign.status, foreign.body.code]).toEqual([403, 'OTHER_UNIT']);
    const county = await http()
      .post(`/api/catalogue/units/${TOWN}/checklist/links`)
      .set(auth(clerk))
      .send({ ...entry, categoryCode: 'art21-county-7' });
    expect([county.status, county.body.code]).toEqual([422, 'CHECKLIST_CATEGORY_NOT_APPLICABLE']);
    const missing = await http()
      .post(`/api/catalogue/units/${TOWN}/checklist/links`)
      .set(auth(clerk))
      .send({ ...entry, targetId: 'no-such-item' });
    expect([missing.status, missing.body.code]).toEqual([404, 'CHECKLIST_TARGET_NOT_FOUND']);

    // Confirming the proposal is a link: the gap closes; the other proposal stays; dismissing it removes it.
    await http().post(`/api/catalogue/units/${TOWN}/checklist/links`).set(auth(clerk)).send(entry).expect(200);
    await http()
      .post(`/api/catalogue/units/${TOWN}/checklist/proposals/dismiss`)
      .set(auth(clerk))
      .send({ ...entry, categoryCode: 'art20-11' })
      .expect(200);
    const linked = await until('the link', async () => {
      const view = await checklist(clerk);
      return !category(view, 'art21-town-8').gap && !category(view, 'art20-11').proposals.length ? view : undefined;
    });
    expect(linked).toMatchObject({ covered: 1, percent: 4.55 });
    expect(category(linked, 'art21-town-8').links).toEqual([
      { targetKind: 'item', targetId: itemId, title: LIVING_ALLOWANCE_TITLE, href: `/items/${itemId}`, pending: false },
    ]);

    // The portal's checklist: the same links, no proposals, no login.
    const portal = (await http().get(`/api/catalogue/portal/units/${TOWN}/checklist`).expect(200)).body as UnitChecklistView;
    expect(category(portal, 'art21-town-8').links.map((l) => l.targetId)).toEqual([itemId]);
    expect(portal.categories.every((c) => c.proposals.length === 0)).toBe(true);

    // A 主动公开 document issued by document-attributes: proposed by its title; linked, it closes the gap once published.
    const documentId = 'doc-zsz-budget-2026';
    await documentEvent(documentId, 'document-attributes.DocumentIssued', {
      documentId,
      unitId: TOWN,
      title: '张山子镇2026年财政预算公开',
      documentNumber: '张政发〔2026〕3号',
      documentType: '其他',
      attribute: '主动公开',
      marking: '（此件公开发布）',
      needsInterpretation: false,
      approvedBy: `office_head-${TOWN}`,
      issuedOn: '2026-03-02',
      publicationDueOn: '2026-03-30',
    });
    await until('the document proposal', async () =>
      (await checklist(clerk)).categories.find((c) => c.code === 'art20-7')!.proposals.length ? true : undefined,
    );
    const budget = { categoryCode: 'art20-7', targetKind: 'document', targetId: documentId };
    await http().post(`/api/catalogue/units/${TOWN}/checklist/links`).set(auth(clerk)).send(budget).expect(200);
    const pending = await until('the pending link', async () => {
      const links = category(await checklist(clerk), 'art20-7').links;
      return links.length ? links : undefined;
    });
    expect(pending[0]).toMatchObject({ targetKind: 'document', pending: true, href: `/documents/${documentId}` });
    expect(category(await checklist(clerk), 'art20-7').gap).toBe(true);
    await documentEvent(documentId, 'document-attributes.PublicationRecorded', {
      documentId,
      unitId: TOWN,
      channel: '政府网站',
      url: 'https://www.tez.gov.cn/zfxxgk/2026/03/budget.html',
      publishedOn: '2026-03-05',
      late: false,
    });
    await until('the published document', async () => (category(await checklist(clerk), 'art20-7').gap ? undefined : true));

    // The district office sees every unit's coverage and gaps; a clerk does not.
    const overview = (await http().get('/api/catalogue/checklists').set(auth(district)).expect(200)).body;
    expect(overview.find((r: { unitId: string }) => r.unitId === TOWN)).toMatchObject({ covered: 2, counted: 22 });
    expect(overview.find((r: { unitId: string }) => r.unitId === OTHER)).toMatchObject({ covered: 0 });
    await http().get('/api/catalogue/checklists').set(auth(clerk)).expect(403);

    // Withdrawing the item takes it off the checklist: the gap is back.
    await http()
      .post(`/api/catalogue/units/${TOWN}/items/${itemId}/withdraw`)
      .set(auth(clerk))
      .send({ reason: '事项已并入县级目录' })
      .expect(200);
    await until('the unlink', async () => (category(await checklist(clerk), 'art21-town-8').gap ? true : undefined));
    expect(category(await checklist(clerk), 'art21-town-8').links).toEqual([]);
  }, 180000);
});
