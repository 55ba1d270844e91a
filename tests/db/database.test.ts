import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { openClient, openDatabase } from '../../src/db/database.js';
import { DatabaseError } from '../../src/db/database-error.js';
import { describeDatabaseUrl } from '../../src/db/describe-url.js';
import { MIGRATIONS } from '../../src/db/migrations/index.js';
import { DATABASE_KINDS } from '../helpers/databases.js';

/** A local port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('where the database is, as logs and errors say it', () => {
  it('names host, port and database, never the user or password', () => {
    expect(describeDatabaseUrl('postgres://bot:s3cret-pw@db.example:6543/moedebot?sslmode=require')).toBe('postgres://db.example:6543/moedebot');
    expect(describeDatabaseUrl('postgresql://db.example/moedebot')).toBe('postgresql://db.example/moedebot');
    expect(describeDatabaseUrl('not a url with s3cret-pw')).toBe('DATABASE_URL');
  });
});

describe('a server that does not answer', () => {
  it('is retried until DATABASE_CONNECT_SECONDS runs out, then reported by address without the password', async () => {
    const port = await closedPort();
    const client = openClient({ url: `postgres://bot:s3cret-pw@127.0.0.1:${port}/moedebot`, poolMax: 2, statementTimeoutMs: 1000 });
    const warnings: string[] = [];
    const logger = { info: () => undefined, warn: (_: unknown, message: string) => warnings.push(message), error: () => undefined } as never;
    const error = await openDatabase(client, { connectSeconds: 1, logger }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseError);
    expect((error as DatabaseError).kind).toBe('unavailable');
    expect((error as Error).message).toMatch(new RegExp(`^PostgreSQL at postgres://127\\.0\\.0\\.1:${port}/moedebot is not reachable .*ECONNREFUSED.* Gave up after [2-9] attempts\\.$`));
    expect((error as Error).message).not.toContain('s3cret-pw');
    // Each failed attempt was logged before the next.
    expect(warnings.length).toBeGreaterThanOrEqual(1);
    expect(warnings.join('\n')).not.toContain('s3cret-pw');
  });
});

describe.each(DATABASE_KINDS)('an open database on $name', (kind) => {
  it('is migrated on open and reports itself up', async () => {
    const db = await kind.open();
    try {
      const database = await openDatabase(db.client, { connectSeconds: 0 });
      expect(await database.check()).toBe('up');
      expect(database.state()).toBe('up');
      const { rows } = await db.client.query<{ n: string }>('SELECT count(*) AS n FROM moedebot_migrations');
      expect(Number(rows[0]!.n)).toBe(MIGRATIONS.length);
    } finally {
      await db.drop();
    }
  });
});
