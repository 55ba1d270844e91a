import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrate } from '../../../src/db/migrate.js';
import { MIGRATIONS } from '../../../src/db/migrations/index.js';
import type { SqlClient } from '../../../src/db/sql-client.js';
import { loadCorpus } from '../../../src/corpus/load-corpus.js';
import { syncCorpus } from '../../../src/search/postgres/sync-corpus.js';
import { PostgresEngine } from '../../../src/answer/postgres-engine.js';
import { DATABASE_KINDS, type TestDatabase } from '../../helpers/databases.js';

/**
 * syncCorpus keeps the search tables in line with the corpus folder one document at a time: new
 * files are added, a changed file's meeting is replaced, a removed file's rows go, and the term
 * statistics always count exactly the items that are there.
 */
const SEED = 'corpus';
const APRIL = 'kkr-hovedstaden-2025-04-11-dagsorden.txt';
const JUNE = 'kkr-hovedstaden-2024-06-18-dagsorden.txt';

async function count(db: SqlClient, sql: string): Promise<number> {
  const { rows } = await db.query<{ n: string | number }>(sql);
  return Number(rows[0]!.n);
}

/** The statistics the tables hold, and what they should be for the items that are there. */
async function statistics(db: SqlClient) {
  const totals = (await db.query<{ items: string; passages: string }>('SELECT items, passages FROM search_totals')).rows[0]!;
  const stems = await db.query<{ term: string; items: number }>('SELECT term, items FROM search_terms WHERE items > 0 ORDER BY term');
  const counted = await db.query<{ term: string; items: string }>(
    `SELECT s AS term, count(DISTINCT i.id) AS items FROM search_items i, unnest(string_to_array(i.stems, ' ')) AS s GROUP BY s ORDER BY s`,
  );
  return {
    items: Number(totals.items),
    passages: Number(totals.passages),
    rows: await count(db, 'SELECT count(*) AS n FROM search_items'),
    passageRows: await count(db, 'SELECT count(*) AS n FROM search_passages'),
    stems: stems.rows.map((r) => [r.term, Number(r.items)]),
    expectedStems: counted.rows.map((r) => [r.term, Number(r.items)]),
  };
}

