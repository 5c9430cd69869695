import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { assertActsForUnit, type Principal } from './principal';
import type { DomainError } from '../errors/domain-error';
import { DEFAULT_CLAIMS, principalFromClaims, signDevToken, TokenVerifier } from './token-verifier';

const SECRET = 's'.repeat(40);

describe('TokenVerifier with a shared secret (HS256)', () => {
  const verifier = new TokenVerifier({ secret: SECRET, issuer: 'gongkai', audience: 'gongkai' });

  it('reads user, role and unit from a valid token', async () => {
    const token = await signDevToken(SECRET, { userId: 'wang', name: '王芳', role: 'clerk', unitId: 'TEZ-ZSZ' });
    expect(await verifier.verify(token)).toEqual({ userId: 'wang', name: '王芳', role: 'clerk', unitId: 'TEZ-ZSZ' });
  });

  it('refuses an expired token, a wrong signature, a wrong audience; an unknown role is refused as a missing role (403)', async () => {
    await expect(verifier.verify(await signDevToken(SECRET, { userId: 'a', role: 'clerk', expiresIn: '-1m' }))).rejects.toMatchObject({
      code: 'TOKEN_EXPIRED',
    });
    await expect(verifier.verify(await signDevToken('x'.repeat(40), { userId: 'a', role: 'clerk' }))).rejects.toMatchObject({
      code: 'TOKEN_INVALID',
    });
    await expect(verifier.verify(await signDevToken(SECRET, { userId: 'a', role: 'clerk' }, 'gongkai', 'elsewhere'))).rejects.toMatchObject(
      { code: 'TOKEN_INVALID' },
    );
    const stranger = await new SignJWT({ role: 'mayor' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('a')
      .setIssuer('gongkai')
      .setAudience('gongkai')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(SECRET));
    await expect(verifier.verify(stranger)).rejects.toMatchObject({ kind: 'forbidden', code: 'ROLE_CLAIM_MISSING' });
  });
});

describe('TokenVerifier with an identity provider (RS256 through JWKS)', () => {
  let server: Server;
  let url: string;
  let privateKey: KeyLike;

  beforeAll(async () => {
    const keys = await generateKeyPair('RS256');
    privateKey = keys.privateKey;
    const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    server = createServer((_, response) => response.setHeader('content-type', 'application/json').end(JSON.stringify({ keys: [jwk] })));
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}/jwks.json`;
  });
  afterAll(() => new Promise((done) => server.close(done)));

  it('verifies a token signed by the provider and refuses an HS256 token', async () => {
    const verifier = new TokenVerifier({ jwksUrl: url, issuer: 'https://idp.example', audience: 'gongkai', claims: { roleClaim: 'role' } });
    const token = await new SignJWT({ role: 'auditor', name: '审计员' })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setSubject('audit-1')
      .setIssuer('https://idp.example')
      .setAudience('gongkai')
      .setExpirationTime('1h')
      .sign(privateKey);
    expect(await verifier.verify(token)).toEqual({ userId: 'audit-1', name: '审计员', role: 'auditor', unitId: null });
    await expect(verifier.verify(await signDevToken(SECRET, { userId: 'a', role: 'admin' }, 'https://idp.example'))).rejects.toMatchObject({
      code: 'TOKEN_INVALID',
    });
  });
});

describe('claims → principal (configurable claims, never a guessed role)', () => {
  const base = { sub: 'f3b1', iss: 'x', aud: 'gongkai' };

  it('reads Keycloak realm roles, the unit attribute and the display name by default', () => {
    const payload = {
      ...base,
      realm_access: { roles: ['offline_access', 'clerk', 'default-roles-gongkai'] },
      unit: 'TEZ-ZSZ',
      name: '王芳',
    };
    expect(principalFromClaims(payload)).toEqual({ userId: 'f3b1', name: '王芳', role: 'clerk', unitId: 'TEZ-ZSZ' });
    expect(principalFromClaims({ ...base, realm_access: { roles: ['auditor'] }, preferred_username: 'audit-1' })).toEqual({
      userId: 'f3b1',
      name: 'audit-1',
      role: 'auditor',
      unitId: null,
    });
    expect(principalFromClaims({ ...base, realm_access: { roles: ['admin'] } }).name).toBe('f3b1');
  });

  it('follows the configured claims: client roles, group paths with a prefix, a unit list of one, a claim named with dots', () => {
    const claims = { ...DEFAULT_CLAIMS, roleClaim: 'resource_access.gongkai-console.roles', unitClaim: 'https://gov.example/unit' };
    const payload = { ...base, resource_access: { 'gongkai-console': { roles: ['reviewer'] } }, 'https://gov.example/unit': ['TEZ-EDU'] };
    expect(principalFromClaims(payload, claims)).toMatchObject({ role: 'reviewer', unitId: 'TEZ-EDU' });
    const groups = { ...DEFAULT_CLAIMS, roleClaim: 'groups', rolePrefix: '/gongkai/' };
    expect(principalFromClaims({ ...base, groups: ['/others/clerk', '/gongkai/district_office'] }, groups).role).toBe('district_office');
  });

  it('refuses no role, two roles, the public and system roles, unit staff without a unit, and two units', () => {
    const refused = (payload: Record<string, unknown>) => {
      try {
        principalFromClaims({ ...base, ...payload });
      } catch (error) {
        return { kind: (error as DomainError).kind, code: (error as DomainError).code, detail: (error as DomainError).detail };
      }
      throw new Error('accepted');
    };
    expect(refused({ realm_access: { roles: ['offline_access'] } })).toMatchObject({ kind: 'forbidden', code: 'ROLE_CLAIM_MISSING' });
    expect(refused({ role: 'clerk', unit: 'TEZ-ZSZ' })).toMatchObject({ code: 'ROLE_CLAIM_MISSING' });
    expect(refused({ realm_access: { roles: ['system'] } })).toMatchObject({ code: 'ROLE_CLAIM_MISSING' });
    expect(refused({ realm_access: { roles: ['public'] } })).toMatchObject({ code: 'ROLE_CLAIM_MISSING' });
    expect(refused({ realm_access: { roles: ['clerk', 'auditor'] }, unit: 'TEZ-ZSZ' })).toMatchObject({
      kind: 'forbidden',
      code: 'ROLE_CLAIM_AMBIGUOUS',
      detail: expect.stringContaining('多个本系统角色'),
    });
    expect(refused({ realm_access: { roles: ['office_head'] } })).toMatchObject({ kind: 'forbidden', code: 'UNIT_CLAIM_MISSING' });
    expect(refused({ realm_access: { roles: ['clerk'] }, unit: ['TEZ-A', 'TEZ-B'] })).toMatchObject({ code: 'UNIT_CLAIM_AMBIGUOUS' });
    expect(refused({ sub: undefined, realm_access: { roles: ['admin'] } })).toMatchObject({
      kind: 'unauthenticated',
      code: 'TOKEN_INVALID',
    });
  });
});

describe('unit scoping', () => {
  const as = (role: Principal['role'], unitId: string | null): Principal => ({ userId: 'u', name: 'u', role, unitId });
  it('lets unit staff act for their own unit only, the district office for any, others for none', () => {
    expect(() => assertActsForUnit(as('clerk', 'TEZ-A'), 'TEZ-A')).not.toThrow();
    expect(() => assertActsForUnit(as('clerk', 'TEZ-A'), 'TEZ-B')).toThrow(expect.objectContaining({ code: 'OTHER_UNIT' }));
    expect(() => assertActsForUnit(as('reviewer', 'TEZ-A'), 'TEZ-B')).toThrow(expect.objectContaining({ code: 'OTHER_UNIT' }));
    expect(() => assertActsForUnit(as('district_office', null), 'TEZ-B')).not.toThrow();
    expect(() => assertActsForUnit(as('auditor', null), 'TEZ-B')).toThrow(expect.objectContaining({ code: 'ROLE_NOT_ALLOWED' }));
    expect(() => assertActsForUnit(as('public', null), 'TEZ-B')).toThrow(expect.objectContaining({ code: 'ROLE_NOT_ALLOWED' }));
  });
});
