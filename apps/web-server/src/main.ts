import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { issuerOrigin } from '@gongkai/platform/web';
import { createWebServer } from './web-server';

/**
 * `node dist/apps/web-server/src/main.js`: HTTP_HOST, HTTP_PORT (3000), AUTH_ISSUER (its origin is
 * allowed in the CSP), WEB_ROOT (default: apps/web/dist beside the compiled apps, as the image lays it out).
 */
const webRoot = process.env.WEB_ROOT ?? join(__dirname, '../../web/dist');
const server = createWebServer({ webRoot, identityProvider: issuerOrigin(process.env.AUTH_ISSUER ?? '') });
server.listen(Number(process.env.HTTP_PORT ?? 3000), process.env.HTTP_HOST ?? '127.0.0.1', () => {
  const { address, port } = server.address() as AddressInfo;
  process.stdout.write(
    `${JSON.stringify({ level: 30, msg: 'gongkai web server listening', url: `http://${address}:${port}/`, webRoot })}\n`,
  );
});
const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
