import type { AgendaItem, Meeting } from '../../corpus/types.js';
import { caseKey } from '../../corpus/case-numbers.js';
import type { SqlClient } from '../../db/sql-client.js';
import { Lexicon } from '../analyzer.js';
import { analyseItem, itemLengths, itemStatistics, itemStems, packFields, tsvectorText, unpackFields } from './analysed-item.js';
import { itemPassages } from '../passages.js';

/**
 * Writing meetings to the search tables and taking them out again, with the corpus statistics
 * (`search_terms`, `search_totals`) changed in the same transaction: a question never sees items
 * whose terms are not counted, nor counts of items that are gone.
 */

/** Per term: [items holding it as a plain stem, then documents per field]. */
type TermDelta = Map<string, Int32Array>;

/** What a batch of writes changes in the corpus statistics, applied once per transaction. */
export class StatisticsDelta {
  readonly terms: TermDelta = new Map();
  items = 0;
  passages = 0;
  readonly lengths = [0, 0, 0, 0, 0];

  add(analysed: { fields: [string, string, string, string]; passages: string[]; stems: string[] }, sign: 1 | -1): void {
    const lengths = itemStatistics(analysed, (term, field, items) => {
      let row = this.terms.get(term);
      if (!row) this.terms.set(term, (row = new Int32Array(6)));
      if (field < 0) row[0]! += sign * items;
      else row[field + 1]! += sign;
    });
    lengths.forEach((l, f) => (this.lengths[f]! += sign * l));
    this.items += sign;
    this.passages += sign * analysed.passages.length;
  }

