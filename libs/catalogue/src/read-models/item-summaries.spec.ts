import mongoose, { type Connection } from 'mongoose';
import type { DomainCode, EventEnvelope, ItemContent } from '@gongkai/contracts';
import {
  CommandHandler,
  PlatformCollections,
  projectBatch,
  rebuildProjection,
  SqliteEventStore,
  type CommandContext,
} from '@gongkai/platform';
import { isolatedEnv, removeIsolatedEnv, shuffledWithDuplicates } from '@gongkai/platform/testing';
import { itemStreamId } from '../domain/item';
import { itemDecider, type ItemCommand } from '../domain/item.decide';
import {
  CatalogueItemSummariesProjection,
  DOMAIN_CATALOGUES,
  UNIT_CATALOGUES,
  domainCatalogueId,
  unitCatalogueId,
} from './item-summaries.projection';
import { CatalogueItemsProjection, toPublicItem } from './items.projection';

/**
 * The portal's summary documents (ADR 0015) over the real servers: the events come from the item
 * decider through the command handler into a SQLite store, the summaries are written to FerretDB.
 */
const content = (domainCode: DomainCode, name: string, extra: Partial<ItemContent> = {}): ItemContent => ({
  domainCode,
  firstLevel: '最低生活保障',
  secondLevel: name,
  content: '申请条件、申请材料、办理流程、审核结果公示',
  legalBases: [{ law: '社会救助暂行办法', article: '第十一条' }],
  timeLimit: { text: '信息形成或者变更之日起20个工作日内', rule: { kind: 'working_days_after_formation', days: 20 } },
  subject: '张山子镇人民政府',
  method: '主动',
  channels: [{ channel: '政府网站' }],
  audience: { kind: '全社会' },
  level: '乡级',
  stage: '结果',
  ...extra,
});

const UNITS = ['TEZ-ZSZ', 'TEZ-MZJ', 'TEZ-JYJ'];
const DOMAINS: DomainCode[] = ['social-assistance', 'budget', 'compulsory-education'];

