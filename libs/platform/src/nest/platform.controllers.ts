import { Body, Controller, Get, Inject, Post, Res } from '@nestjs/common';
import { ApiExcludeController, ApiExcludeEndpoint, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import type { Response } from 'express';
import { z } from 'zod';
import { ROLES } from '@gongkai/contracts';
import { Public } from '../auth/auth.guard';
import { signDevToken } from '../auth/token-verifier';
import type { GongkaiConfig } from '../config/config';
import { DomainError } from '../errors/domain-error';
import type { EventBus } from '../messaging/event-bus';
import type { EventStore } from '../event-sourcing/event-store';
import { Metrics } from '../observability/metrics';
import { ReadModelConnections } from '../read-models/read-model-connections';
import { parseInput } from '../http/validation';
import { PlatformRuntime } from './platform-runtime';
import { EVENT_BUS, EVENT_STORE, GONGKAI_CONFIG } from './tokens';

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    private readonly connections: ReadModelConnections,
    private readonly runtime: PlatformRuntime,
  ) {}

  /** The process is alive; says nothing about its dependencies (Kubernetes restarts on failure). */
  @Public()
  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  /**
   * Ready to serve: the event store, the bus and MongoDB all answer. `relay` only reports this
   * replica's relay role (leader, follower, sole, disabled): a follower is just as ready for HTTP.
   */
  @Public()
  @Get('ready')
  @HealthCheck()
  ready() {
    const probe = (key: string, ping: () => Promise<void>) => async () => {
      const session = this.indicators.check(key);
      try {
        await withTimeout(ping(), 3000);
        return session.up();
      } catch (error) {
        return session.down({ message: (error as Error).message });
      }
    };
    return this.health.check([
      probe('eventStore', () => this.store.ping()),
      probe('bus', () => this.bus.ping()),
      probe('mongo', () => this.connections.ping()),
      async () => this.indicators.check('relay').up({ role: this.runtime.relayRole }),
    ]);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms).unref())]);
}

@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  @Public()
  @Get()
  async scrape(@Res() response: Response): Promise<void> {
    response.type(this.metrics.registry.contentType).send(await this.metrics.registry.metrics());
  }
}

const devTokenRequest = z.object({
  userId: z.string().min(1).max(64),
  name: z.string().max(30).optional(),
  role: z.enum(ROLES).exclude(['public', 'system']),
  unitId: z.string().max(32).nullable().optional(),
});

/** Demo login for the standalone shape: mints a token for any role. Off unless AUTH_DEV_LOGIN. */
@Controller('api/auth')
export class DevLoginController {
  constructor(@Inject(GONGKAI_CONFIG) private readonly config: GongkaiConfig) {}

  @Public()
  @Post('dev-token')
  @ApiExcludeEndpoint()
  async devToken(@Body() body: unknown): Promise<{ token: string }> {
    if (!this.config.AUTH_DEV_LOGIN || !this.config.AUTH_JWT_SECRET) {
      throw DomainError.notFound('ROUTE_NOT_FOUND', '请求的地址不存在。');
    }
    const request = parseInput(devTokenRequest, body);
    return { token: await signDevToken(this.config.AUTH_JWT_SECRET, request, this.config.AUTH_ISSUER, this.config.AUTH_AUDIENCE) };
  }
}
