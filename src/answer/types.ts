import type { AgendaItem, Meeting, SkippedFile } from '../corpus/types.js';

/**
 * A piece of snippet text; `match` marks words that matched the question, so each platform can
 * emphasise them its own way (Slack `*x*`, Discord/Teams `**x**`, terminal bold).
 */
export interface SnippetPart {
  text: string;
  match: boolean;
}

/** An earlier meeting where the same topic (a near-duplicate item) was on the agenda. */
export interface EarlierMention {
  id: string;
  committee: string;
  meetingDate: string;
  number: string;
  title: string;
  link?: string;
}

/** One item in an answer. */
export interface Hit {
  item: AgendaItem;
  /** The one or two sentences of the item that best answer the question, as plain text. */
  snippet: string;
  /** The same snippet split into marked and unmarked parts. */
  snippetParts: SnippetPart[];
  /** The item's page in the source PDF where known, else the meeting-material page. */
  link?: string;
  /** Relevance; higher is better. Only comparable within one answer. */
  score: number;
  /** Near-duplicate items from other meetings, grouped under this one (newest first). */
  earlier: EarlierMention[];
}

/** How the question was understood. */
export type AnswerMode =
  /** Free-text search. */
  | 'search'
  /** A case number: every item filed under it, in agenda order. */
  | 'case'
  /** An item number, with or without a meeting hint. */
  | 'item';

/** Filters taken from the question or given by the caller. */
export interface AnswerFilters {
  committee?: string;
  /** Inclusive range of meeting dates, YYYY-MM-DD. */
  dateFrom?: string;
  dateTo?: string;
  /** How the filter reads to a user, e.g. `juni 2024` or `KKR Hovedstaden`. */
  label?: string;
  /** Only these items (by id): set by `AnswerEngine.askWithin` for topic watches, never shown. */
  itemIds?: ReadonlySet<string>;
}

/**
 * The platform-neutral answer to one question. Adapters render it; they never search.
 *
 * - `found`: `results[0]` is the answer, the rest are "also relevant".
 * - `not-found`: nothing matched well enough; `message` says so and `suggestions` say what to try.
 * - `invalid`: the question could not be used (empty, too long); `message` says why.
 */
export interface Answer {
  query: string;
  status: 'found' | 'not-found' | 'invalid';
  mode: AnswerMode;
  results: Hit[];
  /** Results beyond these exist; ask again with `offset = offset + results.length`. */
  hasMore: boolean;
  offset: number;
  filters: AnswerFilters;
  /** Danish text for the user when the status is not `found`, or a note (e.g. a filter was relaxed). */
  message?: string;
  suggestions: string[];
}

/** Options of one question. */
export interface AskOptions {
  /** How many results at most (default 4: the answer and three "also relevant"). */
  limit?: number;
  /** Skip this many results, for "more results" (default 0). */
  offset?: number;
  /** Filters on top of those found in the question. */
  filters?: AnswerFilters;
  /** "Today", for `næste møde` / `sidste møde` (default: now). */
  now?: Date;
}

/** A suggestion for autocomplete: what the user sees and what is put in the question. */
export interface Suggestion {
  label: string;
  value: string;
}

/** A meeting without its items: what lists of meetings and committees need. */
export interface MeetingSummary {
  id: string;
  committee: string;
  /** YYYY-MM-DD. */
  meetingDate: string;
  kind: Meeting['kind'];
  publisher?: string;
  itemCount: number;
}

/** Which meetings to read whole; every field narrows, none given means all. */
export interface MeetingFilter {
  /** Inclusive, YYYY-MM-DD. */
  from?: string;
  to?: string;
  ids?: readonly string[];
  /**
   * `false`: the meetings without their items (`items: []`), what a digest reads of the past year
   * (a meeting's announcement of the next one is the meeting's own). Default true.
   */
  items?: boolean;
}

/**
 * The core as adapters see it: questions in, platform-neutral answers out. Every method is
 * asynchronous, since the index may be in another process (PostgreSQL) rather than in memory.
 * Created by `openEngine()` in `./engine.ts`; adapters never touch the index directly.
 */
export interface AnswerEngine {
  /** Answers one question. Never rejects for bad questions: they get `status: 'invalid'`. */
  ask(question: string, options?: AskOptions): Promise<Answer>;
  /**
   * Answers `question` from the items in `itemIds` only, with the same ranking and threshold as
   * `ask` (up to 50 results unless `options.limit` says otherwise). A topic watch checks newly
   * indexed items this way.
   */
  askWithin(question: string, itemIds: ReadonlySet<string>, options?: AskOptions): Promise<Answer>;
  /** One item by its id (for "show the whole item"). */
  item(id: string): Promise<AgendaItem | undefined>;
  /** Every meeting without its items, oldest first. */
  catalog(): Promise<readonly MeetingSummary[]>;
  /** Meetings with their items, oldest first; without a filter, all of them. */
  meetings(filter?: MeetingFilter): Promise<Meeting[]>;
  /** Item titles and case numbers that start with or contain what the user has typed so far. */
  suggest(partial: string, limit?: number): Promise<Suggestion[]>;
  /** Re-reads the corpus folder; returns what was added and skipped. The engine answers from the new index afterwards. */
  reload(): Promise<ReloadReport>;
}

export interface ReloadReport {
  meetings: number;
  items: number;
  skipped: SkippedFile[];
  /** Whether the index was rebuilt (false: loaded from disk as the corpus was unchanged). */
  rebuilt: boolean;
}
