/**
 * The headers a government site is expected to send, on every answer of the API and of the web app
 * it serves (apps/web/dist): a Content-Security-Policy the built app satisfies (scripts and styles
 * only from its own files, no inline code: Vite's build emits none; React's `style={…}` sets CSSOM
 * properties, which CSP allows), no framing, no MIME sniffing, no referrer. HSTS belongs to the
 * TLS terminator (the ingress, docs/operations.md), not to a process that also serves plain HTTP
 * on loopback.
 *
 * `identityProvider` (the token issuer, when it is a URL) is added to `connect-src` and
 * `frame-src`: the console's OpenID Connect client fetches discovery, keys and tokens from it and
 * may check the session in a hidden frame. The sign-in itself is a top-level navigation.
 */
export function contentSecurityPolicy(identityProvider?: string | null, options: { inlineStyles?: boolean } = {}): string {
  const provider = identityProvider ? ` ${identityProvider}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self'${options.inlineStyles ? " 'unsafe-inline'" : ''}`,
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${provider}`,
    `frame-src 'self'${provider}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The origin of an issuer given as an http(s) URL (`https://id.example.gov.cn/realms/gongkai` → `https://id.example.gov.cn`); null otherwise. */
export function issuerOrigin(issuer: string): string | null {
  try {
    const url = new URL(issuer);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : null;
  } catch {
    return null;
  }
}

type Next = () => void;
interface HeaderResponse {
  setHeader(name: string, value: string): void;
}

/** The security headers of every answer, by name. `inlineStyles` only for the OpenAPI page (/api/docs). */
export function securityHeaderValues(identityProvider?: string | null, options: { inlineStyles?: boolean } = {}): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(identityProvider, options),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  };
}

/** Express middleware: the security headers on every response. The OpenAPI page (/api/docs) keeps its own inline styles. */
export function securityHeaders(identityProvider?: string | null) {
  const strict = Object.entries(securityHeaderValues(identityProvider));
  const docs = Object.entries(securityHeaderValues(identityProvider, { inlineStyles: true }));
  return (request: { path: string }, response: HeaderResponse, next: Next) => {
    for (const [name, value] of request.path.startsWith('/api/docs') ? docs : strict) response.setHeader(name, value);
    next();
  };
}
