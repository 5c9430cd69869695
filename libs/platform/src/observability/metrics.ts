import { createServer, type Server } from 'node:http';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of one process, served at /metrics. */
export class Metrics {
  readonly registry = new Registry();
  readonly httpRequests = new Counter({
    name: 'gongkai_http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  readonly httpDuration = new Histogram({
    name: 'gongkai_http_request_duration_seconds',
    help: 'HTTP request duration',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  readonly eventsAppended = new Counter({
    name: 'gongkai_events_appended_total',
    help: 'Events appended to the event store by type',
    labelNames: ['type'] as const,
    registers: [this.registry],
  });
  readonly eventsApplied = new Counter({
    name: 'gongkai_events_applied_total',
    help: 'Events applied by consumers, by handler',
    labelNames: ['handler'] as const,
    registers: [this.registry],
  });
  readonly messagesParked = new Counter({
    name: 'gongkai_messages_parked_total',
    help: 'Invalid messages parked by consumers',
    registers: [this.registry],
  });

  readonly relayLeader = new Gauge({
    name: 'gongkai_relay_leader',
    help: '1 while this process runs its service relay (elected leader, or the only relay), else 0',
    registers: [this.registry],
  });

  readonly readCache = new Counter({
    name: 'gongkai_read_cache_requests_total',
    help: 'Anonymous reads of cached portal routes: hit (served from the read cache), miss (read the read models), shared (waited for a concurrent miss)',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
  }
}

/**
 * The scrape listener of METRICS_PORT: `GET /metrics` and nothing else (404 for any other path or
 * method), so the public HTTP port need not serve metrics at all.
 */
export function serveMetrics(metrics: Metrics, port: number, host: string): Promise<Server> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '').split('?')[0];
    if ((request.method !== 'GET' && request.method !== 'HEAD') || path !== '/metrics') {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    metrics.registry.metrics().then(
      (text) => response.writeHead(200, { 'Content-Type': metrics.registry.contentType }).end(request.method === 'HEAD' ? undefined : text),
      () => response.writeHead(500).end(),
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
