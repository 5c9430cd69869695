import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';

export interface BackupReport {
  target: string;
  events: number;
  streams: number;
  head: number;
}

/**
 * An online copy of the SQLite event store (`EVENT_STORE_URL=sqlite:<file>`) through SQLite's backup
 * API (better-sqlite3 `db.backup`): consistent at one moment while the services keep writing, WAL
 * included; the copy is a complete single-file database. It refuses to overwrite a file. EventStoreDB
 * is backed up with its own tools (docs/operations.md §6).
 */
export async function backupStore(eventStoreUrl: string | undefined, target: string): Promise<BackupReport> {
  const url = eventStoreUrl ?? 'sqlite:./data/events.db';
  if (!url.startsWith('sqlite:'))
    throw new Error('backup copies a SQLite event store only (EVENT_STORE_URL=sqlite:<file>); back up EventStoreDB with its own tools');
  if (existsSync(target)) throw new Error(`${target} exists already; the backup writes a new file`);
  const source = new Database(url.slice('sqlite:'.length), { fileMustExist: true });
  try {
    source.pragma('busy_timeout = 10000');
    await source.backup(target);
  } finally {
    source.close();
  }
  const copy = new Database(target, { readonly: true, fileMustExist: true });
  try {
    const row = copy
      .prepare('SELECT COUNT(*) AS events, COUNT(DISTINCT stream_id) AS streams, COALESCE(MAX(position), 0) AS head FROM events')
      .get() as Omit<BackupReport, 'target'>;
    return { target, ...row };
  } finally {
    copy.close();
  }
}
