import { createApp } from '@gongkai/platform';
import { standaloneApp } from '@gongkai/shapes';
import { backupStore } from './backup';
import { runCommand, UsageError, USAGE } from './commands';

async function main(argv: string[]): Promise<number> {
  const [command] = argv;
  if (!command || command === '--help' || command === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return command ? 0 : 2;
  }
  if (command === 'backup') {
    // A file copy of the SQLite store: no application, no MongoDB, no Kafka needed.
    const [target] = argv.slice(1);
    if (!target) {
      process.stderr.write(`backup needs the file to write\n${USAGE}\n`);
      return 2;
    }
    const report = await backupStore(process.env.EVENT_STORE_URL, target);
    process.stdout.write(`备份完成：${report.target}，${report.streams} 个事件流，${report.events} 个事件，全局位置至 ${report.head}。\n`);
    return 0;
  }
  // The auditors' tool reads; it never relays events of its own, nor anchors on a timer.
  process.env.AUDIT_ANCHOR_INTERVAL_S = '0';
  const { app } = await createApp(standaloneApp, { LOG_LEVEL: 'warn', ...process.env, RELAY_ENABLED: 'false' });
  await app.init();
  try {
    return await runCommand(app, argv, (text) => process.stdout.write(text));
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n${USAGE}\n`);
      return 2;
    }
    throw error;
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
