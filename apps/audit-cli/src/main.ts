import { createApp, ConsumerRegistry } from '@gongkai/platform';
import { standaloneApp } from '@gongkai/shapes';
import { rebuildReadModels, verify } from './commands';

const USAGE = `gongkai-audit <command>

  verify                 check every stream's hash chain; exit 1 on any break
  rebuild [read-model…]  drop and replay read models from position 0 (all when none named)
  read-models            list the read models

Connection settings come from the same environment as the services (EVENT_STORE_URL, MONGODB_URL, …).`;

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (!command || command === '--help' || command === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return command ? 0 : 2;
  }
  // The auditors' tool reads; it never relays events of its own.
  const { app } = await createApp(standaloneApp, { LOG_LEVEL: 'warn', ...process.env, RELAY_ENABLED: 'false' });
  await app.init();
  try {
    switch (command) {
      case 'verify': {
        const report = await verify(app);
        if (!report.firstBreak) {
          process.stdout.write(`完整性校验通过：${report.streams} 个事件流，${report.events} 个事件，哈希链完整。\n`);
          return 0;
        }
        for (const broken of report.breaks) {
          process.stdout.write(`哈希链断裂：事件流 ${broken.streamId}，版本 ${broken.streamRevision}（${broken.problem}: ${broken.detail}）\n`);
        }
        return 1;
      }
      case 'rebuild': {
        for (const report of await rebuildReadModels(app, args)) {
          process.stdout.write(`重建 ${report.projection}：重放 ${report.replayed} 个事件，应用 ${report.applied} 个。\n`);
        }
        return 0;
      }
      case 'read-models': {
        process.stdout.write(`${app.get(ConsumerRegistry).projections().map((p) => p.name).join('\n')}\n`);
        return 0;
      }
      default:
        process.stderr.write(`unknown command: ${command}\n${USAGE}\n`);
        return 2;
    }
  } finally {
    await app.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  },
);
