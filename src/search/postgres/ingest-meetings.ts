import type { Meeting } from '../../corpus/types.js';
import type { SqlClient } from '../../db/sql-client.js';
import { Lexicon } from '../analyzer.js';
import { loadLexiconTerms, prepareMeetings, StatisticsDelta, writeMeetings } from './meeting-rows.js';

/**
 * Adds meetings that are not in the search tables yet (generated ones, for the benchmark), many
 * per transaction, each transaction with its statistics. While the database writes one batch,
 * the next is analysed: the analyser is single-threaded JavaScript, the server works on its own.
 */
export interface IngestOptions {
  /** Meetings per transaction (default 200). */
  batch?: number;
  onProgress?: (items: number) => void;
}

export async function ingestMeetings(db: SqlClient, meetings: readonly Meeting[], options: IngestOptions = {}): Promise<number> {
  const batch = options.batch ?? 200;
  const lexicon = new Lexicon(await loadLexiconTerms(db));
  let written = 0;
  let inFlight: Promise<void> | undefined;
  for (let at = 0; at < meetings.length; at += batch) {
    const slice = meetings.slice(at, at + batch);
    const delta = new StatisticsDelta();
    const prepared = prepareMeetings(slice, lexicon, delta);
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
  return written;
}
