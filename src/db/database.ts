import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../log.js';
import { DatabaseError, databaseError } from './database-error.js';
import { migrate } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';
import { PostgresClient, type PostgresOptions } from './postgres-client.js';
import type { SqlClient } from './sql-client.js';

/** Where the database stands, as /healthz reports it. */
export type DatabaseState = 'connecting' | 'up' | 'down';

export interface OpenDatabaseOptions {
  /** How long to keep trying while the server is unreachable at start (DATABASE_CONNECT_SECONDS). */
  connectSeconds?: number;
  logger?: Logger;
  signal?: AbortSignal;
}

/**
 * An open, migrated database and a watch on whether it still answers. Every store and the search
 * backend share its client (and so its bounded pool).
 */
export class Database {
  private current: DatabaseState = 'up';
  private timer: NodeJS.Timeout | undefined;

  constructor(
    readonly client: SqlClient,
    private readonly logger?: Logger,
  ) {
    // A failed statement reports the outage at once; the monitor's next check reports the recovery.
    client.onUnavailable?.((err) => {
      if (this.current !== 'down') this.logger?.error({ err }, `database ${client.description} does not answer; retrying`);
      this.current = 'down';
    });
  }

  state(): DatabaseState {
    return this.current;
  }

  /**
   * Checks every `ms` that the server answers, so /healthz reports a database that went away even
   * while nobody asks anything; the change is logged once each way.
   */
  monitor(ms = 10_000): void {
    this.timer ??= setInterval(() => void this.check(), ms).unref();
  }

  /** Asks the server once; updates and returns the state. */
  async check(): Promise<DatabaseState> {
    let next: DatabaseState;
    try {
      await this.client.query('SELECT 1');
      next = 'up';
    } catch (err) {
      next = 'down';
      if (this.current !== 'down') this.logger?.error({ err }, `database ${this.client.description} does not answer; retrying`);
    }
    if (next === 'up' && this.current === 'down') this.logger?.info(`database ${this.client.description} answers again`);
    this.current = next;
    return next;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.client.close();
  }
}

/**
 * Opens a client with {@link openClient}, waits for the server (retrying with back-off for up to
 * `connectSeconds` while it is unreachable, logging each attempt), and applies the migrations.
 * A refused password or a schema newer than this code fails at once.
 */
export async function openDatabase(client: SqlClient, options: OpenDatabaseOptions = {}): Promise<Database> {
  const deadline = Date.now() + (options.connectSeconds ?? 60) * 1000;
  let delay = 500;
  for (let attempt = 1; ; attempt++) {
    try {
      const applied = await migrate(client, MIGRATIONS);
      options.logger?.info({ database: client.description, migrations: applied }, applied.length > 0 ? 'database schema migrated' : 'database schema up to date');
      return new Database(client, options.logger);
    } catch (error) {
      const failure = databaseError(error, client.description, 'migrating the schema');
      if (!failure.retryable || Date.now() + delay > deadline || options.signal?.aborted) {
        await client.close().catch(() => undefined);
        throw failure.retryable ? new DatabaseError(failure.kind, `${failure.message} Gave up after ${attempt} attempts.`, { cause: error }) : failure;
      }
      options.logger?.warn({ attempt, retryInMs: delay }, failure.message);
      await sleep(delay, undefined, options.signal ? { signal: options.signal } : undefined).catch(() => undefined);
      delay = Math.min(delay * 2, 10_000);
    }
  }
}

/** A client for DATABASE_URL (a PostgreSQL server through `pg`'s pool). */
export function openClient(options: PostgresOptions): SqlClient {
  return new PostgresClient(options);
}