  /** Writes the changes; terms in a fixed order, so two syncs at once cannot deadlock on them. */
  async apply(tx: SqlClient): Promise<void> {
    const terms = [...this.terms].filter(([, row]) => row.some((v) => v !== 0)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const column = (k: number) => terms.map(([, row]) => row[k]!);
    for (let at = 0; at < terms.length; at += 20_000) {
      const slice = (values: unknown[]) => values.slice(at, at + 20_000);
      await tx.query(
        `INSERT INTO search_terms AS t (term, items, title, recommendation, case_number, meta, text)
         SELECT * FROM unnest($1::text[], $2::int[], $3::int[], $4::int[], $5::int[], $6::int[], $7::int[])
         ON CONFLICT (term) DO UPDATE SET items = t.items + excluded.items, title = t.title + excluded.title,
           recommendation = t.recommendation + excluded.recommendation, case_number = t.case_number + excluded.case_number,
           meta = t.meta + excluded.meta, text = t.text + excluded.text`,
        [slice(terms.map(([t]) => t)), ...[0, 1, 2, 3, 4, 5].map((k) => slice(column(k)))],
      );
    }
    // Terms no item holds any more would only grow the vocabulary every process loads.
    if (this.items < 0 || terms.some(([, row]) => row.some((v) => v < 0))) {
      await tx.query('DELETE FROM search_terms WHERE term = ANY($1::text[]) AND items = 0 AND title = 0 AND recommendation = 0 AND case_number = 0 AND meta = 0 AND text = 0', [terms.map(([t]) => t)]);
    }
    await tx.query(
      `UPDATE search_totals SET items = items + $1, passages = passages + $2,
         lengths = ARRAY[lengths[1] + $3, lengths[2] + $4, lengths[3] + $5, lengths[4] + $6, lengths[5] + $7]::bigint[] WHERE id = 1`,
      [this.items, this.passages, ...this.lengths],
    );
  }
}

/** The stems every item of the corpus holds as words: the lexicon that splits compounds. */
export async function loadLexiconTerms(db: SqlClient): Promise<string[]> {
  const { rows } = await db.query<{ term: string }>('SELECT term FROM search_terms WHERE items > 0');
  return rows.map((r) => r.term);
}

/** An item as stored: its background and presentation are made again from its sections on reading (`parseItem`). */
function storedItem(item: AgendaItem): Omit<AgendaItem, 'background' | 'presentation'> {
  const { background: _b, presentation: _p, ...rest } = item;
  return rest;
}

/** The meeting as stored beside its items: everything but the items. */
function meetingShell(meeting: Meeting): Omit<Meeting, 'items'> {
  const { items: _items, ...shell } = meeting;
  return shell;
}

/** Meetings analysed and laid out as the parameters of their INSERTs, ready to write. */
export interface PreparedMeetings {
  meetings: unknown[][];
  items: unknown[][];
  passages: unknown[][];
}

/**
 * Analyses meetings for writing and adds their items to `delta`. The lexicon is extended with the
 * batch's own stems first, as `compileCorpus` knows the whole vocabulary before it splits compounds
 * (unless the caller's lexicon holds every stem already: `extendLexicon` false).
 */
export function prepareMeetings(meetings: readonly Meeting[], lexicon: Lexicon, delta: StatisticsDelta, extendLexicon = true): PreparedMeetings {
  if (extendLexicon) for (const m of meetings) for (const item of m.items) for (const stem of itemStems(item)) lexicon.add(stem);
  const items: AgendaItem[] = meetings.flatMap((m) => m.items);
  const meetingOf = meetings.flatMap((m) => m.items.map(() => m.id));
  const rows = items.map((item) => analyseItem(item, lexicon));
  for (const r of rows) delta.add(r, 1);
  const passageItem: string[] = [];
  const passageN: number[] = [];
  const passageTerms: string[] = [];
  rows.forEach((r, k) =>
    r.passages.forEach((terms, n) => {
      passageItem.push(items[k]!.id);
      passageN.push(n);
      passageTerms.push(terms);
    }),
  );
  return {
    meetings: [
      meetings.map((m) => m.id),
      meetings.map((m) => m.committee),
      meetings.map((m) => m.meetingDate),
      meetings.map((m) => m.kind),
      meetings.map((m) => m.publisher ?? null),
      meetings.map((m) => m.items.length),
      meetings.map((m) => JSON.stringify(meetingShell(m))),
    ],
    items: [
      items.map((i) => i.id),
      meetingOf,
      items.map((i) => i.position),
      items.map((i) => i.number),
      items.map((i) => (i.caseNumber ? caseKey(i.caseNumber) : null)),
      items.map((i) => i.committee),
      items.map((i) => i.meetingDate),
      items.map((i) => JSON.stringify(storedItem(i))),
      rows.map((r) => packFields(r.fields)),
      rows.map((r) => r.stems.join(' ')),
      rows.map((r) => itemLengths(r).join(' ')),
      items.map((i) => itemPassages(i).map((p) => `${p.section}:${p.start}:${p.end}`).join(' ')),
      rows.map((r) => tsvectorText(r.fields.map((t, f) => [f, t] as const))),
      rows.map((r) => tsvectorText([...r.fields.map((t, f) => [f, t] as const), ...r.passages.map((t) => [4, t] as const)])),
    ],
    passages: [passageItem, passageN, passageTerms],
  };
}

/** Writes prepared meetings with their items and passages. */
export async function writeMeetings(tx: SqlClient, prepared: PreparedMeetings): Promise<void> {
  if (prepared.meetings[0]!.length === 0) return;
  await tx.query(
    `INSERT INTO search_meetings (id, committee, meeting_date, kind, publisher, item_count, meeting)
     SELECT * FROM unnest($1::text[], $2::text[], $3::date[], $4::text[], $5::text[], $6::int[], $7::jsonb[])`,
    prepared.meetings,
  );
  if (prepared.items[0]!.length === 0) return;
  await tx.query(
    `INSERT INTO search_items (id, meeting_id, position, number, case_key, committee, meeting_date, item, fields, stems, lengths, cuts, head, vector)
     SELECT id, meeting_id, position, number, case_key, committee, meeting_date, item::json, fields, stems, lengths, cuts, head::tsvector, vector::tsvector
     FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::date[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[])
       AS u (id, meeting_id, position, number, case_key, committee, meeting_date, item, fields, stems, lengths, cuts, head, vector)`,
    prepared.items,
  );
  if (prepared.passages[0]!.length > 0) {
    await tx.query('INSERT INTO search_passages (item_id, n, terms) SELECT * FROM unnest($1::text[], $2::int[], $3::text[])', prepared.passages);
  }
}

/** Analyses and inserts meetings with their items and passages (see `prepareMeetings`). */
export async function insertMeetings(tx: SqlClient, meetings: readonly Meeting[], lexicon: Lexicon, delta: StatisticsDelta): Promise<void> {
  await writeMeetings(tx, prepareMeetings(meetings, lexicon, delta));
}

/** Deletes meetings (their items and passages go with them) and takes their terms out of the statistics. */
export async function deleteMeetings(tx: SqlClient, meetingIds: readonly string[], delta: StatisticsDelta): Promise<void> {
  if (meetingIds.length === 0) return;
  const { rows } = await tx.query<{ fields: string; stems: string; passages: string[] | null }>(
    `SELECT i.fields, i.stems, (SELECT array_agg(p.terms ORDER BY p.n) FROM search_passages p WHERE p.item_id = i.id) AS passages
     FROM search_items i WHERE i.meeting_id = ANY($1::text[])`,
    [meetingIds],
  );
  for (const r of rows) delta.add({ fields: unpackFields(r.fields), passages: r.passages ?? [], stems: r.stems.split(' ').filter((s) => s !== '') }, -1);
  await tx.query('DELETE FROM search_meetings WHERE id = ANY($1::text[])', [meetingIds]);
}
