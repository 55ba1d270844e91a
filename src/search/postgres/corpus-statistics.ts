import type { Meeting } from '../../corpus/types.js';
import type { SqlClient } from '../../db/sql-client.js';
import { Lexicon } from '../analyzer.js';
import { FIELDS } from '../index-fields.js';
import type { Postings } from '../postings.js';
import { SearchIndex, type CorpusView } from '../search-index.js';
import { buildTermTree, type TermTree } from '../term-tree.js';

/**
 * What the PostgreSQL engine keeps in memory about the corpus: its vocabulary with each term's
 * counts (items, documents per field), the totals BM25 reads, and every meeting without its
 * items. Tens of thousands of terms and meetings at a million items, not the items themselves;
 * re-read on reload.
 */
export class CorpusStatistics {
  /** Term → its row in `counts`. */
  private readonly termRow = new Map<string, number>();
  /** Per term, `FIELDS.length` document counts. */
  private readonly counts: Int32Array;
  /** Every term of the corpus in a radix tree: prefix and typo expansions of a question's terms. */
  readonly termTree: TermTree;
  readonly view: CorpusView;
  readonly documentCount: number;
  readonly averageFieldLength: number[];
  /** An index with no items over these statistics: questions are analysed against it. */
  readonly emptyIndex: SearchIndex;

  private constructor(
    rows: ReadonlyArray<{ term: string; items: number; fields: readonly number[] }>,
    totals: { items: number; passages: number; lengths: readonly number[] },
    meetings: Meeting[],
    /** Items per meeting id, read with the meetings (their `items` here are empty). */
    readonly itemCounts: ReadonlyMap<string, number>,
    /** The version of the totals row they were read at: every write to the search tables gives it another. */
    readonly version: string,
  ) {
    const termItems = new Map<string, number>();
    this.counts = new Int32Array(rows.length * FIELDS.length);
    rows.forEach((r, k) => {
      this.termRow.set(r.term, k);
      if (r.items > 0) termItems.set(r.term, r.items);
      r.fields.forEach((c, f) => (this.counts[k * FIELDS.length + f] = c));
    });
    this.termTree = buildTermTree(rows.map((r) => r.term));
    this.documentCount = totals.items + totals.passages;
    // Item documents hold the first four fields (empty ones count, as in MiniSearch), passages the fifth.
    this.averageFieldLength = FIELDS.map((_, f) => {
      const documents = f < 4 ? totals.items : totals.passages;
      return documents > 0 ? totals.lengths[f]! / documents : 0;
    });
    const newest = meetings.reduce((d, m) => (m.meetingDate > d ? m.meetingDate : d), '');
    this.view = { itemCount: totals.items, termItems, lexicon: new Lexicon(termItems.keys()), meetings, newestMeetingDate: newest };
    this.emptyIndex = SearchIndex.part([], [], this.partPostings(emptyPostings()), this.view);
  }

  /** Whether the search tables are still as these statistics were read (another process may have synced since). */
  async current(db: SqlClient): Promise<boolean> {
    const { rows } = await db.query<{ version: string }>('SELECT xmin::text AS version FROM search_totals WHERE id = 1');
    return rows[0]?.version === this.version;
  }

  /** Documents of the corpus holding `term` in field `f` (0 when none). */
  documents(term: string, f: number): number {
    const k = this.termRow.get(term);
    return k === undefined ? 0 : this.counts[k * FIELDS.length + f]!;
  }

  /** Documents of the corpus holding `term` in any field (counted once per field). */
  anyDocuments(term: string): number {
    const k = this.termRow.get(term);
    if (k === undefined) return 0;
    let sum = 0;
    for (let f = 0; f < FIELDS.length; f++) sum += this.counts[k * FIELDS.length + f]!;
    return sum;
  }

  /** Postings of a part of the corpus, given the whole corpus's document counts and field lengths. */
  partPostings(postings: Postings): Postings {
    const segCorpusLength = new Uint32Array(postings.segLength.length);
    for (let t = 0; t < postings.terms.length; t++) {
      for (let s = postings.termStart[t]!; s < postings.termStart[t + 1]!; s++) {
        // A term the statistics lack (written after they were read) counts as the part has it.
        segCorpusLength[s] = Math.max(postings.segLength[s]!, this.documents(postings.terms[t]!, postings.segField[s]!));
      }
    }
    return { ...postings, averageFieldLength: this.averageFieldLength, corpusDocumentCount: Math.max(this.documentCount, postings.documentCount), segCorpusLength };
  }

