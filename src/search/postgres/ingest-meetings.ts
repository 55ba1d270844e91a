import type { Meeting } from '../../corpus/types.js';
import type { SqlClient } from '../../db/sql-client.js';
import { Lexicon } from '../analyzer.js';
import { loadLexiconTerms, prepareMeetings, StatisticsDelta, writeMeetings } from './meeting-rows.js';
import { itemStems } from './analysed-item.js';

/**
 * Adds meetings that are not in the search tables yet (generated ones, for the benchmark), many
 * per transaction, each transaction with its statistics. While the database writes one batch,
 * the next is analysed: the analyser is single-threaded JavaScript, the server works on its own.
 */
export interface IngestOptions {
  /** Meetings per transaction (default 200). */
  batch?: number;
  onProgress?: (items: number) => void;
  /**
   * Into empty tables: build the GIN indexes once at the end instead of row by row (a third
   * faster). Ignored when the tables hold items already.
   */
  deferIndexes?: boolean;
  /**
   * The stems of every meeting to be written, collected beforehand (`collectStems`): the items are
   * then analysed as `compileCorpus` analyses a corpus, with its whole vocabulary known, and the
   * analyser's memo is not emptied by every batch's new words.
   */
  lexicon?: Lexicon;
}

/** The stems of meetings added to `lexicon` (the first of `compileCorpus`'s two passes). */
export function collectStems(meetings: Iterable<Meeting>, lexicon: Lexicon): void {
  for (const m of meetings) for (const item of m.items) for (const stem of itemStems(item)) lexicon.add(stem);
}

/** The inverted indexes (term vectors, autocomplete's trigrams where made), which `deferIndexes` builds once at the end. */
const DEFERRED_INDEXES = ['search_items_vector', 'search_items_head', 'search_items_suggest'];

function* batches<T>(items: Iterable<T>, size: number): Generator<T[]> {
  let batch: T[] = [];
  for (const item of items) {
    batch.push(item);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

export async function ingestMeetings(db: SqlClient, meetings: Iterable<Meeting>, options: IngestOptions = {}): Promise<number> {
  const batch = options.batch ?? 200;
  const lexicon = options.lexicon ?? new Lexicon(await loadLexiconTerms(db));
  const defer = options.deferIndexes === true && (await db.query('SELECT 1 FROM search_items LIMIT 1')).rows.length === 0;
  // Their definitions as the database holds them (schema, operator class), to make them again as they were.
  const deferred = defer
    ? (await db.query<{ name: string; definition: string }>('SELECT indexname AS name, indexdef AS definition FROM pg_indexes WHERE schemaname = current_schema() AND indexname = ANY($1::text[])', [DEFERRED_INDEXES])).rows
    : [];
  for (const index of deferred) await db.query(`DROP INDEX ${index.name}`);
  let written = 0;
  let inFlight: Promise<void> | undefined;
  for (const slice of batches(meetings, batch)) {
    const delta = new StatisticsDelta();
    const prepared = prepareMeetings(slice, lexicon, delta, options.lexicon === undefined);
    // One batch written at a time besides the one being analysed: no more than two in memory.
    await inFlight;
    const items = slice.reduce((n, m) => n + m.items.length, 0);
    inFlight = db
      .transaction(async (tx) => {
        await writeMeetings(tx, prepared);
        await delta.apply(tx);
      })
      .then(() => {
        written += items;
        options.onProgress?.(written);
      });
    // A failure surfaces at the next await; keep it from being reported as unhandled meanwhile.
    inFlight.catch(() => undefined);
  }
  await inFlight;
  if (deferred.length > 0) {
    await db.transaction(async (tx) => {
      // More memory than a question's work_mem: the index is sorted in memory rather than on disk.
      await tx.query("SET LOCAL maintenance_work_mem = '256MB'");
      for (const index of deferred) await tx.query(index.definition);
    });
  }
  return written;
}
