import { readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../state/state-file.js';

/**
 * The fetcher's bookkeeping, kept in `<dataDir>/fetch-state.json` and not in the corpus: per
 * address the validators of the copy we have (so an unchanged document is never downloaded
 * twice), its content hash, and how the last attempts went.
 */
export const FETCH_STATE_FILE = 'fetch-state.json';

const MaterialLinkSchema = z.object({
  url: z.string(),
  text: z.string(),
  kind: z.enum(['agenda', 'minutes']).optional(),
});

/** The copy of a document in the corpus. */
const StoredCopySchema = z.object({
  /** Relative to `CORPUS_DIR/fetched/`. */
  file: z.string(),
  type: z.enum(['pdf', 'html']),
  sha256: z.string(),
  size: z.number().int().nonnegative(),
  etag: z.string().optional(),
  lastModified: z.string().optional(),
  /** When this content was stored. */
  storedAt: z.string(),
});
export type StoredCopy = z.infer<typeof StoredCopySchema>;

const AttemptSchema = {
  /** When the address was last asked for. */
  checkedAt: z.string(),
  /** What the last attempt did. */
  lastStatus: z.enum(['new', 'updated', 'unchanged', 'failed']),
  /** Failed attempts in a row (passes, not retries within one). */
  failures: z.number().int().nonnegative(),
  /** The last failure's reason, as reported. */
  lastError: z.string().optional(),
};

const DocumentStateSchema = z.object({
  ...AttemptSchema,
  stored: StoredCopySchema.optional(),
  /** The listing page it was found on (absent for a document named in SOURCES itself). */
  materialUrl: z.string().optional(),
  /** The link text it was found under. */
  title: z.string().optional(),
  kind: z.enum(['agenda', 'minutes']).optional(),
});
export type DocumentState = z.infer<typeof DocumentStateSchema>;

const ListingStateSchema = z.object({
  ...AttemptSchema,
  etag: z.string().optional(),
  lastModified: z.string().optional(),
  /** What the page listed when last read, reused when it answers 304 Not Modified. */
  documents: z.array(MaterialLinkSchema),
  nextPages: z.array(z.string()),
});
export type ListingState = z.infer<typeof ListingStateSchema>;

const FetchStateSchema = z.object({
  version: z.literal(1),
  /** By document address. */
  documents: z.record(z.string(), DocumentStateSchema),
  /** By listing page address (every page of a paged listing). */
  listings: z.record(z.string(), ListingStateSchema),
});
export type FetchState = z.infer<typeof FetchStateSchema>;

export function emptyFetchState(): FetchState {
  return { version: 1, documents: {}, listings: {} };
}

export interface FetchStateRead {
  state: FetchState;
  /** Set when the file was unusable and moved aside; says where, for the report. */
  problem?: string;
}

/**
 * Reads the state. A missing file is a first run. A file that is not valid JSON or not in this
 * shape is moved aside to `fetch-state.json.bad` and reported; the pass then starts afresh, which
 * costs one download of each document (an identical one is still not rewritten in the corpus).
 */
export async function readFetchState(dataDir: string): Promise<FetchStateRead> {
  const file = path.join(dataDir, FETCH_STATE_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { state: emptyFetchState() };
    return { state: emptyFetchState(), problem: `${file} cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); starting without it` };
  }
  try {
    return { state: FetchStateSchema.parse(JSON.parse(text)) };
  } catch {
    const aside = `${file}.bad`;
    try {
      await rename(file, aside);
      return { state: emptyFetchState(), problem: `${file} was damaged and has been moved to ${aside}; starting afresh` };
    } catch (err) {
      return { state: emptyFetchState(), problem: `${file} is damaged and could not be moved aside (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); starting afresh` };
    }
  }
}

/** Writes the state atomically (temporary file, then rename). */
export async function writeFetchState(dataDir: string, state: FetchState): Promise<void> {
  await writeFileAtomic(path.join(dataDir, FETCH_STATE_FILE), `${JSON.stringify(state, null, 2)}\n`);
}
