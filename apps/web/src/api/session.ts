import type { SignInRole } from '@gongkai/contracts/vocabulary';

export interface Session {
  token: string;
  userId: string;
  name: string;
  role: SignInRole;
  unitId: string | null;
}

const SESSION_KEY = 'gongkai.session';

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
