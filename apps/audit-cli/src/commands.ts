import type { INestApplication } from '@nestjs/common';
import {
  ConsumerRegistry,
  EVENT_STORE,
  PlatformCollections,
  ReadModelConnections,
  rebuildProjection,
  verifyStore,
  type EventStore,
  type RebuildReport,
  type VerificationReport,
} from '@gongkai/platform';

/** Drops and replays the named read models (all when `names` is empty) from position 0. */
export async function rebuildReadModels(app: INestApplication, names: string[]): Promise<RebuildReport[]> {
  const projections = app.get(ConsumerRegistry).projections();
  const unknown = names.filter((name) => !projections.some((p) => p.name === name));
  if (unknown.length > 0) {
    throw new Error(`unknown read model(s): ${unknown.join(', ')}; known: ${projections.map((p) => p.name).join(', ')}`);
  }
  const store = app.get<EventStore>(EVENT_STORE);
  const connections = app.get(ReadModelConnections);
  const platform = app.get(PlatformCollections);
  const reports: RebuildReport[] = [];
  for (const projection of projections.filter((p) => names.length === 0 || names.includes(p.name))) {
    const owner = projection.name.slice(0, projection.name.indexOf('.'));
    reports.push(await rebuildProjection(store, projection, connections.get(owner), platform));
  }
  return reports;
}

export function verify(app: INestApplication): Promise<VerificationReport> {
  return verifyStore(app.get<EventStore>(EVENT_STORE));
}
