import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { applySecurityHeaders, SERVER_PATHS, serveWebApp, writeProblem } from '@gongkai/platform/web';

export interface WebServerOptions {
  /** The built web app (apps/web/dist). */
  webRoot: string;
  /** The token issuer's origin when staff sign in through an OpenID Connect provider (AUTH_ISSUER). */
  identityProvider?: string | null;
}

/**
 * The web app's server in the distributed shape (the `web` Deployment, infra/k8s/base/services/web.yaml):
 * the portal and the console as static files, index.html for their client-side routes, the security
 * headers of the API (Content-Security-Policy allowing the identity provider), and the probes. It holds
 * no data and no secret; `/api/…` belongs to the services (the Ingress routes it there), so here it is 404.
 */
export function createWebServer({ webRoot, identityProvider }: WebServerOptions): Server {
  const index = join(webRoot, 'index.html');
  return createServer((request, response) => {
    applySecurityHeaders(response, identityProvider);
    const path = (request.url ?? '/').split('?')[0];
    if (path === '/health/live') return json(response, 200, { status: 'ok' });
    if (path === '/health/ready')
      return existsSync(index) ? json(response, 200, { status: 'ok' }) : json(response, 503, { status: 'error', webApp: 'not built' });
    if (SERVER_PATHS.test(path)) return writeProblem(response, 404, 'NO_ROUTE', `网页服务不处理 ${path}`, request.url ?? '');
    serveWebApp(webRoot, request, response);
  });
}

function json(response: import('node:http').ServerResponse, status: number, body: object) {
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(JSON.stringify(body));
}
