/**
 * Read-your-writes lag in the distributed shape (issue 17): the catalogue and requests services as
 * separate processes over the real Kafka (KAFKA_BROKERS, from tools/local-infra/up.sh all), sharing
 * the SQLite store as start-services.sh runs them. From a command's answer (registering a letter's
 * request at the requests service) to its case view showing the revision: the relay publishes the
 * event to Kafka, the requests service's consumer group reads it back and projects it.
 * Idle, then under a staff read load on the requests service (its register and a case, autocannon
 * at 200 connections). Beside it: the same service's Kafka consumer lag (messages between the
 * topic's end and the group's committed offset), sampled every 250 ms during each lag run.
 * BENCH_SCALE scales the samples (default 1: 40 commands per row).
 */
import { Kafka, logLevel } from 'kafkajs';
import { isolatedEnv, removeIsolatedEnv, startServiceProcess, tokenFor, type ServiceProcess } from '@gongkai/platform/testing';
import { formatRate, progress, sleep, type Bench } from './harness';
import { autocannon, lag, percentile, registration } from './http-load.bench';

const SCALE = Number(process.env['BENCH_SCALE'] ?? '1');
const SAMPLES = Math.max(10, Math.round(40 * SCALE));
const UNIT = 'BENCH-KAFKA-TOWN';

export const bench: Bench = {
  title: 'Read-your-writes lag in the distributed shape over Kafka (catalogue + requests services)',
  async run() {
    if (!process.env['MONGODB_URL'] || !process.env['KAFKA_BROKERS'])
      return { tables: [], notes: ['skipped: MONGODB_URL or KAFKA_BROKERS is not set'] };
    const env = isolatedEnv({ LOG_LEVEL: 'warn' });
    const services: ServiceProcess[] = [];
    const kafka = new Kafka({ clientId: 'bench', brokers: env['KAFKA_BROKERS'].split(','), logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    try {
      progress('ryw-kafka: starting the catalogue and requests services');
      const [catalogue, requests] = await Promise.all([
        startServiceProcess('catalogue-service', env, 180000),
        startServiceProcess('requests-service', env, 180000),
      ]);
      services.push(catalogue, requests);
      await admin.connect();
      const office = await tokenFor('district_office');
      const created = await fetch(`${catalogue.url}/api/catalogue/units`, {
        method: 'POST',
        headers: { authorization: `Bearer ${office}`, 'content-type': 'application/json' },
        body: JSON.stringify({ unitId: UNIT, name: '峄城镇人民政府', level: '乡级', kind: 'town' }),
      });
      if (created.status !== 201) throw new Error(`unit: ${created.status} ${await created.text()}`);
      const clerk = await tokenFor('clerk', UNIT);
      const reader = await tokenFor('district_office', UNIT);
      progress('ryw-kafka: waiting for the requests service to know the unit (over Kafka)');
      let requestId = '';
      for (let started = Date.now(); !requestId; await sleep(250)) {
        const res = await fetch(`${requests.url}/api/requests`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${clerk}` },
          body: registration(UNIT),
        });
        if (res.status === 201) requestId = ((await res.json()) as { requestId: string }).requestId;
        else await res.arrayBuffer();
        if (Date.now() - started > 180_000) throw new Error(`the requests service does not know ${UNIT}: ${res.status}`);
      }
      await lag(requests, clerk, reader, UNIT); // warm

      const group = `${env['KAFKA_TOPIC_PREFIX']}.requests`;
      const topic = `${env['KAFKA_TOPIC_PREFIX']}.requests`;
      const consumerLag = async (): Promise<number> => {
        const ends = await admin.fetchTopicOffsets(topic);
        const [committed] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
        return ends.reduce((sum, end) => {
          const at = Number(committed?.partitions.find((p) => p.partition === end.partition)?.offset ?? '-1');
          return sum + Math.max(0, Number(end.offset) - Math.max(0, at));
        }, 0);
      };
      const sampled = async (run: () => Promise<number[]>) => {
        const lags: number[] = [];
        let sampling = true;
        const sampler = (async () => {
          while (sampling) {
            lags.push(await consumerLag().catch(() => NaN));
            await sleep(250);
          }
        })();
        try {
          return { samples: await run(), kafka: lags.filter((n) => !Number.isNaN(n)) };
        } finally {
          sampling = false;
          await sampler;
        }
      };
      const lags = async () => {
        const out: number[] = [];
        for (let i = 0; i < SAMPLES; i += 1) out.push(await lag(requests, clerk, reader, UNIT));
        return out;
      };
      progress(`ryw-kafka: ${SAMPLES} commands, idle`);
      const idle = await sampled(lags);
      progress(`ryw-kafka: idle p50 ${percentile(idle.samples, 50).toFixed(0)} ms, p99 ${percentile(idle.samples, 99).toFixed(0)} ms`);
      progress(`ryw-kafka: ${SAMPLES} commands under the staff reads at 200 connections`);
      const reads = [
        { path: `/api/requests?unitId=${UNIT}`, headers: { authorization: `Bearer ${reader}` } },
        { path: `/api/requests/${requestId}`, headers: { authorization: `Bearer ${reader}` } },
      ];
      const background = autocannon({ url: requests.url, connections: 200, duration: 3600, requests: reads, timeout: 30 });
      let loaded: Awaited<ReturnType<typeof sampled>>;
      try {
        await sleep(1000);
        loaded = await sampled(lags);
      } finally {
        (background as unknown as { stop?: () => void }).stop?.();
      }
      const load = await background.catch(() => null);
      const row = (name: string, run: { samples: number[]; kafka: number[] }, target: string) => [
        name,
        String(run.samples.length),
        percentile(run.samples, 50).toFixed(0),
        percentile(run.samples, 99).toFixed(0),
        target,
        run.kafka.length ? `${percentile(run.kafka, 50)} / ${Math.max(...run.kafka)}` : 'n/a',
      ];
      return {
        tables: [
          {
            columns: [
              'read-your-writes lag (distributed, Kafka)',
              'commands',
              'p50 ms',
              'p99 ms',
              'p99 target ms',
              'consumer lag p50 / max (messages)',
            ],
            rows: [row('idle', idle, '300'), row('under the staff reads, 200 connections', loaded, '1000')],
            alignRight: [1, 2, 3, 4, 5],
          },
        ],
        notes: [
          load
            ? `The background load: ${formatRate(load.requests.average)} requests/s, p50 ${load.latency.p50} ms, p99 ${load.latency.p99} ms, ${load.errors + load.non2xx} errors.`
            : 'The background load did not report.',
          "Consumer lag: the requests topic's end offsets minus the group's committed offsets, sampled every 250 ms while the commands ran (the group commits after each batch).",
        ],
      };
    } finally {
      await admin.disconnect().catch(() => undefined);
      for (const service of services) await service.stop();
      await removeIsolatedEnv(env);
    }
  },
};
