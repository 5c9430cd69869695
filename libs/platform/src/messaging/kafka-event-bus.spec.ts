import { v7 as uuidv7 } from 'uuid';
import { eventually, requireInfra } from '../testing/infra';
import { KafkaEventBus } from './kafka-event-bus';

/**
 * Services start together and each creates the topics it needs: one of them wins, the others get
 * "already exists" before the new partitions have leaders. Every one of them must still consume.
 */
describe('KafkaEventBus: services creating the same topics at once', () => {
  const { kafkaBrokers } = requireInfra();
  const buses: KafkaEventBus[] = [];
  afterAll(() => Promise.all(buses.map((bus) => bus.close())));

  it.each([1, 2, 3])(
    'round %i: three buses subscribe to one new topic at once, and each receives what is published',
    async () => {
      const topic = `race-${uuidv7().slice(-12)}`;
      const received = new Map<string, string[]>();
      const subscribers = [0, 1, 2].map((n) => {
        const bus = new KafkaEventBus({ brokers: kafkaBrokers.split(','), clientId: `race-${n}`, partitions: 3 });
        buses.push(bus);
        received.set(`group-${n}`, []);
        return bus.subscribe({
          groupId: `${topic}.group-${n}`,
          topics: [topic],
          onMessage: async (message) => {
            received.get(`group-${n}`)!.push(message.key ?? '');
          },
        });
      });
      await Promise.all(subscribers);
      const publisher = buses[buses.length - 1];
      const keys = ['a', 'b', 'c', 'd'];
      await publisher.publish(keys.map((key) => ({ topic, key, value: { type: 'test.Raced', eventId: uuidv7() } as never })));
      await eventually(
        async () => ([...received.values()].every((keysOf) => keysOf.length === keys.length) ? true : undefined),
        30000,
        'every group to receive the four messages',
      );
      for (const keysOf of received.values()) expect([...keysOf].sort()).toEqual(keys);
    },
    60000,
  );
});
