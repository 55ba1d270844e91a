import pg from 'pg';
import type { Logger } from '../log.js';
import { databaseError, type DatabaseError } from './database-error.js';
import { describeDatabaseUrl } from './describe-url.js';
import type { SqlClient, SqlResult } from './sql-client.js';

export interface PostgresOptions {
  /** DATABASE_URL. */
  url: string;
  /** DATABASE_POOL_MAX: connections at most; a busy bot queues beyond it rather than swamping the server. */
  poolMax: number;
  /** DATABASE_STATEMENT_TIMEOUT_MS: the server cancels a statement running longer. */
  statementTimeoutMs: number;
  /** A schema to work in (tests give each run its own); default the server's search_path. */
  schema?: string;
  logger?: Logger;
}

/** How long opening a connection may take before the attempt counts as failed. */
const CONNECT_TIMEOUT_MS = 5_000;

/**
 * A PostgreSQL server through `pg`'s pool: bounded (`poolMax`), every statement under the
 * server-side `statement_timeout`, driver errors turned into `DatabaseError`s that name the server
 * but never the password. The pool reconnects by itself, so a server that comes back is used again
 * without a restart.
 */
export class PostgresClient implements SqlClient {
  readonly description: string;
  private readonly pool: pg.Pool;
  private readonly unavailableListeners = new Set<(error: DatabaseError) => void>();

  constructor(options: PostgresOptions) {
    this.description = describeDatabaseUrl(options.url);
    const settings = [`-c statement_timeout=${options.statementTimeoutMs}`];
    if (options.schema) settings.push(`-c search_path=${options.schema}`);
    this.pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolMax,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      idleTimeoutMillis: 30_000,
      options: settings.join(' '),
      application_name: 'moedebot',
    });
    // An idle connection dropped by the server (a restart, a failover) is reported here; without a
    // listener the pool's error would end the process.
    this.pool.on('error', (err) => options.logger?.warn({ err: databaseError(err, this.description, 'idle') }, 'database connection lost; the pool reconnects on the next query'));
  }

  query<R = Record<string, unknown>>(text: string, params: readonly unknown[] = []): Promise<SqlResult<R>> {
    return run<R>(this.pool, this.description, text, params).catch((error: unknown) => {
      throw this.failed(error, 'running a query');
    });
  }

  onUnavailable(listener: (error: DatabaseError) => void): void {
    this.unavailableListeners.add(listener);
  }

  /** The failure as a DatabaseError, told to the listeners when the server cannot be reached. */
  private failed(error: unknown, what: string): DatabaseError {
    const failure = databaseError(error, this.description, what);
    if (failure.kind === 'unavailable') for (const listener of this.unavailableListeners) listener(failure);
    return failure;
  }

  async exec(sql: string): Promise<void> {
    // Without parameters pg uses the simple protocol, which takes several statements at once.
    await this.query(sql);
  }

  async transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T> {
    let connection: pg.PoolClient;
    try {
      connection = await this.pool.connect();
    } catch (error) {
      throw this.failed(error, 'connecting');
    }
    const tx = new ConnectionClient(connection, this.description);
    let broken: unknown;
    try {
      await tx.query('BEGIN');
      const result = await work(tx);
      await tx.query('COMMIT');
      return result;
    } catch (error) {
      await connection.query('ROLLBACK').catch((rollbackError: unknown) => {
        broken = rollbackError;
      });
      throw this.failed(error, 'running a transaction');
    } finally {
      // A connection whose rollback failed is in an unknown state: destroyed, not reused.
      connection.release(broken instanceof Error ? broken : undefined);
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** One statement on the pool or on a checked-out connection, its failure as a `DatabaseError`. */
async function run<R>(on: pg.Pool | pg.PoolClient, where: string, text: string, params: readonly unknown[]): Promise<SqlResult<R>> {
  try {
    const result = await on.query(text, params as unknown[]);
    return { rows: result.rows as R[], rowCount: result.rowCount };
  } catch (error) {
    throw databaseError(error, where, 'running a query');
  }
}

/** One checked-out connection, inside a transaction. */
class ConnectionClient implements SqlClient {
  constructor(
    private readonly connection: pg.PoolClient,
    readonly description: string,
  ) {}

  query<R = Record<string, unknown>>(text: string, params: readonly unknown[] = []): Promise<SqlResult<R>> {
    return run<R>(this.connection, this.description, text, params);
  }

  async exec(sql: string): Promise<void> {
    await this.query(sql);
  }

  transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T> {
    // Already in one: the work joins it.
    return work(this);
  }

  async close(): Promise<void> {}
}
