import type { INestApplication } from '@nestjs/common';
import { GENESIS_HASH, type EventEnvelope } from '@gongkai/contracts';
import { RequestsUnitsProjection } from '../read-models/units.projection';

/** The test units and their names (the catalogue's demo units). */
export const TEST_UNIT_NAMES: Readonly<Record<string, string>> = {
  'TEZ-ZSZ': '张山子镇人民政府',
  'TEZ-EDU': '区教育和体育局',
  'TEZ-CIVIL': '区民政局',
};

/**
 * Tells the requests service's units read model that these units exist, as the catalogue's
 * `catalogue.UnitRegistered` events would in a running district (a service alone has no catalogue):
 * filing and transfers refuse a unit it does not know.
 */
export async function knownUnits(app: INestApplication, unitIds: readonly string[]): Promise<void> {
  const units = app.get(RequestsUnitsProjection);
  for (const unitId of unitIds) {
    const at = new Date().toISOString();
    const envelope: EventEnvelope = {
      eventId: `unit-${unitId}`,
      type: 'catalogue.UnitRegistered',
      schemaVersion: 1,
      streamId: `catalogue.unit-${unitId}`,
      streamRevision: 0,
      recordedAt: at,
      occurredAt: at,
      actor: { userId: 'test', unitId: null, role: 'admin' },
      correlationId: `unit-${unitId}`,
      causationId: null,
      data: { unitId, name: TEST_UNIT_NAMES[unitId] ?? `${unitId}单位`, level: '县级', kind: 'department' },
      prevHash: GENESIS_HASH,
      hash: GENESIS_HASH,
    };
    await units.handle(envelope);
  }
}
