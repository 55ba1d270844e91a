import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { migrate } from '../db/migrate.js';
import { MIGRATIONS } from '../db/migrations/index.js';
import { PostgresClient } from '../db/postgres-client.js';
import { SYNONYMS_FILE } from '../search/synonyms.js';
import { GLOSSARY_FILE } from '../search/glossary.js';
import { collectStems, ingestMeetings } from '../search/postgres/ingest-meetings.js';
import { Lexicon } from '../search/analyzer.js';
import { PostgresEngine } from '../answer/postgres-engine.js';
import { dateRangeFor, streamMeetings } from './synthetic-corpus.js';
import type { Meeting } from '../corpus/types.js';
import { deriveQuestions, type BenchQuestion } from './questions.js';
import type { PhaseArgs, PhaseResult } from './phases.js';
import { peakRssMiB, timeQueries } from './phases.js';

/**
 * The PostgreSQL backend's benchmark steps, each in its own process like the in-process ones:
 * `pg-build` writes a synthetic corpus into the search tables of a schema of its own (build:
 * items per second, database size), `pg-serve` opens the engine on them cold and asks the
 * questions (latency and the bot process's peak RSS; the server's memory is the server's).
 */

/** A client on the benchmark's schema: one connection more than the engine's default use, never more. */
function client(args: PhaseArgs): PostgresClient {
  if (!args.databaseUrl || !args.schema) throw new Error('the postgres benchmark needs DATABASE_URL and a schema');
  return new PostgresClient({ url: args.databaseUrl, poolMax: 4, statementTimeoutMs: 600_000, schema: args.schema });
}

/** What `deriveQuestions` reads of a meeting, without the text it does not read. */
function outline(meeting: Meeting): Meeting {
  return {
    ...meeting,
    items: meeting.items.map((i) => ({ ...i, presentation: i.presentation === '' ? '' : '·', background: '', recommendation: '', sections: [], decision: null, attachments: [], links: [] })),
  };
}

export async function postgresBuildPhase(args: PhaseArgs): Promise<PhaseResult> {
  const corpus = path.join(args.dir, 'corpus');
  await mkdir(corpus, { recursive: true });
  for (const file of [SYNONYMS_FILE, GLOSSARY_FILE]) await copyFile(path.join(args.seedCorpus, file), path.join(corpus, file)).catch(() => undefined);
  const db = client(args);
  try {
    await migrate(db, MIGRATIONS);
    // Generated as they are written (a million items do not fit in memory), keeping only what the
    // questions are derived from; generating is timed apart from writing. Twice: the first pass
    // collects the vocabulary, as a corpus folder's first sync reads every file before writing.
    const outlines: Meeting[] = [];
    let generateMs = 0;
    const timedMeetings = function* (keep: boolean) {
      const generated = streamMeetings({ items: args.items, seed: args.seed, dateRange: dateRangeFor(args.items) });
      for (;;) {
        const t0 = performance.now();
        const next = generated.next();
        generateMs += performance.now() - t0;
        if (next.done) return;
        if (keep) outlines.push(outline(next.value));
        yield next.value;
      }
    };
    const t = performance.now();
    const lexicon = new Lexicon();
    collectStems(timedMeetings(false), lexicon);
    const items = await ingestMeetings(db, timedMeetings(true), { deferIndexes: true, lexicon });
    // Statistics for the planner, as autovacuum would gather them on a running server.
    await db.query('ANALYZE');
    const buildMs = performance.now() - t - generateMs;
    await writeFile(path.join(args.dir, 'questions.json'), JSON.stringify(deriveQuestions(outlines, args.seed + 1, args.questions)));
    const meetings = outlines;
    const size = await db.query<{ bytes: string }>(
      `SELECT sum(pg_total_relation_size(c.oid))::bigint AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r'`,
      [args.schema],
    );
    const terms = await db.query<{ n: string }>('SELECT count(*) AS n FROM search_terms');
    const passages = await db.query<{ passages: string }>('SELECT passages FROM search_totals');
    return {
      phase: 'pg-build',
      peakRssMiB: peakRssMiB(),
      generateMs,
      buildMs,
      bytesOnDisk: Number(size.rows[0]?.bytes ?? 0),
      meetings: meetings.length,
      documents: items + Number(passages.rows[0]?.passages ?? 0),
      terms: Number(terms.rows[0]?.n ?? 0),
    };
  } finally {
    await db.close();
  }
}

export async function postgresServePhase(args: PhaseArgs): Promise<PhaseResult> {
  const questions = JSON.parse(await readFile(path.join(args.dir, 'questions.json'), 'utf8')) as BenchQuestion[];
  const db = client(args);
  try {
    const t = performance.now();
    // The tables were filled by pg-build; the corpus folder holds only synonyms and glossary.
    const engine = await PostgresEngine.open({ db, corpusDir: path.join(args.dir, 'corpus'), sync: false });
    const loadMs = performance.now() - t;
    const timed = await timeQueries(questions, async (q) => {
      const answer = await engine.ask(q.q);
      return q.kind !== 'english' && answer.results[0]?.item.id === q.itemId;
    });
    return { phase: 'pg-serve', peakRssMiB: peakRssMiB(), loadMs, ...timed };
  } finally {
    await db.close();
  }
}
