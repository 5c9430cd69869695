import { Global, Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { v7 as uuidv7 } from 'uuid';
import { PERSONAL_DATA, serviceOfEventType } from '@gongkai/contracts';
import { AuthGuard } from '../auth/auth.guard';
import type { BlobStore } from '../blobs/blob-store';
import { createBlobStore } from '../blobs/blob-store-factory';
import { SignInController } from '../auth/sign-in.controller';
import { tokenSettings } from '../auth/token-settings';
import { TokenVerifier } from '../auth/token-verifier';
import type { GongkaiConfig } from '../config/config';
import { CommandHandler } from '../event-sourcing/command-handler';
import type { EventStore } from '../event-sourcing/event-store';
import { EventStoreDbEventStore } from '../event-sourcing/eventstoredb-event-store';
import { SqliteEventStore } from '../event-sourcing/sqlite-event-store';
import type { EventBus } from '../messaging/event-bus';
import { InProcessEventBus } from '../messaging/in-process-event-bus';
import { KafkaEventBus, kafkaConnection } from '../messaging/kafka-event-bus';
import { redactedRequest, type Logger } from '../observability/logger';
import { personalDataKeysFrom } from '../personal-data/mongo-personal-data-keys';
import type { PersonalDataKeys } from '../personal-data/personal-data-keys';
import { PublicSubmissionLimiter } from '../http/rate-limit';
import { ReadCache, ReadCacheInterceptor } from '../http/read-cache';
import { Metrics } from '../observability/metrics';
import { PlatformCollections } from '../read-models/platform-collections';
import { ReadModelConnections } from '../read-models/read-model-connections';
import { ConsumerCatchUp } from './consumer-catch-up';
import { ConsumerRegistry } from './consumer-registry';
import { DevLoginController, HealthController, MetricsController } from './platform.controllers';
import { PlatformRuntime } from './platform-runtime';
import { BLOB_STORE, EVENT_BUS, EVENT_STORE, GONGKAI_CONFIG, LOGGER, PERSONAL_DATA_KEYS } from './tokens';

/** Closes the blob store (the S3 client's sockets) when the application shuts down. */
@Injectable()
class BlobStoreLifecycle implements OnApplicationShutdown {
  constructor(@Inject(BLOB_STORE) private readonly blobs: BlobStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.blobs.close();
  }
}

export function createEventStore(url: string): EventStore {
  return url.startsWith('sqlite:') ? new SqliteEventStore(url.slice('sqlite:'.length)) : new EventStoreDbEventStore(url);
}

export function createEventBus(config: GongkaiConfig, logger: Logger): EventBus {
  if (config.GONGKAI_SHAPE === 'standalone') return new InProcessEventBus();
  if (!config.KAFKA_BROKERS) throw new Error('KAFKA_BROKERS is required when a service runs alone');
  return new KafkaEventBus({
    ...kafkaConnection(config),
    clientId: `gongkai-${config.GONGKAI_SHAPE}`,
    partitions: config.KAFKA_PARTITIONS,
    log: (level, message, extra) => logger[level](extra ?? {}, message),
  });
}

/** Services that keep personal data sealed outside their events: catalogue (subscribers' e-mail addresses, issue 19). */
const SEALED_STATE_SERVICES = ['catalogue'];

/**
 * The personal-data key store of a process whose services write personal data (a marking in the
 * contracts: requests, interpretation; sealed state: catalogue; the standalone): the `platform`
 * read-model database, keys wrapped by PERSONAL_DATA_MASTER_KEY (a missing key is a configuration
 * error at start, not at the first request). Null for the other services: they never hold keys, and
 * their consumers read `已脱敏`.
 */

export function personalDataKeysOf(config: GongkaiConfig, connections: Pick<ReadModelConnections, 'get'>): PersonalDataKeys | null {
  const writers = new Set([...Object.keys(PERSONAL_DATA).map(serviceOfEventType), ...SEALED_STATE_SERVICES]);
  if (config.GONGKAI_SHAPE !== 'standalone' && !writers.has(config.GONGKAI_SHAPE)) return null;
  return personalDataKeysFrom(config, connections);
}

/** The chassis as one global Nest module: every feature module gets its ports from here. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(config: GongkaiConfig, logger: Logger): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        TerminusModule.forRoot({ logger: false, gracefulShutdownTimeoutMs: 0 }),
        LoggerModule.forRoot({
          pinoHttp: {
            logger,
            genReqId: (request, response) => {
              const given = request.headers['x-correlation-id'];
              const id = typeof given === 'string' && /^[\w.:-]{1,100}$/.test(given) ? given : uuidv7();
              response.setHeader('x-correlation-id', id);
              return id;
            },
            autoLogging: { ignore: (request) => /^\/(health|metrics)/.test(request.url ?? '') },
            // Secrets never logged (issue 16.6): the logger redacts headers and keys, this the URL.
            serializers: { req: redactedRequest },
          },
        }),
      ],
      // With METRICS_PORT, /metrics is served by its own listener (bootstrap.ts), not on the public port.
      controllers: [
        HealthController,
        ...(config.METRICS_PORT === undefined ? [MetricsController] : []),
        DevLoginController,
        SignInController,
      ],
      providers: [
        { provide: GONGKAI_CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
        { provide: EVENT_STORE, useFactory: () => createEventStore(config.EVENT_STORE_URL) },
        { provide: EVENT_BUS, useFactory: () => createEventBus(config, logger) },
        { provide: Metrics, useValue: new Metrics(config.GONGKAI_SHAPE) },
        // One store per process, chosen by BLOB_STORE_URL (file: by default, s3:// with the S3_* settings).
        { provide: BLOB_STORE, useFactory: () => createBlobStore(config) },
        BlobStoreLifecycle,
        {
          provide: PublicSubmissionLimiter,
          useValue: new PublicSubmissionLimiter(config.PUBLIC_SUBMISSIONS_PER_MINUTE, config.PUBLIC_SUBMISSIONS_PER_MINUTE),
        },
        { provide: ReadModelConnections, useFactory: () => new ReadModelConnections(config.MONGODB_URL, config.MONGODB_DB_PREFIX) },
        {
          provide: PlatformCollections,
          inject: [ReadModelConnections],
          useFactory: (connections: ReadModelConnections) => new PlatformCollections(connections.get('platform')),
        },
        {
          provide: PERSONAL_DATA_KEYS,
          inject: [ReadModelConnections],
          useFactory: (connections: ReadModelConnections) => personalDataKeysOf(config, connections),
        },
        {
          provide: CommandHandler,
          inject: [EVENT_STORE, Metrics, PERSONAL_DATA_KEYS],
          useFactory: (store: EventStore, metrics: Metrics, keys: PersonalDataKeys | null) =>
            new CommandHandler(store, 3, (type) => metrics.eventsAppended.inc({ type }), keys),
        },
        {
          provide: TokenVerifier,
          useFactory: () => new TokenVerifier(tokenSettings(config)),
        },
        {
          provide: ReadCache,
          inject: [ReadModelConnections, Metrics],
          useFactory: (connections: ReadModelConnections, metrics: Metrics) =>
            new ReadCache(
              connections.generations,
              { maxAgeMs: config.READ_CACHE_MAX_AGE_MS, maxChars: config.READ_CACHE_MAX_MB * 1024 * 1024 },
              (result) => metrics.readCache.inc({ result }),
            ),
        },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_INTERCEPTOR, useClass: ReadCacheInterceptor },
        ConsumerRegistry,
        ConsumerCatchUp,
        PlatformRuntime,
      ],
      exports: [
        GONGKAI_CONFIG,
        LOGGER,
        EVENT_STORE,
        EVENT_BUS,
        BLOB_STORE,
        Metrics,
        PublicSubmissionLimiter,
        ReadCache,
        ReadModelConnections,
        PlatformCollections,
        CommandHandler,
        PERSONAL_DATA_KEYS,
        TokenVerifier,
        ConsumerRegistry,
        ConsumerCatchUp,
      ],
    };
  }
}
