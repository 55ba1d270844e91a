import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../src/db/migrate.js';
import { MIGRATIONS } from '../../../src/db/migrations/index.js';
import type { SqlClient } from '../../../src/db/sql-client.js';
import { loadCorpus } from '../../../src/corpus/load-corpus.js';
import { Lexicon } from '../../../src/search/analyzer.js';
import { collectStems, ingestMeetings } from '../../../src/search/postgres/ingest-meetings.js';
import { PostgresEngine } from '../../../src/answer/postgres-engine.js';
import { DATABASE_KINDS, type TestDatabase } from '../../helpers/databases.js';

/**
 * Writing many meetings into empty search tables (the benchmark's way, and a first load) builds
 * the inverted indexes once at the end: they must come back exactly as the migrations made them,
 * and answer as they would have.
 */
async function indexes(db: SqlClient): Promise<string[]> {
  const { rows } = await db.query<{ definition: string }>("SELECT indexdef AS definition FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'search_items' ORDER BY indexname");
  return rows.map((r) => r.definition);
}

describe.each(DATABASE_KINDS)('ingestMeetings on $name', (kind) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await kind.open();
    await migrate(db.client, MIGRATIONS);
  });
  afterEach(() => db.drop());

  it('builds the deferred indexes again as they were, and the items are found through them', async () => {
    const before = await indexes(db.client);
    expect(before.some((d) => d.includes('gin_trgm_ops'))).toBe(true);
    const { meetings } = await loadCorpus('corpus');
    const lexicon = new Lexicon();
    collectStems(meetings, lexicon);
    const written = await ingestMeetings(db.client, meetings, { deferIndexes: true, lexicon, batch: 1 });
    expect(written).toBe(meetings.reduce((n, m) => n + m.items.length, 0));
    expect(await indexes(db.client)).toEqual(before);
    const engine = await PostgresEngine.open({ db: db.client, corpusDir: 'corpus', sync: false });
    expect((await engine.ask('hvad indstilles der om fysioterapi?')).results[0]?.item.id).toBe('kkr-hovedstaden-2025-04-11-3.6');
    expect((await engine.suggest('fysio')).length).toBeGreaterThan(0);
  });
});
