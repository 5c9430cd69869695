import type { FactoryProvider } from '@nestjs/common';
import type { Connection } from 'mongoose';
import { ReadModelConnections } from '../read-models/read-model-connections';

/**
 * The one way a service module provides a read model (projection or read-side store): built on the
 * service's own database (`<prefix>-<service>`), injectable by its class.
 *
 * ```ts
 * providers: [readModelProvider('requests', RequestsProjection)]
 * ```
 */
export function readModelProvider<T>(service: string, type: new (connection: Connection) => T): FactoryProvider<T> {
  return {
    provide: type,
    inject: [ReadModelConnections],
    useFactory: (connections: ReadModelConnections) => new type(connections.get(service)),
  };
}
