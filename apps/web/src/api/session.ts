import type { SignInRole } from '@gongkai/contracts/vocabulary';

export interface Session {
  token: string;
  userId: string;
  name: string;
  role: SignInRole;
  unitId: string | null;
  /** How the user signed in: at the identity provider (OpenID Connect, renewed and ended there) or with the local demo login. */
  via: 'provider' | 'demo';
}

const SESSION_KEY = 'gongkai.session';

/**
 * The signed-in user, kept in sessionStorage (this tab only, gone when it closes, never in
 * localStorage): it survives the full-page round trip to the identity provider and a reload.
 */
export function loadSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(SESSION_KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export function saveSession(session: Session | null) {
  if (session) sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
  else sessionStorage.removeItem(SESSION_KEY);
}

/** A new access token for the session (the provider's renewal), or null when the user must sign in again. */
type Renewer = () => Promise<string | null>;
let renewer: Renewer | null = null;
let renewing: Promise<string | null> | null = null;
const expiredListeners = new Set<() => void>();

/** Set by the OpenID Connect client (api/oidc.ts): how a refused token is renewed. */
export function setRenewer(renew: Renewer | null) {
  renewer = renew;
}

/** Called when the session can no longer be used (the shell offers to sign in again, keeping the page and its typing). */
export function onSessionExpired(listener: () => void): () => void {
  expiredListeners.add(listener);
  return () => expiredListeners.delete(listener);
}

/**
 * The API refused the session's token (401): renew it once (several refused calls share one
 * renewal), or tell the listeners that the user must sign in again. Resolves with the new token.
 */
export function recoverSession(): Promise<string | null> {
  renewing ??= (renewer ? renewer().catch(() => null) : Promise.resolve(null)).then((token) => {
    renewing = null;
    if (token) {
      const session = loadSession();
      if (session) saveSession({ ...session, token });
    } else expiredListeners.forEach((listener) => listener());
    return token;
  });
  return renewing;
}
