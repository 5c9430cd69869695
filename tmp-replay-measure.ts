// Ad-hoc measurement (not committed): old vs new replay paths on the bench's data shape.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { v7 as uuidv7 } from 'uuid';
import { CatalogueUnitsProjection } from './libs/catalogue/src/read-models/units.projection';
import { replayInto, replayProjectionInto, temporaryDatabase } from './libs/audit/src/replay';
import { SqliteEventStore } from './libs/platform/src/event-sourcing/sqlite-event-store';
import { readAllInBatches, type NewEvent } from './libs/platform/src/event-sourcing/event-store';
import { upcast } from './libs/platform/src/event-sourcing/upcasting';
import { PlatformCollections } from './libs/platform/src/read-models/platform-collections';
import { rebuildProjection } from './libs/platform/src/read-models/rebuild';

const UNITS = Number(process.env.UNITS ?? 250);
const url = process.env.MONGODB_URL!;
const event = (type: string, data: Record<string, unknown>): NewEvent => ({ eventId: uuidv7(), type, schemaVersion: 1, data, occurredAt: '2026-03-02T01:00:00.000Z', actor: { userId: 'u-1', unitId: 'TEZ-GOV', role: 'district_office' }, correlationId: 'bench', causationId: null });
const rate = (n: number, ms: number) => `${n} events in ${(ms / 1000).toFixed(1)} s = ${((n * 1000) / ms).toFixed(0)} events/s`;

(async () => {
  const store = new SqliteEventStore(join(mkdtempSync(join(tmpdir(), 'gk-m-')), 'e.db'));
  for (let u = 0; u < UNITS; u += 1) {
    const unitId = `TEZ-B${u}`;
    await store.append(`catalogue.unit-${unitId}`, [
      event('catalogue.UnitRegistered', { unitId, name: `第${u}镇`, level: '乡级', kind: 'town' }),
      event('catalogue.UnitRenamed', { unitId, name: `第${u}镇人民政府`, reason: '规范名称' }),
      event('catalogue.UnitOpennessOfficeDesignated', { unitId, office: '党政办公室', officerName: '张伟' }),
      event('catalogue.UnitRenamed', { unitId, name: `第${u}镇政府`, reason: '按“三定”方案更名' }),
    ], -1);
  }
  const time = async (fn: () => Promise<unknown>) => { const t = Date.now(); await fn(); return Date.now() - t; };
  for (const round of [1, 2]) {
    { const t = await temporaryDatabase(url, 'measure'); try { console.log(`r${round} as-of/compare old (replayInto, event by event):`, rate(UNITS * 4, await time(() => replayInto(store, [new CatalogueUnitsProjection(t.connection)])))); } finally { await t.dispose(); } }
    { const t = await temporaryDatabase(url, 'measure'); try { console.log(`r${round} as-of/compare new (in memory + bulk flush):`, rate(UNITS * 4, await time(() => replayProjectionInto(store, new CatalogueUnitsProjection(t.connection), t.connection)))); } finally { await t.dispose(); } }
    // rebuildProjection: old loop (per-event inbox upsert) vs new (bulk inbox)
    const conn = mongoose.createConnection(url, { dbName: `measure-rb-${uuidv7().slice(-8)}` }); await conn.asPromise();
    const platformConn = mongoose.createConnection(url, { dbName: `measure-pf-${uuidv7().slice(-8)}` }); await platformConn.asPromise();
    const platform = new PlatformCollections(platformConn);
    const projection = new CatalogueUnitsProjection(conn);
    const oldMs = await time(async () => {
      await conn.db!.dropCollection('units').catch(() => undefined);
      await platform.forgetProcessed(projection.name);
      for await (const batch of readAllInBatches(store, 0, 1000)) for (const stored of batch) {
        if (!projection.eventTypes.includes(stored.type)) continue;
        await projection.handle(upcast(stored));
        await platform.markProcessed(projection.name, stored.eventId);
      }
    });
    console.log(`r${round} rebuildProjection old (per-event inbox upsert):`, rate(UNITS * 4, oldMs));
    console.log(`r${round} rebuildProjection new (bulk inbox):`, rate(UNITS * 4, await time(() => rebuildProjection(store, projection, conn, platform))));
    console.log(`   inbox entries: ${await platformConn.collection('processed_events').countDocuments({})}`);
    await conn.db!.dropDatabase(); await platformConn.db!.dropDatabase(); await conn.close(); await platformConn.close();
  }
  await store.close();
})();
