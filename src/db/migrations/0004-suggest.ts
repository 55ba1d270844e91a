import type { Migration } from '../migrate.js';

/**
 * Autocomplete over PostgreSQL without reading every item per keystroke.
 *
 * - `search_suggest_text(item)`: an item's title and case number, a line each (a typed text holds
 *   no line break, so it cannot match across them), folded as `foldDanish` folds lower-cased text,
 *   so the index and a query fold alike. Danish capitals are lowered by `translate` first:
 *   `lower()` leaves them as they are under the "C" locale. Built-in functions only, so the index
 *   can be computed under any search_path (ANALYZE and restores use their own).
 * - `search_items.suggest`: that text, stored (a generated column): checking a match reads this
 *   short text, not the item's whole JSON, which a common typed text would make thousands of reads.
 * - `search_items_suggest`: a trigram index (`pg_trgm`) over it, which
 *   answers `LIKE '%typed%'` from the index. `pg_trgm` ships with PostgreSQL and is a trusted
 *   extension (any database owner may create it); where it is missing or not allowed, the
 *   migration goes on without the index and autocomplete reads titles newest first instead.
 * - `search_items_recent`: items newest first (date, then order of writing), what autocomplete
 *   lists before anything is typed and where it looks first for a common typed text.
 */
export const SUGGEST_MIGRATION: Migration = {
  version: 4,
  name: 'autocomplete: folded titles and case numbers indexed by trigrams, items newest first',
  sql: `
CREATE FUNCTION search_suggest_text(item json) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT translate(replace(replace(replace(lower(translate(
    coalesce(item->>'title', '') || E'\\n' || coalesce(item->>'caseNumber', ''),
    'ÆØÅÉÈÊÄÁÖÓÜ', 'æøåéèêäáöóü')), 'æ', 'ae'), 'ø', 'oe'), 'å', 'aa'), 'éèêäáöóü', 'eeeaaoou')
$$;

ALTER TABLE search_items ADD COLUMN suggest text GENERATED ALWAYS AS (search_suggest_text(item)) STORED;

CREATE INDEX search_items_recent ON search_items (meeting_date, seq);
DROP INDEX search_items_date;

DO $migration$
DECLARE
  trgm text;
BEGIN
  SELECT n.nspname INTO trgm FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm';
  IF trgm IS NULL THEN
    BEGIN
      CREATE EXTENSION pg_trgm;
      SELECT n.nspname INTO trgm FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm';
    EXCEPTION WHEN OTHERS THEN
      RAISE NOTICE 'pg_trgm is not available (%): autocomplete reads titles newest first without an index', SQLERRM;
    END;
  END IF;
  IF trgm IS NOT NULL THEN
    -- The operator class by its schema: the extension may live outside this schema's search_path.
    EXECUTE format('CREATE INDEX search_items_suggest ON search_items USING gin (suggest %I.gin_trgm_ops)', trgm);
  END IF;
END
$migration$;
`,
};
