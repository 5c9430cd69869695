/**
 * `npm run bench`: runs every `tools/bench/*.bench.ts` in name order, one after another, and prints
 * each one's tables and notes. A new bench is a new file exporting `bench: Bench` (see harness.ts).
 * Usage: npm run bench [-- <name filter>]
 */
import { readdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { formatTable, type Bench } from './harness';

async function main(): Promise<void> {
  const filter = process.argv[2];
  const files = readdirSync(__dirname)
    .filter((file) => file.endsWith('.bench.ts') && (!filter || file.includes(filter)))
    .sort();
  const started = Date.now();
  // Figures are wall-clock: other work on the machine slows every subject, so say how busy it was.
  const load = () =>
    loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
  console.log(`bench: node ${process.version}, ${cpus().length} CPUs, load average ${load()} at start`);
  for (const file of files) {
    const { bench } = require(join(__dirname, file)) as { bench: Bench };
    console.log(`\n## ${bench.title} (${file})\n`);
    try {
      const output = await bench.run();
      for (const table of output.tables) console.log(`${formatTable(table)}\n`);
      for (const note of output.notes) console.log(note);
    } catch (error) {
      process.exitCode = 1;
      console.log(`FAILED: ${(error as Error).stack ?? String(error)}`);
    }
  }
  const { maxRSS } = process.resourceUsage();
  console.log(
    `\nbench: ${files.length} module(s) in ${((Date.now() - started) / 1000).toFixed(1)} s; peak RSS ${(maxRSS / 1024).toFixed(1)} MB; load average ${load()} at end`,
  );
}

void main();
