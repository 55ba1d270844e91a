import { DatabaseError } from './database-error.js';
import type { SqlClient } from './sql-client.js';

/** One schema change: SQL applied in a transaction, recorded in `moedebot_migrations`. */
export interface Migration {
  /** 1, 2, 3 …: applied in this order, each once. */
  version: number;
  /** What it adds, for the version table and the log. */
  name: string;
  sql: string;
}

/** Any constant shared by every mødebot process: the lock that lets one of them migrate at a time. */
const MIGRATION_LOCK = 0x6d_6f_65_64; // "moed"

/**
 * Brings the schema up to date: each migration not yet in the version table is applied and
 * recorded in one transaction, under an advisory lock, so two bots starting together neither
 * apply a migration twice nor see half of one. A schema newer than this code is an error (an older
 * mødebot must not write to it). Returns the versions applied now.
 */
export async function migrate(db: SqlClient, migrations: readonly Migration[]): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(`CREATE TABLE IF NOT EXISTS moedebot_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await tx.query<{ version: number }>('SELECT version FROM moedebot_migrations ORDER BY version');
    const done = new Set(rows.map((r) => Number(r.version)));
    const newest = Math.max(0, ...migrations.map((m) => m.version));
    const ahead = [...done].filter((v) => v > newest);
    if (ahead.length > 0) {
      throw new DatabaseError('schema', `The database at ${db.description} has schema version ${Math.max(...ahead)}, newer than this mødebot knows (${newest}); run the newer mødebot or another database.`);
    }
    const applied: number[] = [];
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(m.version)) continue;
      await tx.exec(m.sql);
      await tx.query('INSERT INTO moedebot_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
    return applied;
  });
}