  /**
   * Reads the statistics and the meetings (oldest first, as `loadCorpus` orders them), each
   * meeting as a shell of what answering reads of it: no items, links or announced items (a
   * digest reads those from the database), only the date of an announced next meeting, and the
   * strings every meeting of a committee repeats held once. A third of the memory per meeting.
   */
  static async load(db: SqlClient): Promise<CorpusStatistics> {
    const [terms, totals, meetings] = await Promise.all([
      db.query<{ term: string; items: number; title: number; recommendation: number; case_number: number; meta: number; text: number }>('SELECT term, items, title, recommendation, case_number, meta, text FROM search_terms'),
      db.query<{ items: string; passages: string; lengths: Array<string | number>; version: string }>('SELECT items, passages, lengths, xmin::text AS version FROM search_totals WHERE id = 1'),
      db.query<ShellRow>(
        `SELECT id, committee, to_char(meeting_date, 'YYYY-MM-DD') AS meeting_date, kind, publisher, item_count, meeting->>'source' AS source,
           CASE WHEN jsonb_array_length(meeting->'sources') <> 1 OR meeting->'sources'->>0 <> meeting->>'source' THEN (meeting->'sources')::text END AS sources,
           meeting->'nextMeeting'->>'date' AS next_date, (meeting->>'unstructured')::boolean AS unstructured
         FROM search_meetings`,
      ),
    ]);
    const t = totals.rows[0];
    const shared = new Map<string, string>();
    const once = (text: string) => {
      const known = shared.get(text);
      if (known !== undefined) return known;
      shared.set(text, text);
      return text;
    };
    const shells = meetings.rows.map((r): Meeting => ({
      id: r.id,
      committee: once(r.committee),
      ...(r.publisher ? { publisher: once(r.publisher) } : {}),
      meetingDate: r.meeting_date,
      kind: r.kind,
      source: r.source,
      sources: r.sources === null ? [r.source] : (JSON.parse(r.sources) as string[]),
      items: [],
      ...(r.next_date ? { nextMeeting: { date: r.next_date, expectedItems: [] } } : {}),
      ...(r.unstructured ? { unstructured: true } : {}),
    }));
    return new CorpusStatistics(
      terms.rows.map((r) => ({ term: r.term, items: Number(r.items), fields: [r.title, r.recommendation, r.case_number, r.meta, r.text].map(Number) })),
      { items: Number(t?.items ?? 0), passages: Number(t?.passages ?? 0), lengths: (t?.lengths ?? [0, 0, 0, 0, 0]).map(Number) },
      shells.sort(compareMeetings),
      new Map(meetings.rows.map((r) => [r.id, Number(r.item_count)])),
      t?.version ?? '',
    );
  }
}

interface ShellRow {
  id: string;
  committee: string;
  meeting_date: string;
  kind: Meeting['kind'];
  publisher: string | null;
  item_count: number | string;
  source: string;
  /** JSON, when the meeting has other files than its source. */
  sources: string | null;
  next_date: string | null;
  unstructured: boolean | null;
}

/** `loadCorpus`'s order of meetings (in JavaScript: the database's collation may order names otherwise). */
export function compareMeetings(a: Pick<Meeting, 'meetingDate' | 'committee' | 'id'>, b: Pick<Meeting, 'meetingDate' | 'committee' | 'id'>): number {
  return a.meetingDate.localeCompare(b.meetingDate) || a.committee.localeCompare(b.committee) || a.id.localeCompare(b.id);
}

function emptyPostings(): Postings {
  return {
    terms: [],
    termStart: new Uint32Array(1),
    segField: new Uint8Array(0),
    segStart: new Uint32Array(0),
    segLength: new Uint32Array(0),
    docs: new Uint32Array(0),
    freqs: new Uint16Array(0),
    fieldLengths: new Uint32Array(0),
    averageFieldLength: [],
    documentCount: 0,
  };
}
