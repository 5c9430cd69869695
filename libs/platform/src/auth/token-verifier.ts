import { createRemoteJWKSet, errors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import type { Role } from '@gongkai/contracts';
import { DomainError } from '../errors/domain-error';
import { isRole, type Principal } from './principal';

export interface TokenSettings {
  secret?: string;
  jwksUrl?: string;
  issuer: string;
  audience: string;
}

/**
 * Verifies bearer tokens: HS256 with a shared secret for local use, or RS256 against an identity
 * provider's JWKS. Claims: `sub`, `name`, `role` (one gongkai role) and `unit` (unit id).
 */
export class TokenVerifier {
  private readonly key: Uint8Array | ReturnType<typeof createRemoteJWKSet>;
  private readonly algorithms: string[];

  constructor(private readonly settings: TokenSettings) {
    if (settings.jwksUrl) {
      this.key = createRemoteJWKSet(new URL(settings.jwksUrl));
      this.algorithms = ['RS256'];
    } else if (settings.secret) {
      this.key = new TextEncoder().encode(settings.secret);
      this.algorithms = ['HS256'];
    } else {
      throw new Error('TokenVerifier needs a secret or a JWKS URL');
    }
  }

  async verify(token: string): Promise<Principal> {
    let payload: JWTPayload;
    try {
      const verified = await jwtVerify(token, this.key as Uint8Array, {
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        algorithms: this.algorithms,
      });
      payload = verified.payload;
    } catch (error) {
      if (error instanceof errors.JWTExpired) {
        throw new DomainError('unauthenticated', 'TOKEN_EXPIRED', '登录已过期，请重新登录。');
      }
      throw new DomainError('unauthenticated', 'TOKEN_INVALID', '身份凭证无效，请重新登录。');
    }
    const role = payload.role;
    if (!payload.sub || !isRole(role) || role === 'public' || role === 'system') {
      throw new DomainError('unauthenticated', 'TOKEN_INVALID', '身份凭证缺少用户或角色信息。');
    }
    return {
      userId: payload.sub,
      name: typeof payload.name === 'string' ? payload.name : payload.sub,
      role,
      unitId: typeof payload.unit === 'string' ? payload.unit : null,
    };
  }
}

export interface TokenRequest {
  userId: string;
  name?: string;
  role: Role;
  unitId?: string | null;
  /** e.g. '8h', '-1m' for an already expired token in tests. */
  expiresIn?: string;
}

/** Mints an HS256 token: for tests, scripts and the standalone demo login only. */
export async function signDevToken(secret: string, request: TokenRequest, issuer = 'gongkai', audience = 'gongkai'): Promise<string> {
  const jwt = new SignJWT({ role: request.role, unit: request.unitId ?? undefined, name: request.name ?? request.userId })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(request.userId)
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt();
  const expiresIn = request.expiresIn ?? '8h';
  if (expiresIn.startsWith('-')) {
    jwt.setExpirationTime(Math.floor(Date.now() / 1000) - 60).setIssuedAt(Math.floor(Date.now() / 1000) - 120);
  } else {
    jwt.setExpirationTime(expiresIn);
  }
  return jwt.sign(new TextEncoder().encode(secret));
}
