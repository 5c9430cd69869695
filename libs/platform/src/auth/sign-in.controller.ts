import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ROLES } from '@gongkai/contracts';
import type { GongkaiConfig } from '../config/config';
import { GONGKAI_CONFIG } from '../nest/tokens';
import { CurrentPrincipal, Public } from './auth.guard';
import type { Principal } from './principal';
import { Returns } from '../http/openapi-contract';

/** How the console signs in, as the server is configured. */
export interface SignInOptions {
  /** The demo login (`POST /api/auth/dev-token`) exists: `npm start` only. */
  demoLogin: boolean;
  /** The OpenID Connect provider the console signs in with (Authorization Code + PKCE); null when none is configured. */
  provider: { issuer: string; clientId: string } | null;
}

export function signInOptions(config: GongkaiConfig): SignInOptions {
  return {
    demoLogin: config.AUTH_DEV_LOGIN && !!config.AUTH_JWT_SECRET,
    provider:
      config.AUTH_JWKS_URL && config.AUTH_CONSOLE_CLIENT_ID
        ? { issuer: config.AUTH_ISSUER, clientId: config.AUTH_CONSOLE_CLIENT_ID }
        : null,
  };
}

const signInOptionsSchema = z.object({
  demoLogin: z.boolean(),
  provider: z.object({ issuer: z.string(), clientId: z.string() }).nullable(),
}) satisfies z.ZodType<SignInOptions>;
const principalSchema = z.object({
  userId: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  unitId: z.string().nullable(),
}) satisfies z.ZodType<Principal>;

@ApiTags('operations')
@Controller('api/auth')
export class SignInController {
  constructor(@Inject(GONGKAI_CONFIG) private readonly config: GongkaiConfig) {}

  /** Public: the console's login page asks which sign-in to offer (the provider's button, the demo form). */
  @Public()
  @Get('sign-in')
  @Returns(signInOptionsSchema)
  options(): SignInOptions {
    return signInOptions(this.config);
  }

  /**
   * Who the token is, as this server maps its claims (AUTH_ROLE_CLAIM, AUTH_UNIT_CLAIM, AUTH_NAME_CLAIMS):
   * the console asks after signing in at the provider, so it never re-reads the provider's claims itself.
   */
  @Get('me')
  @Returns(principalSchema)
  me(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }
}
