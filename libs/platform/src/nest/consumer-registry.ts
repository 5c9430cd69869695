import { Injectable } from '@nestjs/common';
import type { EventHandler } from '../messaging/event-consumer';
import type { Projection } from '../read-models/rebuild';

/**
 * Feature modules register their event handlers here at module init; the runtime subscribes one
 * consumer group per service (`gongkai.<service>`) when the application has bootstrapped.
 */
@Injectable()
export class ConsumerRegistry {
  private readonly byService = new Map<string, EventHandler[]>();

  register(service: string, ...handlers: EventHandler[]): void {
    this.byService.set(service, [...(this.byService.get(service) ?? []), ...handlers]);
  }

  groups(): [string, EventHandler[]][] {
    return [...this.byService];
  }

  projections(): Projection[] {
    return [...this.byService.values()].flat().filter((h): h is Projection => 'collections' in h);
  }
}
