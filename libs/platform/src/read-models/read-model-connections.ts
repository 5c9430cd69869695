import mongoose, { type ConnectOptions, type Connection } from 'mongoose';
import { ReadGenerations } from './read-generations';

/** The native database of a connection that has connected. */
export function databaseOf(connection: Connection) {
  if (!connection.db) throw new Error(`MongoDB connection ${connection.name} is not open`);
  return connection.db;
}

/**
 * One mongoose connection per owner (`platform`, `catalogue`, `assessment`, …): each service keeps
 * its read models in a database of its own, even when the standalone shape shares one server.
 */
export class ReadModelConnections {
  private readonly connections = new Map<string, Connection>();
  /** Moves with every write this process makes to an owner's database (the read cache's validity, ADR 0018). */
  readonly generations = new ReadGenerations();

  constructor(
    private readonly url: string,
    private readonly databasePrefix: string,
  ) {}

  get(owner: string): Connection {
    let connection = this.connections.get(owner);
    if (!connection) {
      // 30 s (the driver's default for server selection) for server selection and for mongoose's buffering (which it
      // reads from the options though its types omit it): a FerretDB busy with a catch-up can take
      // over 10 s to answer.
      const options: ConnectOptions & { bufferTimeoutMS: number } = {
        dbName: `${this.databasePrefix}-${owner}`,
        maxPoolSize: 5,
        serverSelectionTimeoutMS: 30000,
        bufferTimeoutMS: 30000,
        monitorCommands: true,
      };
      connection = mongoose.createConnection(this.url, options);
      this.generations.watch(owner, connection.getClient());
      this.connections.set(owner, connection);
    }
    return connection;
  }

  async ready(owner: string): Promise<Connection> {
    const connection = this.get(owner);
    await connection.asPromise();
    return connection;
  }

  async ping(): Promise<void> {
    const connection = await this.ready('platform');
    await databaseOf(connection).command({ ping: 1 });
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.connections.values()].map((c) => c.close()));
    this.connections.clear();
  }
}