describe.each(DATABASE_KINDS)('syncCorpus on $name', (kind) => {
  let db: TestDatabase;
  let dir: string;

  beforeEach(async () => {
    db = await kind.open();
    await migrate(db.client, MIGRATIONS);
    dir = mkdtempSync(path.join(os.tmpdir(), 'moedebot-pg-sync-'));
    for (const f of readdirSync(SEED)) copyFileSync(path.join(SEED, f), path.join(dir, f));
  });

  afterEach(async () => {
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('adds the corpus once, and a second sync changes nothing', async () => {
    const { meetings } = await loadCorpus(dir);
    const first = await syncCorpus(db.client, dir);
    expect(first.added.sort()).toEqual([JUNE, APRIL]);
    expect(first.meetings).toBe(meetings.length);
    expect(first.items).toBe(meetings.reduce((n, m) => n + m.items.length, 0));
    const second = await syncCorpus(db.client, dir);
    expect([second.added, second.changed, second.removed]).toEqual([[], [], []]);
    const s = await statistics(db.client);
    expect(s.items).toBe(s.rows);
    expect(s.passages).toBe(s.passageRows);
    expect(s.stems).toEqual(s.expectedStems);
  });

  it('replaces a changed document and removes a deleted one, with the statistics following', async () => {
    await syncCorpus(db.client, dir);
    const engine = await PostgresEngine.open({ db: db.client, corpusDir: dir, sync: false });
    expect((await engine.ask('fysioterapi')).results[0]?.item.id).toBe('kkr-hovedstaden-2025-04-11-3.6');
    // A word no agenda has, written into the April agenda's physiotherapy item.
    const april = readFileSync(path.join(dir, APRIL), 'utf8');
    expect(april).toContain('Praksisplan for fysioterapi');
    writeFileSync(path.join(dir, APRIL), april.replace('Praksisplan for fysioterapi', 'Praksisplan for fysioterapi og zebrakrydsningsplanen'));
    const changed = await syncCorpus(db.client, dir);
    expect(changed.changed).toEqual([APRIL]);
    expect(changed.added).toEqual([]);
    await engine.reload();
    const zebra = await engine.ask('zebrakrydsningsplanen');
    expect(zebra.status).toBe('found');
    expect(zebra.results[0]!.item.meetingDate).toBe('2025-04-11');
    let s = await statistics(db.client);
    expect(s.stems).toEqual(s.expectedStems);
    expect(s.items).toBe(s.rows);

    rmSync(path.join(dir, APRIL));
    const removed = await syncCorpus(db.client, dir);
    expect(removed.removed).toEqual([APRIL]);
    expect(await count(db.client, "SELECT count(*) AS n FROM search_items WHERE meeting_date = '2025-04-11'")).toBe(0);
    expect(await count(db.client, `SELECT count(*) AS n FROM search_documents WHERE path = '${APRIL}'`)).toBe(0);
    await engine.reload();
    expect((await engine.ask('zebrakrydsningsplanen')).status).toBe('not-found');
    expect((await engine.catalog()).map((m) => m.meetingDate)).toEqual(['2024-06-18']);
    s = await statistics(db.client);
    expect(s.stems).toEqual(s.expectedStems);
    expect(s.items).toBe(s.rows);
    expect(s.passages).toBe(s.passageRows);
    expect(await count(db.client, 'SELECT count(*) AS n FROM search_terms WHERE items = 0 AND title = 0 AND recommendation = 0 AND case_number = 0 AND meta = 0 AND text = 0')).toBe(0);
  });

  it('reports a file it cannot use by name, and serves it once it is fixed', async () => {
    writeFileSync(path.join(dir, 'tom.txt'), '');
    const report = await syncCorpus(db.client, dir);
    expect(report.skipped).toContainEqual({ file: 'tom.txt', reason: 'is empty' });
    const again = await syncCorpus(db.client, dir);
    expect(again.skipped).toContainEqual({ file: 'tom.txt', reason: 'is empty' });
    copyFileSync('tests/fixtures/layouts/odense-oekonomiudvalget-2012-09-05.txt', path.join(dir, 'tom.txt'));
    const fixed = await syncCorpus(db.client, dir);
    expect(fixed.changed).toEqual(['tom.txt']);
    expect(fixed.skipped.find((s) => s.file === 'tom.txt' && s.severity !== 'notice')).toBeUndefined();
    expect(fixed.meetings).toBe(3);
  });

  it('two syncs at once (two bots reloading) leave one copy of every meeting', async () => {
    const other = db.another();
    await Promise.all([syncCorpus(db.client, dir), syncCorpus(other, dir)]);
    const { meetings } = await loadCorpus(dir);
    expect(await count(db.client, 'SELECT count(*) AS n FROM search_items')).toBe(meetings.reduce((n, m) => n + m.items.length, 0));
    const s = await statistics(db.client);
    expect(s.items).toBe(s.rows);
    expect(s.stems).toEqual(s.expectedStems);
  });

  it('another bot on the same database sees a sync of this one in its statistics, without its own reload', async () => {
    rmSync(path.join(dir, APRIL));
    const here = await PostgresEngine.open({ db: db.client, corpusDir: dir });
    const there = await PostgresEngine.open({ db: db.another(), corpusDir: dir, statisticsCheckMs: 0 });
    const before = (await there.catalog()).map((m) => m.id);
    expect(before).toEqual(['kkr-hovedstaden-2024-06-18']);
    await there.settled();
    // Nothing changed: the check keeps what it has.
    expect((await there.catalog()).map((m) => m.id)).toEqual(before);
    copyFileSync(path.join(SEED, APRIL), path.join(dir, APRIL));
    await here.reload();
    await there.catalog();
    await there.settled();
    expect((await there.catalog()).map((m) => m.id)).toEqual(['kkr-hovedstaden-2024-06-18', 'kkr-hovedstaden-2025-04-11']);
    // Its answers now count the new meeting's terms (BM25's statistics) too.
    expect((await there.ask('fysioterapi')).results[0]?.item.id).toBe('kkr-hovedstaden-2025-04-11-3.6');
  });
});
