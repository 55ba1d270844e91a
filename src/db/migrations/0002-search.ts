import type { Migration } from '../migrate.js';

/**
 * Search in PostgreSQL (SEARCH_BACKEND=postgres). Corpus files → meetings → items → passages.
 *
 * - `search_documents`: one row per corpus file (and manifest) with its content hash, and the
 *   meeting it went into, so a sync re-reads only files whose hash changed.
 * - `search_meetings` / `search_items` / `search_passages`: the parsed corpus. An item keeps its
 *   parsed form as JSON (without `background` and `presentation`, which its sections hold: half the
 *   bytes every question reads) and, for ranking, the terms mødebot's own analyser made of its fields
 *   (`fields`: title, recommendation, case number and meta, a line each; `stems`: its plain word
 *   stems, for the term statistics; `lengths`: distinct terms per field and per passage, BM25's
 *   field lengths; `cuts`: where its passages are, as `section:start:end`) and of each passage (`terms`).
 * - `vector` (every field; weights A title, B recommendation and case number, C meta, D passages)
 *   finds candidates through a GIN index; `head` (the item's own fields only, small) ranks them
 *   cheaply where a question's terms are too common to rank every match.
 * - `search_terms` / `search_totals`: what BM25 needs about the whole corpus (per term: items
 *   holding it as a word, documents holding it per field; item and passage counts and summed
 *   field lengths), kept in the transactions that change the items.
 */
export const SEARCH_MIGRATION: Migration = {
  version: 2,
  name: 'search: documents, meetings, items, passages, term statistics',
  sql: `
CREATE TABLE search_documents (
  path text PRIMARY KEY,
  hash text NOT NULL,
  meeting_id text,
  skipped text,
  notices jsonb NOT NULL DEFAULT '[]',
  synced_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX search_documents_meeting ON search_documents (meeting_id);

CREATE TABLE search_meetings (
  id text PRIMARY KEY,
  committee text NOT NULL,
  meeting_date date NOT NULL,
  kind text NOT NULL,
  publisher text,
  item_count integer NOT NULL,
  meeting jsonb NOT NULL
);
CREATE INDEX search_meetings_date ON search_meetings (meeting_date, committee);

CREATE TABLE search_items (
  seq bigserial UNIQUE,
  id text PRIMARY KEY,
  meeting_id text NOT NULL REFERENCES search_meetings (id) ON DELETE CASCADE,
  position integer NOT NULL,
  number text NOT NULL,
  case_key text,
  committee text NOT NULL,
  meeting_date date NOT NULL,
  item json NOT NULL,
  fields text NOT NULL,
  stems text NOT NULL,
  lengths text NOT NULL,
  cuts text NOT NULL,
  head tsvector NOT NULL,
  vector tsvector NOT NULL
);
CREATE INDEX search_items_meeting ON search_items (meeting_id);
CREATE INDEX search_items_case ON search_items (case_key) WHERE case_key IS NOT NULL;
CREATE INDEX search_items_number ON search_items (number);
CREATE INDEX search_items_date ON search_items (meeting_date);
CREATE INDEX search_items_vector ON search_items USING gin (vector);
CREATE INDEX search_items_head ON search_items USING gin (head);

CREATE TABLE search_passages (
  item_id text NOT NULL REFERENCES search_items (id) ON DELETE CASCADE,
  n integer NOT NULL,
  terms text NOT NULL,
  PRIMARY KEY (item_id, n)
);

CREATE TABLE search_terms (
  term text PRIMARY KEY,
  items integer NOT NULL DEFAULT 0,
  title integer NOT NULL DEFAULT 0,
  recommendation integer NOT NULL DEFAULT 0,
  case_number integer NOT NULL DEFAULT 0,
  meta integer NOT NULL DEFAULT 0,
  text integer NOT NULL DEFAULT 0
);

CREATE TABLE search_totals (
  id integer PRIMARY KEY CHECK (id = 1),
  items bigint NOT NULL,
  passages bigint NOT NULL,
  lengths bigint[] NOT NULL
);
INSERT INTO search_totals VALUES (1, 0, 0, '{0,0,0,0,0}');
`,
};
