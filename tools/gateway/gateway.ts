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
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, request as upstreamRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';

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

const SERVER_PATHS = /^\/(api|health|metrics)(\/|$)/;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

function problem(response: ServerResponse, status: number, code: string, detail: string, instance: string) {
  response.writeHead(status, { 'Content-Type': 'application/problem+json', 'Cache-Control': 'no-store' });
  response.end(JSON.stringify({ type: `urn:gongkai:problem:${code.toLowerCase().replace(/_/g, '-')}`, status, code, detail, instance }));
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
    problem(response, 502, 'SERVICE_UNAVAILABLE', `服务 ${route.prefix} 未运行（${route.host}:${route.port}）`, request.url ?? '');
  });
  request.pipe(upstream);
}

/** A file of the web app, or index.html for a client-side route (never for an API, health or metrics path). */
function serveWebApp(webRoot: string, request: IncomingMessage, response: ServerResponse) {
  const index = join(webRoot, 'index.html');
  if (request.method !== 'GET' && request.method !== 'HEAD')
    return problem(response, 405, 'METHOD_NOT_ALLOWED', '不支持的请求方法', request.url ?? '');
  if (!existsSync(index)) return problem(response, 404, 'WEB_APP_NOT_BUILT', '网页应用尚未构建：npm run build:web', request.url ?? '');
  let path: string;
  try {
    path = decodeURIComponent(new URL(request.url ?? '/', 'http://gateway').pathname);
  } catch {
    return problem(response, 400, 'BAD_PATH', '路径无效', request.url ?? '');
  }
  const file = resolve(webRoot, `.${normalize(path)}`);
  const inside = file.startsWith(resolve(webRoot) + sep);
  const found = inside && existsSync(file) && statSync(file).isFile() ? file : undefined;
  if (!found && /\.[a-z0-9]+$/i.test(path)) return problem(response, 404, 'NOT_FOUND', '文件不存在', request.url ?? '');
  const served = found ?? index;
  response.writeHead(200, {
    'Content-Type': CONTENT_TYPES[extname(served)] ?? 'application/octet-stream',
    'Cache-Control': served.endsWith('.html') ? 'no-cache' : 'max-age=3600',
  });
  if (request.method === 'HEAD') return response.end();
  createReadStream(served).pipe(response);
}

export function createGateway({ routes, webRoot }: GatewayOptions): Server {
  return createServer((request, response) => {
    const url = request.url ?? '/';
    const route = routeFor(routes, url);
    if (route) return proxy(route, request, response);
    if (SERVER_PATHS.test(url.split('?')[0])) return problem(response, 404, 'NO_ROUTE', `没有服务处理 ${url.split('?')[0]}`, url);
    serveWebApp(webRoot, request, response);
  });
}

if (require.main === module) {
  const routes = routesFrom(process.env.GATEWAY_ROUTES ?? '');
  const webRoot = resolve(process.env.GATEWAY_WEB_ROOT ?? 'apps/web/dist');
  const server = createGateway({ routes, webRoot });
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
