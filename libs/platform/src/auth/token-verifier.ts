import { createRemoteJWKSet, errors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import type { Role } from '@gongkai/contracts';
import { SIGN_IN_ROLES, UNIT_STAFF_ROLES, hasRole, type SignInRole } from '@gongkai/contracts/vocabulary';
import { DomainError } from '../errors/domain-error';
import type { Principal } from './principal';

/**
 * Which claims of a token say who the caller is. Keycloak's defaults: realm roles in
 * `realm_access.roles`, a user-attribute mapper for `unit`, the display name in `name`.
 */
export interface ClaimSettings {
  /**
   * The claim carrying the role: a string or a list of strings; dots walk into objects
   * (`realm_access.roles`, `resource_access.gongkai-console.roles`), a claim whose own name has
   * dots (`https://example.gov.cn/roles`) is found first.
   */
  roleClaim: string;
  /** Prefix the provider puts before a gongkai role (`gongkai-` for `gongkai-clerk`, `/gongkai/` for group paths); '' = none. */
  rolePrefix: string;
  /** The claim carrying the unit id (a string, or a list of exactly one). */
  unitClaim: string;
  /** Claims tried in order for the display name; the subject when none is present. */
  nameClaims: readonly string[];
}

export const DEFAULT_CLAIMS: ClaimSettings = {
  roleClaim: 'realm_access.roles',
  rolePrefix: '',
  unitClaim: 'unit',
  nameClaims: ['name', 'preferred_username'],
};

export interface TokenSettings {
  secret?: string;
  jwksUrl?: string;
  issuer: string;
  audience: string;
  claims?: Partial<ClaimSettings>;
  /** Seconds of clock difference tolerated on `exp`/`nbf` (default 0). */
  clockToleranceSeconds?: number;
}

/** The value at a claim path: the claim of that exact name, else the dotted path into objects. */
export function claimAt(payload: JWTPayload, path: string): unknown {
  if (path in payload) return payload[path];
  let value: unknown = payload;
  for (const key of path.split('.')) {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

const strings = (value: unknown): string[] =>
  typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/**
 * The caller's principal from a verified token's claims: exactly one recognised gongkai role, a
 * unit for unit staff, never a guessed role. Two gongkai roles are refused (no rule could say
 * which one the person meant to act in; the provider must give each account one role).
 */
export function principalFromClaims(payload: JWTPayload, claims: ClaimSettings = DEFAULT_CLAIMS): Principal {
  if (!payload.sub) throw new DomainError('unauthenticated', 'TOKEN_INVALID', '身份凭证缺少用户标识（sub）。');
  const roles = [
    ...new Set(
      strings(claimAt(payload, claims.roleClaim))
        .filter((value) => value.startsWith(claims.rolePrefix))
        .map((value) => value.slice(claims.rolePrefix.length))
        .filter((value): value is SignInRole => (SIGN_IN_ROLES as readonly string[]).includes(value)),
    ),
  ];
  if (roles.length === 0) {
    throw DomainError.forbidden('ROLE_CLAIM_MISSING', '您的账号未分配本系统的角色，请联系管理员在统一身份认证平台中分配角色。');
  }
  if (roles.length > 1) {
    throw DomainError.forbidden(
      'ROLE_CLAIM_AMBIGUOUS',
      `您的账号同时分配了多个本系统角色（${roles.join('、')}），每个账号只能有一个角色，请联系管理员调整。`,
    );
  }
  const role = roles[0];
  const units = strings(claimAt(payload, claims.unitClaim)).filter((unit) => unit.trim() !== '');
  if (units.length > 1) {
    throw DomainError.forbidden('UNIT_CLAIM_AMBIGUOUS', '您的账号关联了多个单位，每个账号只能属于一个单位，请联系管理员调整。');
  }
  const unitId = units[0] ?? null;
  if (!unitId && hasRole(role, UNIT_STAFF_ROLES)) {
    throw DomainError.forbidden('UNIT_CLAIM_MISSING', '您的账号未关联所属单位，请联系管理员在统一身份认证平台中设置单位。');
  }
  const name = claims.nameClaims
    .map((claim) => claimAt(payload, claim))
    .find((value): value is string => typeof value === 'string' && !!value);
  return { userId: payload.sub, name: name ?? payload.sub, role, unitId };
}

/**
 * Verifies bearer tokens: HS256 with a shared secret for local use, or RS256 against an identity
 * provider's JWKS (issuer, audience, expiry, signature), then maps the claims (`principalFromClaims`).
 */
export class TokenVerifier {
  private readonly key: Uint8Array | ReturnType<typeof createRemoteJWKSet>;
  private readonly algorithms: string[];
  private readonly claims: ClaimSettings;

  constructor(private readonly settings: TokenSettings) {
    this.claims = { ...DEFAULT_CLAIMS, ...settings.claims };
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
        clockTolerance: this.settings.clockToleranceSeconds ?? 0,
      });
      payload = verified.payload;
    } catch (error) {
      if (error instanceof errors.JWTExpired) {
        throw new DomainError('unauthenticated', 'TOKEN_EXPIRED', '登录已过期，请重新登录。');
      }
      throw new DomainError('unauthenticated', 'TOKEN_INVALID', '身份凭证无效，请重新登录。');
    }
    return principalFromClaims(payload, this.claims);
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

/**
 * Mints an HS256 token: for tests, scripts and the standalone demo login only. The role is in
 * `realm_access.roles` (where the verifier looks by default, as for Keycloak) and in `role`.
 */
export async function signDevToken(secret: string, request: TokenRequest, issuer = 'gongkai', audience = 'gongkai'): Promise<string> {
  const jwt = new SignJWT({
    role: request.role,
    realm_access: { roles: [request.role] },
    unit: request.unitId ?? undefined,
    name: request.name ?? request.userId,
  })
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
