import 'reflect-metadata';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Module, type INestApplication, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger as NestPinoLogger } from 'nestjs-pino';
import { ConfigurationError, loadConfig, type GongkaiConfig } from '../config/config';
import { jsonBodies } from '../http/body-parsing';
import { completeContract } from '../http/openapi-contract';
import { ProblemDetailsFilter } from '../http/problem-details';
import { issuerOrigin, securityHeaders } from '../http/security-headers';
import { createLogger } from '../observability/logger';
import { Metrics, serveMetrics } from '../observability/metrics';
import { LISTENING_MESSAGE, type ListeningMessage } from './listening-message';
import { PlatformModule } from './platform.module';

export interface AppDefinition {
  shape: GongkaiConfig['GONGKAI_SHAPE'];
  title: string;
  /** Builds the feature modules; it receives the validated configuration. */
  modules: (config: GongkaiConfig) => Type[];
  /**
   * A built single-page web app (apps/web/dist) served at the root URL: its files, and its
   * index.html for any other GET that is not an API, health or metrics path. Ignored if absent.
   */
  staticRoot?: string;
}

const SERVER_PATHS = /^\/(api|health|metrics)(\/|$)/;

/** Serves the web app's files, then index.html for client-side routes; never shadows server paths. */
function serveWebApp(app: NestExpressApplication, root: string) {
  const index = join(root, 'index.html');
  if (!existsSync(index)) return;
  app.useStaticAssets(root, {
    index: false,
    fallthrough: true,
    maxAge: '1h',
    setHeaders: (res, path) => {
      if (path.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
    },
  });
  app.use(
    (
      request: { method: string; path: string },
      response: { setHeader(k: string, v: string): void; sendFile(p: string): void },
      next: () => void,
    ) => {
      if ((request.method !== 'GET' && request.method !== 'HEAD') || SERVER_PATHS.test(request.path) || /\.[a-z0-9]+$/i.test(request.path))
        return next();
      response.setHeader('Cache-Control', 'no-cache');
      response.sendFile(index);
    },
  );
}

/** HTTP_TRUST_PROXY as Express takes it: a boolean, a hop count, or the list of trusted addresses. */
const trustProxy = (setting: string): boolean | number | string[] =>
  setting === 'true'
    ? true
    : setting === 'false'
      ? false
      : /^\d+$/.test(setting)
        ? Number(setting)
        : setting.split(',').map((s) => s.trim());

/** Creates the Nest application of one shape; used by every app's main.ts and by tests. */
export async function createApp(definition: AppDefinition, env: Record<string, string | undefined> = process.env) {
  const config = loadConfig({ ...env, GONGKAI_SHAPE: definition.shape });
  const logger = createLogger(`gongkai-${definition.shape}`, config.LOG_LEVEL);

  @Module({ imports: [PlatformModule.forRoot(config, logger), ...definition.modules(config)] })
  class RootModule {}

  const app = await NestFactory.create<NestExpressApplication>(RootModule, { bufferLogs: true, bodyParser: false });
  app.set('trust proxy', trustProxy(config.HTTP_TRUST_PROXY));
  app.disable('x-powered-by');
  app.use(securityHeaders(issuerOrigin(config.AUTH_ISSUER)));
  app.useLogger(app.get(NestPinoLogger));
  app.use(jsonBodies('1mb'));
  // API answers depend on the caller and on today's date (clocks, statuses): no cache may reuse one,
  // even when its ETag (the stream revision) still matches. A handler may set its own policy.
  app.use((request: { path: string }, response: { setHeader(k: string, v: string): void }, next: () => void) => {
    if (request.path.startsWith('/api/')) response.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.useGlobalFilters(new ProblemDetailsFilter(logger));
  if (definition.staticRoot) serveWebApp(app, definition.staticRoot);
  const metrics = app.get(Metrics);
  app.use(
    (
      request: { method: string; route?: { path?: string } },
      response: { statusCode: number; on(e: string, f: () => void): void },
      next: () => void,
    ) => {
      const stop = metrics.httpDuration.startTimer();
      response.on('finish', () => {
        const route = request.route?.path ?? 'unmatched';
        metrics.httpRequests.inc({ method: request.method, route, status: String(response.statusCode) });
        stop({ method: request.method, route });
      });
      next();
    },
  );
  app.enableShutdownHooks();
  // The API contract (docs/runbook: /api/docs-json): request, response, security and problem+json errors of every route.
  const document = completeContract(
    app,
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder().setTitle(definition.title).setDescription('gongkai 政务公开').addBearerAuth().build(),
    ),
  );
  SwaggerModule.setup('api/docs', app, document);
  return { app, config, logger };
}

/** main.ts of every app: a bad configuration stops the process with one clear line. */
export async function runApp(definition: AppDefinition): Promise<INestApplication> {
  let created: Awaited<ReturnType<typeof createApp>>;
  try {
    created = await createApp(definition);
  } catch (error) {
    if (error instanceof ConfigurationError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const { app, config, logger } = created;
  await app.listen(config.HTTP_PORT, config.HTTP_HOST);
  const { port } = app.getHttpServer().address() as AddressInfo;
  const url = `http://${config.HTTP_HOST}:${port}`;
  logger.info({ url: `${url}/` }, `${definition.title} listening`);
  const metricsUrl = config.METRICS_PORT === undefined ? undefined : await listenForScrapes(app, config, logger);
  process.send?.({ type: LISTENING_MESSAGE, url, ...(metricsUrl ? { metricsUrl } : {}) } satisfies ListeningMessage);
  return app;
}

/** METRICS_PORT: `/metrics` on a listener of its own, closed with the app. */
async function listenForScrapes(app: INestApplication, config: GongkaiConfig, logger: { info(o: object, m: string): void }) {
  const server = await serveMetrics(app.get(Metrics), config.METRICS_PORT ?? 0, config.HTTP_HOST);
  app.getHttpServer().once('close', () => server.close());
  const { port } = server.address() as AddressInfo;
  const metricsUrl = `http://${config.HTTP_HOST}:${port}`;
  logger.info({ url: `${metricsUrl}/metrics` }, 'metrics listening');
  return metricsUrl;
}
