/**
 * The standalone shape on a small district VM: one Node process serving every module with the demo
 * data loaded, under a burst of portal and staff requests. Reports the process's peak RSS
 * (VmHWM from /proc) against the 512 MB budget (2 cores, 4 GB, FerretDB beside it).
 */
import { readFileSync } from 'node:fs';
import { isolatedEnv, startServiceProcess, tokenFor } from '@gongkai/platform/testing';
import { kilobytes, progress, type Bench } from './harness';

export const bench: Bench = {
  title: 'standalone shape: peak RSS with the demo data',
  async run() {
    const env = isolatedEnv({ GONGKAI_DEMO_DATA: 'true', AUTH_DEV_LOGIN: 'true', LOG_LEVEL: 'warn' });
    progress('starting the standalone app with demo data');
    const app = await startServiceProcess('standalone', env, 180000);
    try {
      const district = await tokenFor('district_office');
      const get = (path: string, token?: string) =>
        fetch(`${app.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} }).then((r) => r.arrayBuffer());
      // Demo data loads after the app is ready; give it time, then exercise the main read paths.
      await new Promise((resolve) => setTimeout(resolve, 5000));
      const paths = ['/api/catalogue/units', '/api/assessment/units', '/api/docs-json', '/metrics', '/health/ready'];
      for (let round = 0; round < 50; round += 1) await Promise.all(paths.map((path) => get(path, district)));
      const status = readFileSync(`/proc/${app.process.pid}/status`, 'utf8');
      const peakMb = kilobytes(status, 'VmHWM') / 1024;
      const nowMb = kilobytes(status, 'VmRSS') / 1024;
      return {
        tables: [
          {
            columns: ['process', 'peak RSS (MB)', 'RSS now (MB)', 'budget (MB)'],
            rows: [['standalone, demo data, 250 requests', peakMb.toFixed(1), nowMb.toFixed(1), '512']],
            alignRight: [1, 2, 3],
          },
        ],
        notes: [
          `verdict: peak RSS ${peakMb.toFixed(1)} MB is ${peakMb < 512 ? 'UNDER' : 'OVER'} the 512 MB budget (TypeScript compiled in-process by @swc-node/register; a compiled build uses less).`,
        ],
      };
    } finally {
      await app.stop();
    }
  },
};
