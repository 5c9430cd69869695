/**
 * The built web app (apps/web/dist: portal and console) served over plain node:http, with the same
 * security headers as the API: by the web server of the distributed shape (apps/web-server, the
 * `web` Deployment behind the Ingress's `/`) and by the local gateway (tools/gateway). No Nest, no
 * database: importable as `@gongkai/platform/web`. (The standalone serves the same files through
 * Express, libs/platform/src/nest/bootstrap.ts.)
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { securityHeaderValues } from './security-headers';

export { contentSecurityPolicy, issuerOrigin, securityHeaderValues } from './security-headers';

/** Paths a server answers, never the web app (its index.html must not shadow them). */
export const SERVER_PATHS = /^\/(api|health|metrics)(\/|$)/;

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
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** A problem+json answer (RFC 9457) in the shape the API's ProblemDetailsFilter writes. */
export function writeProblem(response: ServerResponse, status: number, code: string, detail: string, instance: string) {
  response.writeHead(status, { 'Content-Type': 'application/problem+json', 'Cache-Control': 'no-store' });
  response.end(JSON.stringify({ type: `urn:gongkai:problem:${code.toLowerCase().replace(/_/g, '-')}`, status, code, detail, instance }));
}

/** Sets the security headers (CSP with the identity provider's origin, no framing, no sniffing, no referrer). */
export function applySecurityHeaders(response: ServerResponse, identityProvider?: string | null) {
  for (const [name, value] of Object.entries(securityHeaderValues(identityProvider))) response.setHeader(name, value);
}

/** A file of the web app, or index.html for a client-side route (never for an API, health or metrics path). */
export function serveWebApp(webRoot: string, request: IncomingMessage, response: ServerResponse) {
  const index = join(webRoot, 'index.html');
  if (request.method !== 'GET' && request.method !== 'HEAD')
    return writeProblem(response, 405, 'METHOD_NOT_ALLOWED', '不支持的请求方法', request.url ?? '');
  if (!existsSync(index)) return writeProblem(response, 404, 'WEB_APP_NOT_BUILT', '网页应用尚未构建：npm run build:web', request.url ?? '');
  let path: string;
  try {
    path = decodeURIComponent(new URL(request.url ?? '/', 'http://web').pathname);
  } catch {
    return writeProblem(response, 400, 'BAD_PATH', '路径无效', request.url ?? '');
  }
  const file = resolve(webRoot, `.${normalize(path)}`);
  const inside = file.startsWith(resolve(webRoot) + sep);
  const found = inside && existsSync(file) && statSync(file).isFile() ? file : undefined;
  if (!found && /\.[a-z0-9]+$/i.test(path)) return writeProblem(response, 404, 'NOT_FOUND', '文件不存在', request.url ?? '');
  const served = found ?? index;
  response.writeHead(200, {
    'Content-Type': CONTENT_TYPES[extname(served)] ?? 'application/octet-stream',
    'Cache-Control': served.endsWith('.html') ? 'no-cache' : 'max-age=3600',
  });
  if (request.method === 'HEAD') return response.end();
  createReadStream(served).pipe(response);
}