describe('catalogue summary documents for the portal (real FerretDB, events from the item decider)', () => {
  const env = isolatedEnv();
  const store = new SqliteEventStore(env.EVENT_STORE_URL.replace(/^sqlite:/, ''));
  const commands = new CommandHandler(store, 3);
  let connection: Connection;
  let events: EventEnvelope[];
  const database = (name: string) => connection.useDb(`${env.MONGODB_DB_PREFIX}-catalogue-${name}`);

  const run = async (itemId: string, command: ItemCommand, at: string) => {
    const context: CommandContext = {
      actor: { userId: 'zhang', unitId: command.unitId, role: 'clerk' },
      correlationId: `c-${itemId}`,
      now: at,
    };
    await commands.handle(itemDecider, itemStreamId(itemId), command, context);
  };

  beforeAll(async () => {
    connection = await mongoose.createConnection(env.MONGODB_URL, { dbName: `${env.MONGODB_DB_PREFIX}-catalogue` }).asPromise();
    // 12 items over three units and three domains; every shape of history the portal sees.
    let day = 1;
    const at = () => `2026-01-${String(day++).padStart(2, '0')}T02:00:00.000Z`;
    for (let i = 0; i < 12; i += 1) {
      const itemId = `item-${String(i).padStart(2, '0')}`;
      const unitId = UNITS[i % 3];
      const domain = DOMAINS[i % 3];
      await run(itemId, { type: 'DraftItem', itemId, unitId, content: content(domain, `事项${i}`) }, at());
      if (i === 11) continue; // a draft only: never on the portal
      await run(itemId, { type: 'PublishItem', unitId, at: at() }, at());
      if (i % 4 === 1) {
        // Revised into another domain: it must leave the old domain's summary.
        await run(
          itemId,
          { type: 'ReviseItem', unitId, content: content(DOMAINS[(i + 1) % 3], `事项${i}（修订）`), reason: '调整领域', at: at() },
          at(),
        );
      }
      if (i % 5 === 2) await run(itemId, { type: 'ReturnForCorrection', unitId, note: '请补充办理时限' }, at());
      if (i % 6 === 3) await run(itemId, { type: 'WithdrawItem', unitId, reason: '职能调整', at: at() }, at());
    }
    events = await store.readAll();
  });
  afterAll(async () => {
    await store.close();
    await connection.close();
    await removeIsolatedEnv(env);
  });

  const dump = async (db: Connection) => ({
    units: await db.collection(UNIT_CATALOGUES).find({}).sort({ _id: 1 }).toArray(),
    // A domain summary is written once per batch of its unit summaries' changes: its `_version` counts batches, not events.
    domains: (await db.collection(DOMAIN_CATALOGUES).find({}).sort({ _id: 1 }).toArray()).map(({ _version: _v, ...rest }) => rest),
  });

  it('gives the documents of one-at-a-time application for a shuffled batch with duplicates, in batches of every size', async () => {
    const shuffled = shuffledWithDuplicates(events, 11);
    const one = new CatalogueItemSummariesProjection(database('one'));
    for (const event of shuffled) await one.handle(event);
    const batched = new CatalogueItemSummariesProjection(database('batched'));
    for (let at = 0, size = 1; at < shuffled.length; at += size, size = (size * 3) % 17 || 5) {
      await batched.handleBatch(shuffled.slice(at, at + size));
    }
    const whole = new CatalogueItemSummariesProjection(database('whole'));
    await whole.handleBatch(shuffled);
    await whole.handleBatch(shuffled); // redelivered: nothing changes

    const expected = await dump(database('one'));
    expect(expected.units.map((u) => u._id)).toEqual(UNITS.map(unitCatalogueId).sort());
    expect(expected.domains.map((d) => d._id)).toEqual(DOMAINS.map(domainCatalogueId).sort());
    expect(await dump(database('batched'))).toEqual(expected);
    expect(await dump(database('whole'))).toEqual(expected);
  });

  it('answers as the items read model does: published now, per unit and per domain, withdrawn and drafts left out', async () => {
    const db = database('compare');
    const items = new CatalogueItemsProjection(db);
    const summaries = new CatalogueItemSummariesProjection(db);
    await items.handleBatch(events);
    await summaries.handleBatch(events);
    for (const unitId of UNITS) {
      const expected = (await items.publishedOfUnit(unitId)).map(toPublicItem);
      expect(expected.length).toBeGreaterThan(0);
      expect(await summaries.publishedOfUnit(unitId)).toEqual(expected);
    }
    const all = (await Promise.all(UNITS.map((u) => items.publishedOfUnit(u)))).flat();
    for (const domainCode of DOMAINS) {
      const inDomain = await summaries.publishedInDomain(domainCode);
      expect(inDomain.map((i) => i.itemId).sort()).toEqual(
        all
          .filter((i) => i.domainCode === domainCode)
          .map((i) => i.itemId)
          .sort(),
      );
      expect(inDomain.every((i) => i.status === 'published' && i.domainCode === domainCode)).toBe(true);
    }
    // item-01 was revised from budget into education; item-03 withdrawn; item-11 never published.
    expect((await summaries.publishedInDomain('budget')).map((i) => i.itemId)).not.toContain('item-01');
    expect((await summaries.publishedInDomain('compulsory-education')).map((i) => i.itemId)).toContain('item-01');
    expect((await summaries.ofUnit('TEZ-ZSZ')).find((i) => i.itemId === 'item-03')?.status).toBe('withdrawn');
    expect((await summaries.ofUnit('TEZ-JYJ')).map((i) => i.itemId)).not.toContain('item-11');
    // The past catalogue and the milestones' facts come from the summary too.
    const revised = events.find((e) => e.type === 'catalogue.ItemRevised' && e.streamId === itemStreamId('item-01'))!;
    const revisedAt = (revised.data as { publishedAt: string }).publishedAt;
    const justBefore = new Date(Date.parse(revisedAt) - 1).toISOString();
    const asOf = async (instant: string) =>
      (await summaries.ofUnitAsOf('TEZ-MZJ', instant)).map(({ item, version }) => [
        item.itemId,
        version.version,
        version.content.domainCode,
      ]);
    expect(await asOf(justBefore)).toEqual([['item-01', 1, 'budget']]);
    expect(await asOf(revisedAt)).toEqual([['item-01', 2, 'compulsory-education']]);
    const facts = await summaries.factsOfUnit('TEZ-MZJ');
    expect(facts.filter((f) => f.itemId === 'item-01').map((f) => [f.kind, f.domainCode])).toEqual([
      ['published', 'budget'],
      ['published', 'compulsory-education'],
    ]);
  });

  it('answers the same from a second instance over the same database that never saw the events (no warm-up)', async () => {
    const db = database('compare');
    const first = new CatalogueItemSummariesProjection(db);
    const other = await mongoose.createConnection(env.MONGODB_URL, { dbName: db.name }).asPromise();
    try {
      const second = new CatalogueItemSummariesProjection(other);
      for (const unitId of UNITS) expect(await second.publishedOfUnit(unitId)).toEqual(await first.publishedOfUnit(unitId));
      for (const domainCode of DOMAINS)
        expect(await second.publishedInDomain(domainCode)).toEqual(await first.publishedInDomain(domainCode));
      expect((await second.publishedOfUnit('TEZ-ZSZ')).length).toBeGreaterThan(0);
    } finally {
      await other.close();
    }
  });

  it('a rebuild from the store (npm run rebuild) writes the same summaries', async () => {
    const db = database('rebuilt');
    const projection = new CatalogueItemSummariesProjection(db);
    await projection.handleBatch(events.slice(0, 5)); // a stale read model the rebuild replaces
    await rebuildProjection(store, projection, db, new PlatformCollections(db));
    // The store's order, as the read model of the test above was written (its domain stamps follow the order of the units' events).
    expect(await dump(db)).toEqual(await dump(database('compare')));
    const views = async (other: Connection) => (await dump(other)).units.map(({ text, unitId }) => ({ unitId, text }));
    expect(await views(db)).toEqual(await views(database('one')));
  });

  it('derives the domain summaries on redelivery when a crash left them behind their unit summaries', async () => {
    const db = database('crashed');
    const projection = new CatalogueItemSummariesProjection(db);
    const wanted = events.filter((e) => projection.eventTypes.includes(e.type));
    // The first step only (the unit summaries), as a crash between the two steps leaves it.
    await projectBatch(db, wanted, (event) => projection.changesOf(event));
    expect(await db.collection(DOMAIN_CATALOGUES).countDocuments()).toBe(0);
    await projection.handleBatch(wanted); // the batch redelivered: every unit change is skipped by its guard
    expect(await dump(db)).toEqual(await dump(database('compare')));
  });

  it('reads each summary with an `_id` equality the server pushes down (explain), where the query it replaces is not', async () => {
    const db = database('compare');
    const explain = async (collection: string, filter: object) =>
      (await db.collection(collection).find(filter).explain()) as {
        filterPushdown?: boolean;
        queryPlanner?: { winningPlan?: { stage?: string } };
      };
    const pushedDown = (plan: Awaited<ReturnType<typeof explain>>) =>
      // FerretDB: filterPushdown; MongoDB: the `_id` fast path.
      plan.filterPushdown === true || ['IDHACK', 'EXPRESS_IXSCAN'].includes(plan.queryPlanner?.winningPlan?.stage ?? '');
    expect(pushedDown(await explain(UNIT_CATALOGUES, { _id: unitCatalogueId('TEZ-ZSZ') }))).toBe(true);
    expect(pushedDown(await explain(DOMAIN_CATALOGUES, { _id: domainCatalogueId('budget') }))).toBe(true);
    const scan = await explain('items', { unitId: 'TEZ-ZSZ' });
    if ('filterPushdown' in scan) expect(scan.filterPushdown).toBe(false); // FerretDB: decodes every item
  });
});
