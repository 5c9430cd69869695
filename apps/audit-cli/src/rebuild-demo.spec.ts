import type { INestApplication } from '@nestjs/common';
import { AuditService } from '@gongkai/audit';
import { ConsumerCatchUp, ConsumerRegistry, createApp, EVENT_STORE, type EventStore } from '@gongkai/platform';
import { eventually, isolatedEnv } from '@gongkai/platform/testing';
import { loadDemoData, standaloneApp } from '@gongkai/shapes';
import { runCommand } from './commands';

/**
 * Every read model is a function of the events: after the full demo (every service, a year of
 * requests), replaying the store into fresh databases gives exactly the live documents.
 */
describe('rebuild after the full demo', () => {
  let app: INestApplication;

  beforeAll(async () => {
    ({ app } = await createApp(standaloneApp, isolatedEnv({ AUDIT_ANCHOR_INTERVAL_S: '0' })));
    await app.init();
    expect(await loadDemoData(app)).toBeGreaterThan(0);
    // Caught up: every consumer (own checkpoint in the store, StoreConsumers) has reached the store's
    // head, and the head stayed put meanwhile (process managers append their own events).
    const store = app.get<EventStore>(EVENT_STORE);
    const catchUp = app.get(ConsumerCatchUp);
    const services = app
      .get(ConsumerRegistry)
      .groups()
      .map(([service]) => service);
    await eventually(
      async () => {
        const head = await store.headPosition();
        for (const service of services) if (!(await catchUp.waitFor(service, { timeoutMs: 0 })).caughtUp) return undefined;
        return (await store.headPosition()) === head ? head : undefined;
      },
      600_000,
      'the consumers to catch up with the store',
    );
  }, 900_000);
  afterAll(() => app?.close());

  it('compares every registered read model with a replay of the store: zero differences', async () => {
    const names = app
      .get(ConsumerRegistry)
      .projections()
      .map((p) => p.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'catalogue.items',
        'catalogue.item-summaries',
        'catalogue.negative-list',
        'document-attributes.documents',
        'requests.requests',
        'interpretation.policies',
        'assessment.facts',
      ]),
    );
    const audit = app.get(AuditService);
    const findings: Record<string, unknown[]> = {};
    let documents = 0;
    for (const name of names) {
      const result = await audit.compare(name);
      documents += result.documents;
      if (result.differences.length > 0) findings[name] = result.differences.slice(0, 3);
    }
    expect(findings).toEqual({});
    expect(documents).toBeGreaterThan(100);
    // The CLI says the same, one line per read model.
    let output = '';
    expect(await runCommand(app, ['rebuild'], (text) => (output += text))).toBe(0);
    expect(output.match(/，0 处不同。/g)).toHaveLength(names.length);
  }, 1_800_000);
});
