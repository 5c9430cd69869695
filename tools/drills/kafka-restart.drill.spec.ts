import { MongoClient } from 'mongodb';
import { KafkaEventBus } from '@gongkai/platform';
import {
  eventually,
  isolatedEnv,
  startPrivateKafka,
  startServiceProcess,
  type PrivateServer,
  type ServiceProcess,
} from '@gongkai/platform/testing';
import { appliedByHandler, printCounts, progress, registerUnit, storeContents } from './drill-kit';

/**
 * Fault drill 2 (issue 16.9): the Kafka broker is SIGKILLed and started again while the
 * distributed shape publishes and consumes: the catalogue service (its relay publishes) and the
 * assessment service (consumes the catalogue topic into its `units` read model) run as separate
 * processes against a private broker (its own ports and log directory) while commands keep
 * arriving. Nothing may be lost (every catalogue event reaches the read model) and nothing applied
 * twice (each event id once among the documents' source events, the applied counter equal to the
 * events), although the relay may re-publish a batch it had not checkpointed.
 */
describe('fault drill: the Kafka broker restarted while services publish and consume', () => {
  let kafka: PrivateServer;
  const services: ServiceProcess[] = [];
  let mongo: MongoClient | undefined;
  let bus: KafkaEventBus | undefined;

  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop()));
    await bus?.close();
    await mongo?.close();
    await kafka?.kill();
  }, 120000);

  it('loses nothing and applies nothing twice', async () => {
    const started = Date.now();
    const timedOut = () => Date.now() - started > 300000; // the writers never outlive a failed drill
    kafka = await startPrivateKafka();
    progress(started, `private Kafka ready at ${kafka.address} (pid ${kafka.pid})`);
    const env = isolatedEnv({ KAFKA_BROKERS: kafka.address, KAFKA_PARTITIONS: '3' });
    const catalogue = await startServiceProcess('catalogue-service', env, 180000);
    services.push(catalogue);
    const assessment = await startServiceProcess('assessment-service', env, 180000);
    services.push(assessment);
    progress(started, 'catalogue and assessment services ready');
    mongo = await new MongoClient(env.MONGODB_URL).connect();
    const units = mongo.db(`${env.MONGODB_DB_PREFIX}-assessment`).collection('units');

    const answered: Record<string, number> = {};
    let next = 0;
    let writing = true;
    let limit = 40; // commands per phase: before the kill, while Kafka is down, after the restart
    const ok = () => answered[201] ?? 0;
    const writer = Promise.all(
      Array.from({ length: 4 }, async () => {
        while (writing && !timedOut()) {
          if (ok() >= limit) {
            await new Promise((resolve) => setTimeout(resolve, 50)); // this phase has its commands
            continue;
          }
          const n = next++;
          const { status } = await registerUnit(catalogue.url, `DRILL-KF-${n}`, n).catch(() => ({ status: 0 }));
          answered[status] = (answered[status] ?? 0) + 1;
        }
      }),
    );
    await eventually(async () => ((await units.countDocuments()) >= 10 ? true : undefined), 120000, 'events flowing to assessment');

    await kafka.kill();
    const before = storeContents(env.EVENT_STORE_URL).events;
    progress(started, `Kafka SIGKILLed at ${before} events`);
    const atKill = ok();
    limit = atKill + 40;
    await eventually(async () => (ok() >= atKill + 10 ? true : undefined), 60000, '10 commands while Kafka is down');
    await kafka.start();
    const atRestart = ok();
    limit = atRestart + 40;
    progress(started, `Kafka restarted (pid ${kafka.pid}); ${atRestart - atKill} commands answered while it was down`);
    await eventually(async () => (ok() >= atRestart + 10 ? true : undefined), 60000, '10 commands after the restart');
    writing = false;
    await writer;

    // Every catalogue event in the read model, each exactly once.
    const stored = storeContents(env.EVENT_STORE_URL);
    const after = stored.events;
    const unitStreams = [...stored.perStream.keys()].filter((s) => s.startsWith('catalogue.unit-'));
    const catalogueEvents = stored.eventIdsIn('catalogue.');
    const settled = await eventually(
      async () => {
        const docs = await units.find({}).toArray();
        const sources = docs.flatMap((d) => d.sourceEventIds as string[]);
        return docs.length === unitStreams.length && new Set(sources).size === catalogueEvents.length ? { docs, sources } : undefined;
      },
      180000,
      'every catalogue event in the assessment read model',
    );
    progress(started, `converged at ${after} events; commands answered ${JSON.stringify(answered)}`);
    bus = new KafkaEventBus({ brokers: [kafka.address], clientId: 'drill-kafka-restart' });
    const offsets = await bus.topicOffsets(`${env.KAFKA_TOPIC_PREFIX}.catalogue`);
    const kafkaMessages = offsets.reduce((n, p) => n + Number(p.high), 0);
    const applied = (await appliedByHandler(assessment.url))['assessment.units'] ?? 0;
    const duplicates = settled.sources.length - new Set(settled.sources).size;
    printCounts(
      'Kafka broker SIGKILL and restart',
      { before, after, applied, duplicates },
      `catalogue topic holds ${kafkaMessages} messages for ${catalogueEvents.length} catalogue events (${kafkaMessages - catalogueEvents.length} re-published by the relay); ${settled.docs.length} units in assessment; ${ok()} commands answered 201 (${atRestart - atKill} while Kafka was down), others ${JSON.stringify(answered)}; ${Math.round((Date.now() - started) / 1000)} s`,
    );
    expect(duplicates).toBe(0);
    expect([...settled.sources].sort()).toEqual([...catalogueEvents].sort());
    expect(applied).toBe(catalogueEvents.length);
    expect(kafkaMessages).toBeGreaterThanOrEqual(catalogueEvents.length);
    expect(after).toBeGreaterThanOrEqual(before + 10);
  }, 600000);
});
