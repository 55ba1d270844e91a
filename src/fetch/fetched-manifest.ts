import { readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../state/state-file.js';

/**
 * `CORPUS_DIR/fetched/manifest.json`: the corpus manifest of fetched documents, same schema as the
 * hand-edited `corpus/manifest.json` (with `file` relative to `fetched/`), written only by the
 * fetcher. It gives each document its published address (`sourceUrl`), so answers link to the
 * document and page, and the listing it was found on (`materialUrl`).
 */
export const FETCHED_DIR = 'fetched';
export const FETCHED_MANIFEST_FILE = 'manifest.json';

const FetchedEntrySchema = z.object({
  file: z.string(),
  sourceUrl: z.url(),
  materialUrl: z.url().optional(),
  kind: z.enum(['agenda', 'minutes']).optional(),
  title: z.string().optional(),
});
export type FetchedEntry = z.infer<typeof FetchedEntrySchema>;

const FetchedManifestSchema = z.object({ documents: z.array(FetchedEntrySchema) });

const COMMENT = 'Written by `npm run fetch` and the running bot (SOURCES); do not edit, changes are overwritten. Per fetched document: its file (relative to this folder), its published address and the listing page it was found on.';

export interface FetchedManifestRead {
  entries: FetchedEntry[];
  problem?: string;
}

/** Reads the manifest; an unusable one is moved aside (`manifest.json.bad`) and reported. */
export async function readFetchedManifest(fetchedDir: string): Promise<FetchedManifestRead> {
  const file = path.join(fetchedDir, FETCHED_MANIFEST_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [] };
    return { entries: [], problem: `${file} cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})` };
  }
  try {
    return { entries: FetchedManifestSchema.parse(JSON.parse(text)).documents };
  } catch {
    await rename(file, `${file}.bad`).catch(() => undefined);
    return { entries: [], problem: `${file} was damaged and has been moved to ${file}.bad; it is rebuilt from the fetch state` };
  }
}

/** Writes the manifest atomically, entries sorted by file so its diffs stay readable. */
export async function writeFetchedManifest(fetchedDir: string, entries: readonly FetchedEntry[]): Promise<void> {
  const documents = [...entries].sort((a, b) => a.file.localeCompare(b.file));
  await writeFileAtomic(path.join(fetchedDir, FETCHED_MANIFEST_FILE), `${JSON.stringify({ $comment: COMMENT, documents }, null, 2)}\n`);
}
