import { describe, expect, it } from 'vitest';
import { migrate, type Migration } from '../../src/db/migrate.js';
import { MIGRATIONS } from '../../src/db/migrations/index.js';
import { DatabaseError } from '../../src/db/database-error.js';
import { PGlite } from '@electric-sql/pglite';
import { DATABASE_KINDS, PgliteClient } from '../helpers/databases.js';

const EXTRA: Migration = { version: 1000, name: 'test table', sql: 'CREATE TABLE migrate_test (id integer PRIMARY KEY); INSERT INTO migrate_test VALUES (1);' };

describe.each(DATABASE_KINDS)('migrations on $name', (kind) => {
  it('applies each migration once, records it, and refuses a schema newer than the code', async () => {
    const db = await kind.open();
    try {
      const first = await migrate(db.client, MIGRATIONS);
      expect(first).toEqual(MIGRATIONS.map((m) => m.version));
      expect(await migrate(db.client, MIGRATIONS)).toEqual([]);
      expect(await migrate(db.client, [...MIGRATIONS, EXTRA])).toEqual([1000]);
      const { rows } = await db.client.query<{ version: number; name: string }>('SELECT version, name FROM moedebot_migrations ORDER BY version');
      expect(rows.map((r) => Number(r.version))).toEqual([...MIGRATIONS.map((m) => m.version), 1000]);
      expect((await db.client.query('SELECT id FROM migrate_test')).rows).toEqual([{ id: 1 }]);
      const refused = await migrate(db.client, MIGRATIONS).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(DatabaseError);
      expect((refused as DatabaseError).kind).toBe('schema');
      expect((refused as Error).message).toMatch(/schema version 1000, newer than this mødebot knows/);
    } finally {
      await db.drop();
    }
  });

  it('a failing migration leaves nothing behind', async () => {
    const db = await kind.open();
    try {
      const broken: Migration = { version: 1001, name: 'broken', sql: 'CREATE TABLE half_done (id integer); SELECT no_such_column FROM half_done;' };
      await expect(migrate(db.client, [...MIGRATIONS, broken])).rejects.toThrow(/no_such_column/);
      // This test's schema only: other test files have their own schemas on the same server at the same time.
      const tables = await db.client.query("SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name IN ('half_done', 'moedebot_migrations')");
      expect(tables.rows).toEqual([]);
    } finally {
      await db.drop();
    }
  });
});

describe('migrations where pg_trgm is not available', () => {
  it('go on without the autocomplete index, and the autocomplete query still runs', async () => {
    // A PGlite without the extension loaded refuses CREATE EXTENSION pg_trgm, as a server without contrib would.
    const db = new PgliteClient(await PGlite.create());
    try {
      expect(await migrate(db, MIGRATIONS)).toEqual(MIGRATIONS.map((m) => m.version));
      const indexes = await db.query<{ indexname: string }>("SELECT indexname FROM pg_indexes WHERE tablename = 'search_items'");
      expect(indexes.rows.map((r) => r.indexname)).not.toContain('search_items_suggest');
      expect(indexes.rows.map((r) => r.indexname)).toContain('search_items_recent');
      const { rows } = await db.query("SELECT search_suggest_text('{\"title\":\"Ældreområdet\",\"caseNumber\":\"SAG-1\"}'::json) AS text");
      expect(rows[0]).toEqual({ text: 'aeldreomraadet\nsag-1' });
    } finally {
      await db.close();
    }
  });
});
