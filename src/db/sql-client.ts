import type { DatabaseError } from './database-error.js';

/**
 * The one seam between mødebot and a PostgreSQL database. The server (through `pg`'s pool, see
 * `postgres-client.ts`) and PGlite (PostgreSQL in WebAssembly, in the tests) both implement it,
 * so every store and the search backend run the same SQL on both.
 */

export interface SqlResult<R> {
  rows: R[];
  /** Rows changed by INSERT/UPDATE/DELETE, where the driver reports it. */
  rowCount?: number | null | undefined;
}

export interface SqlClient {
  /** One statement with `$1 … $n` parameters. */
  query<R = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<SqlResult<R>>;
  /** Several statements without parameters (a migration). */
  exec(sql: string): Promise<void>;
  /**
   * Runs `work` in one transaction on one connection: committed when it resolves, rolled back
   * when it throws (and the error rethrown).
   */
  transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T>;
  /**
   * Calls `listener` whenever a statement fails because the server cannot be reached, so health
   * reporting learns of an outage from the first failed question, not only from its next check.
   * Optional: an in-process database cannot go away.
   */
  onUnavailable?(listener: (error: DatabaseError) => void): void;
  /** Ends every connection; further queries fail. */
  close(): Promise<void>;
  /** Where the database is, for logs and errors: `postgres://host:port/db`, never a password. */
  readonly description: string;
}
