/**
 * Sign-in at the district's identity provider (统一身份认证) with OpenID Connect: Authorization Code
 * + PKCE (S256) by oidc-client-ts, as a top-level redirect (no popup: the site sends
 * Cross-Origin-Opener-Policy: same-origin). The provider and the client id are those the server
 * names in `GET /api/auth/sign-in`; the endpoints come from the provider's discovery document.
 *
 * Tokens: the provider's answer (access, refresh and ID token) is kept by oidc-client-ts in
 * sessionStorage, as is the sign-in's transient state (PKCE verifier, return path): this tab only,
 * gone when the tab closes, never localStorage (other tabs, written to disk). sessionStorage rather
 * than memory so that a reload or the provider's round trip keeps the session and the forms' drafts,
 * which also live in sessionStorage, without a hidden-frame sign-in at every load; the strict CSP
 * (scripts only from the site) is the defence of both against injected script.
 *
 * Renewal: access tokens live a few minutes (Keycloak: 5). oidc-client-ts renews the session a
 * minute before expiry with the refresh token (automaticSilentRenew, refresh_token grant from this
 * page, no frame); a token the API still refuses (401) is renewed once more, and when the provider's
 * session has ended the shell asks the user to sign in again, coming back to the same page.
 */
import { type User, UserManager, WebStorageStateStore } from 'oidc-client-ts';
import type { SignInRole } from '@gongkai/contracts/vocabulary';
import { api } from './client';
import { loadSession, saveSession, setRenewer, type Session } from './session';

/** What `GET /api/auth/sign-in` says: the demo login exists (`npm start` only), the provider to sign in at. */
export interface SignInOptions {
  demoLogin: boolean;
  provider: { issuer: string; clientId: string } | null;
}

/** Where the provider sends the browser back after sign-in, and after sign-out. */
export const SIGNED_IN_PATH = '/console/signed-in';
export const SIGNED_OUT_PATH = '/console/login?signedOut=1';

let options: Promise<SignInOptions> | null = null;

export function signInOptions(): Promise<SignInOptions> {
  options ??= api<SignInOptions>('/api/auth/sign-in', { token: null }).catch((error: unknown) => {
    options = null;
    throw error;
  });
  return options;
}

let manager: Promise<UserManager | null> | null = null;

function providerManager(): Promise<UserManager | null> {
  manager ??= signInOptions().then(({ provider }) => (provider ? createManager(provider) : null));
  return manager;
}

function createManager({ issuer, clientId }: NonNullable<SignInOptions['provider']>): UserManager {
  const store = new WebStorageStateStore({ store: window.sessionStorage });
  const users = new UserManager({
    authority: issuer,
    client_id: clientId,
    redirect_uri: `${location.origin}${SIGNED_IN_PATH}`,
    post_logout_redirect_uri: `${location.origin}${SIGNED_OUT_PATH}`,
    response_type: 'code',
    scope: 'openid',
    userStore: store,
    stateStore: store,
    automaticSilentRenew: true,
    monitorSession: false,
    loadUserInfo: false,
  });
  // Each renewal's new access token becomes the session's.
  users.events.addUserLoaded((user) => {
    const session = loadSession();
    if (session?.via === 'provider') saveSession({ ...session, token: user.access_token });
  });
  return users;
}

// A token the API refused is renewed at the provider (also before the shell resumed the session after a reload).
setRenewer(async () => {
  if (loadSession()?.via !== 'provider') return null;
  const user = await (await providerManager())?.signinSilent();
  return user?.access_token ?? null;
});

/** Only a path of this site is a return path (never another origin). */
export function returnPath(path: unknown): string {
  return typeof path === 'string' && path.startsWith('/') && !path.startsWith('//') ? path : '/console';
}

/** Goes to the provider's login page; after sign-in the user comes back to `returnTo` (kept in the OIDC state). */
export async function startProviderSignIn(returnTo: string): Promise<void> {
  const users = await providerManager();
  if (!users) throw new Error('no identity provider configured');
  await users.signinRedirect({ state: { returnTo: returnPath(returnTo) } });
}

let completing: Promise<{ session: Session; returnTo: string }> | null = null;

/**
 * Back from the provider: exchanges the code (PKCE), asks the server who the token is (the server
 * maps the claims, `GET /api/auth/me`) and keeps the session. Resolves with the page to return to.
 */
export function completeProviderSignIn(): Promise<{ session: Session; returnTo: string }> {
  completing ??= (async () => {
    const users = await providerManager();
    if (!users) throw new Error('no identity provider configured');
    const user: User = await users.signinRedirectCallback();
    try {
      const me = await api<Omit<Session, 'token' | 'via'>>('/api/auth/me', { token: user.access_token });
      const session: Session = { ...me, role: me.role as SignInRole, token: user.access_token, via: 'provider' };
      saveSession(session);
      return { session, returnTo: returnPath((user.state as { returnTo?: unknown } | undefined)?.returnTo) };
    } catch (error) {
      // Signed in at the provider, refused here (e.g. no gongkai role): keep nothing.
      await users.removeUser();
      throw error;
    }
  })();
  completing.catch(() => (completing = null));
  return completing;
}

/** Resumes a provider session after a reload: the renewal timers start again from the kept tokens. */
export function resumeProviderSession(): void {
  if (loadSession()?.via === 'provider') void providerManager();
}

/**
 * Forgets the session here; a provider session is also ended at the provider (its end-session
 * endpoint), which then sends the browser to the login page. Resolves false when there was no
 * provider session to end (the caller navigates itself).
 */
export async function signOut(): Promise<boolean> {
  const session = loadSession();
  saveSession(null);
  if (session?.via !== 'provider') return false;
  const users = await providerManager();
  if (!users) return false;
  await users.signoutRedirect();
  return true;
}
