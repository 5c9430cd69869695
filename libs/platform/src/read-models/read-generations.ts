import type { MongoClient } from 'mongodb';

/** The commands that change a read model (a failed one may have written part of a batch). */
const WRITE_COMMANDS = new Set(['insert', 'update', 'delete', 'findAndModify', 'drop', 'dropDatabase', 'renameCollection', 'bulkWrite']);

/**
 * A counter per read-model owner (`catalogue`, `requests`, …) that moves each time a write command of
 * this process to that owner's database has completed. A read that noted the counter before it read
 * and finds it unchanged afterwards has seen every write this process made (ADR 0018). Writes by other
 * processes (another replica, the audit CLI) do not move it: what relies on it bounds its trust by age.
 */
export class ReadGenerations {
  private readonly counters = new Map<string, number>();

  of(owner: string): number {
    return this.counters.get(owner) ?? 0;
  }

  /** The counters of several owners as one stamp (equal stamps: no write to any of them in between). */
  stamp(owners: readonly string[]): string {
    return owners.map((owner) => this.of(owner)).join('.');
  }

  bump(owner: string): void {
    this.counters.set(owner, this.of(owner) + 1);
  }

  /** Follows the write commands of a client created with `monitorCommands: true`. */
  watch(owner: string, client: Pick<MongoClient, 'on'>): void {
    const written = (event: { commandName: string }) => {
      if (WRITE_COMMANDS.has(event.commandName)) this.bump(owner);
    };
    client.on('commandSucceeded', written);
    client.on('commandFailed', written);
  }
}
