import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SkippedFile } from '../corpus/types.js';
import { corpusFingerprint, loadCorpus } from '../corpus/load-corpus.js';
import { SearchIndex, INDEX_FORMAT_VERSION, type PersistedIndex } from './search-index.js';

/**
 * The persisted index in `DATA_DIR/index.json`: rebuilt when the corpus folder changed (or the
 * index format did), otherwise loaded as it is, without parsing or analysing any text.
 */
export const INDEX_FILE = 'index.json';

interface IndexFile {
  fingerprint: string;
  builtAt: string;
  skipped: SkippedFile[];
  index: PersistedIndex;
}

export interface IndexLoad {
  index: SearchIndex;
  skipped: SkippedFile[];
  rebuilt: boolean;
  /** Why the index was rebuilt: `missing`, `corpus changed`, `forced`, `unreadable`. */
  reason?: string;
}

async function readIndexFile(file: string): Promise<IndexFile | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as IndexFile;
  } catch {
    return undefined;
  }
}

/** Writes the index next to its final name first, so a crash never leaves half a file. */
async function writeIndexFile(file: string, data: IndexFile): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(data));
  await rename(tmp, file);
}

/**
 * Saves an index built elsewhere (benchmarks, tests) as the persisted index of `dataDir`, valid
 * while the corpus folder's fingerprint is `fingerprint` (see `corpusFingerprint`).
 */
export async function saveIndex(dataDir: string, index: SearchIndex, fingerprint: string, skipped: SkippedFile[] = []): Promise<void> {
  await writeIndexFile(path.join(dataDir, INDEX_FILE), { fingerprint, builtAt: new Date().toISOString(), skipped, index: index.toJSON() });
}

export async function buildIndex(corpusDir: string): Promise<{ index: SearchIndex; skipped: SkippedFile[] }> {
  const { meetings, skipped } = await loadCorpus(corpusDir);
  return { index: SearchIndex.build(meetings), skipped };
}

/**
 * Loads the persisted index when it matches the corpus, else builds and saves a new one.
 * @param force rebuild even when the persisted index is current.
 */
export async function loadOrBuildIndex(corpusDir: string, dataDir: string, force = false): Promise<IndexLoad> {
  const file = path.join(dataDir, INDEX_FILE);
  const fingerprint = await corpusFingerprint(corpusDir);
  let reason = 'forced';
  if (!force) {
    const existing = await readIndexFile(file);
    if (existing && existing.fingerprint === fingerprint && existing.index?.version === INDEX_FORMAT_VERSION) {
      return { index: SearchIndex.fromJSON(existing.index), skipped: existing.skipped, rebuilt: false };
    }
    reason = existing === undefined ? 'missing' : 'corpus changed';
  }
  const { index, skipped } = await buildIndex(corpusDir);
  await writeIndexFile(file, { fingerprint, builtAt: new Date().toISOString(), skipped, index: index.toJSON() });
  return { index, skipped, rebuilt: true, reason };
}
