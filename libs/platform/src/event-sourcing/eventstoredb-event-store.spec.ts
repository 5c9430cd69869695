import { eventStoreContract } from '../testing/event-store-contract';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

const url = process.env.EVENTSTORE_URL;

if (url) {
  eventStoreContract('EventStoreDB', async () => new EventStoreDbEventStore(url));
} else {
  // EventStoreDB has no server package on any registry this machine reaches; the suite runs
  // wherever EVENTSTORE_URL points at a server (e.g. `esdb://localhost:2113?tls=false`).
  console.warn('EventStoreDB contract suite SKIPPED: EVENTSTORE_URL is not set (no EventStoreDB server can run on this machine)');
  describe('EventStore contract: EventStoreDB', () => {
    it.skip('SKIPPED: EVENTSTORE_URL is not set, so the EventStoreDB adapter was not contract-tested', () => undefined);
  });
}
