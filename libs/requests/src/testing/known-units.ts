import type { INestApplication } from '@nestjs/common';
import { GENESIS_HASH, type EventEnvelope } from '@gongkai/contracts';
import type { UnitKind } from '@gongkai/contracts/vocabulary';
import { AnnualReportsProjection } from '../read-models/annual-reports.projection';
import { RequestsUnitsProjection } from '../read-models/units.projection';

/** The test units and their names (the catalogue's demo units). */
export const TEST_UNIT_NAMES: Readonly<Record<string, string>> = {
  'TEZ-ZSZ': '张山子镇人民政府',
  'TEZ-EDU': '区教育和体育局',
  'TEZ-CIVIL': '区民政局',
  'TEZ-GOV-OFFICE': '区人民政府办公室',
};

/** The kinds of the test units as the catalogue registers them (a unit not listed: a department). */
export const TEST_UNIT_KINDS: Readonly<Record<string, UnitKind>> = {
  'TEZ-ZSZ': 'town',
  'TEZ-GOV-OFFICE': 'district_office',
};

/**
 * Tells the requests service's units read model that these units exist, as the catalogue's
 * `catalogue.UnitRegistered` events would in a running district (a service alone has no catalogue):
 * filing and transfers refuse a unit it does not know; the annual reports know each unit's kind (the
 * district government's own report covers the units of kind district_office by default).
 */
export async function knownUnits(app: INestApplication, unitIds: readonly string[]): Promise<void> {
  const units = app.get(RequestsUnitsProjection);
  const reports = app.get(AnnualReportsProjection);
  for (const unitId of unitIds) {
    const at = new Date().toISOString();
    const kind = TEST_UNIT_KINDS[unitId] ?? 'department';
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
      data: {
        unitId,
        name: TEST_UNIT_NAMES[unitId] ?? `${unitId}单位`,
        level: kind === 'town' || kind === 'subdistrict' ? '乡级' : '县级',
        kind,
      },
      prevHash: GENESIS_HASH,
      hash: GENESIS_HASH,
    };
    await units.handle(envelope);
    await reports.handle(envelope);
  }
}
