import type { Migration } from '../migrate.js';
import { STATE_MIGRATION } from './0001-state.js';
import { SEARCH_MIGRATION } from './0002-search.js';
import { IMPORT_MIGRATION } from './0003-import.js';
import { SUGGEST_MIGRATION } from './0004-suggest.js';

/**
 * Every schema change, in order. A migration is never edited once released: a change to the
 * schema is a new entry with the next version.
 */
export const MIGRATIONS: readonly Migration[] = [STATE_MIGRATION, SEARCH_MIGRATION, IMPORT_MIGRATION, SUGGEST_MIGRATION];
