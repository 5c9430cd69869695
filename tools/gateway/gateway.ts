/**
 * The local stand-in for the Kubernetes Ingress (infra/k8s/base/ingress.yaml) when the five services
 * run as separate processes (`npm run start:services`): one URL that serves the web app (portal and
 * console, apps/web/dist) and routes `/api/<service>/…` to that service, as the Ingress routes
 * `/api/<service>` by path prefix. Local only: plain node:http, no TLS, no rate limit of its own.
 *
 *   node -r @swc-node/register tools/gateway/gateway.ts
 *     GATEWAY_ROUTES  catalogue=3001,document-attributes=3002,…  (/api/<name> → 127.0.0.1:<port>)
 *     GATEWAY_PORT    3000            GATEWAY_HOST  127.0.0.1
 *     GATEWAY_WEB_ROOT  apps/web/dist
 */
import { createServer, request as upstreamRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { applySecurityHeaders, issuerOrigin, SERVER_PATHS, serveWebApp, writeProblem } from '@gongkai/platform/web';

export interface GatewayRoute {
  /** A path prefix matched per segment, as the Ingress's `pathType: Prefix`: `/api/catalogue`. */
  prefix: string;
  /** The upstream service's address. */
  host: string;
  port: number;
}

export interface GatewayOptions {
  routes: GatewayRoute[];
  /** The built web app: its files, and its index.html for the client-side routes. */
  webRoot: string;
  /** The token issuer when it is a URL (AUTH_ISSUER): allowed in the web app's Content-Security-Policy. */
  identityProvider?: string | null;
}

/** `catalogue=3001,requests=3003` → `/api/catalogue` → 127.0.0.1:3001, … */
export function routesFrom(setting: string, host = '127.0.0.1'): GatewayRoute[] {
  return setting
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const [name, port] = entry.split('=');
      if (!name || !/^\d+$/.test(port ?? '')) throw new Error(`GATEWAY_ROUTES: expected <service>=<port>, got "${entry}"`);
      return { prefix: name.startsWith('/') ? name : `/api/${name}`, host, port: Number(port) };
    });
}

/** The route whose prefix matches whole path segments; the longest wins (as the Ingress chooses). */
export function routeFor(routes: GatewayRoute[], url: string): GatewayRoute | undefined {
  const path = url.split('?')[0];
  return routes.filter((r) => path === r.prefix || path.startsWith(`${r.prefix}/`)).sort((a, b) => b.prefix.length - a.prefix.length)[0];
}

function proxy(route: GatewayRoute, request: IncomingMessage, response: ServerResponse) {
  const forwardedFor = [request.headers['x-forwarded-for'], request.socket.remoteAddress].filter(Boolean).join(', ');
  const upstream = upstreamRequest(
    {
      host: route.host,
      port: route.port,
      method: request.method,
      path: request.url,
      headers: { ...request.headers, 'x-forwarded-for': forwardedFor, 'x-forwarded-proto': 'http' },
    },
    (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    },
  );
  upstream.on('error', () => {
    if (response.headersSent) return response.destroy();
    writeProblem(response, 502, 'SERVICE_UNAVAILABLE', `服务 ${route.prefix} 未运行（${route.host}:${route.port}）`, request.url ?? '');
  });
  request.pipe(upstream);
}

export function createGateway({ routes, webRoot, identityProvider }: GatewayOptions): Server {
  return createServer((request, response) => {
    const url = request.url ?? '/';
    const route = routeFor(routes, url);
    if (route) return proxy(route, request, response);
    if (SERVER_PATHS.test(url.split('?')[0])) return writeProblem(response, 404, 'NO_ROUTE', `没有服务处理 ${url.split('?')[0]}`, url);
    applySecurityHeaders(response, identityProvider);
    serveWebApp(webRoot, request, response);
  });
}

if (require.main === module) {
  const routes = routesFrom(process.env.GATEWAY_ROUTES ?? '');
  const webRoot = resolve(process.env.GATEWAY_WEB_ROOT ?? 'apps/web/dist');
  const server = createGateway({ routes, webRoot, identityProvider: issuerOrigin(process.env.AUTH_ISSUER ?? '') });
  server.listen(Number(process.env.GATEWAY_PORT ?? 3000), process.env.GATEWAY_HOST ?? '127.0.0.1', () => {
    const { address, port } = server.address() as AddressInfo;
    process.stdout.write(`gateway listening on http://${address}:${port}/: ${routes.map((r) => `${r.prefix} → :${r.port}`).join(', ')}\n`);
  });
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
