import { randomBytes } from 'node:crypto';
import { afterAll } from 'vitest';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import pg from 'pg';
import { databaseError } from '../../src/db/database-error.js';
import { PostgresClient } from '../../src/db/postgres-client.js';
import type { SqlClient, SqlResult } from '../../src/db/sql-client.js';

/**
 * The databases every database test runs against: PGlite (PostgreSQL in WebAssembly, on any
 * machine) always, and the server in DATABASE_URL as well when it is set (`.ci/run` sets it when a
 * server answers on 127.0.0.1:5432). Each database a test opens is its own: a fresh PGlite, or a
 * new schema on the server that `drop()` removes again.
 */
export interface TestDatabase {
  /** The client the code under test uses. */
  client: SqlClient;
  /** Another client on the same database, as a second bot process would have (same PGlite, a new pool on the server). */
  another(): SqlClient;
  /** Closes every client and removes what the test made. */
  drop(): Promise<void>;
}

export interface DatabaseKind {
  name: 'pglite' | 'server';
  open(): Promise<TestDatabase>;
}

export const DATABASE_KINDS: DatabaseKind[] = [
  { name: 'pglite', open: openPglite },
  ...(process.env.DATABASE_URL ? [{ name: 'server' as const, open: () => openServerSchema(process.env.DATABASE_URL!) }] : []),
];

/**
 * One PGlite per test file: starting one takes seconds on a busy 2-core machine, emptying its
 * schema takes milliseconds. Each `open()` starts from an empty database all the same.
 */
let pglite: Promise<PGlite> | undefined;

afterAll(async () => {
  const db = pglite;
  pglite = undefined;
  if (db) await (await db).close();
});

async function openPglite(): Promise<TestDatabase> {
  // With pg_trgm, as PostgreSQL servers ship it: autocomplete's index (migration 4) is made and used.
  pglite ??= PGlite.create({ extensions: { pg_trgm } });
  const db = await pglite;
  const empty = () => db.exec('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;');
  await empty();
  return {
    // Not the owner: closing the client leaves the file's PGlite for the next test.
    client: new PgliteClient(db, false),
    // One PGlite is one connection; a second "process" shares it, which is what a second pool sees too.
    another: () => new PgliteClient(db, false),
    drop: async () => {
      await empty();
    },
  };
}

async function openServerSchema(url: string): Promise<TestDatabase> {
  const schema = `moedebot_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const clients: SqlClient[] = [];
  const make = () => {
    const c = new PostgresClient({ url, poolMax: 4, statementTimeoutMs: 30_000, schema });
    clients.push(c);
    return c;
  };
  return {
    client: make(),
    another: make,
    drop: async () => {
      await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
}

/**
 * PGlite behind the same seam as the server. PGlite runs one statement at a time on its one
 * connection; its `transaction` holds that connection, so concurrent work waits as it would for a
 * row lock on the server.
 */
export class PgliteClient implements SqlClient {
  readonly description = 'pglite://memory';

  constructor(
    private readonly db: PGlite | Transaction,
    private readonly owner = true,
  ) {}

  async query<R = Record<string, unknown>>(text: string, params: readonly unknown[] = []): Promise<SqlResult<R>> {
    try {
      const result = await this.db.query<R>(text, params as unknown[]);
      return { rows: result.rows, rowCount: result.affectedRows ?? null };
    } catch (error) {
      throw databaseError(error, this.description, 'running a query');
    }
  }

  async exec(sql: string): Promise<void> {
    try {
      await this.db.exec(sql);
    } catch (error) {
      throw databaseError(error, this.description, 'running statements');
    }
  }

  async transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T> {
    if (!(this.db instanceof PGlite)) return work(this);
    return this.db.transaction((tx) => work(new PgliteClient(tx, false)));
  }

  async close(): Promise<void> {
    if (this.owner && this.db instanceof PGlite) await this.db.close();
  }
}
