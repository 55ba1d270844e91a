import type { Migration } from '../migrate.js';

/**
 * The record that the state files of a DATA_DIR were imported (see `src/state/import-files.ts`):
 * one row, written in the import's own transaction, so the import happens once per database even
 * when the imported state is later removed again (a watch ended, a context expired).
 * Version 2 is the search tables'.
 */
export const IMPORT_MIGRATION: Migration = {
  version: 3,
  name: 'record of the state files imported from DATA_DIR',
  sql: `
CREATE TABLE moedebot_file_import (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  imported_at timestamptz NOT NULL DEFAULT now(),
  data_dir text NOT NULL,
  counts jsonb NOT NULL
);
`,
};
