import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Every byte a SQLite event store has on disk: the database file and its journal and WAL files (for
 * a byte search that personal data is not there, crypto-shredding).
 */
export function sqliteStoreBytes(file: string): Buffer {
  const name = basename(file);
  return Buffer.concat(
    readdirSync(dirname(file))
      .filter((entry) => entry.startsWith(name))
      .map((entry) => readFileSync(join(dirname(file), entry))),
  );
}
