import type { GongkaiConfig } from '../config/config';
import type { TokenSettings } from './token-verifier';

/** The token verifier's settings from the configuration (AUTH_*). */
export const tokenSettings = (config: GongkaiConfig): TokenSettings => ({
  secret: config.AUTH_JWT_SECRET,
  jwksUrl: config.AUTH_JWKS_URL,
  issuer: config.AUTH_ISSUER,
  audience: config.AUTH_AUDIENCE,
  claims: {
    roleClaim: config.AUTH_ROLE_CLAIM,
    rolePrefix: config.AUTH_ROLE_PREFIX,
    unitClaim: config.AUTH_UNIT_CLAIM,
    nameClaims: config.AUTH_NAME_CLAIMS.split(',').map((claim) => claim.trim()),
  },
  clockToleranceSeconds: config.AUTH_CLOCK_TOLERANCE_S,
});
