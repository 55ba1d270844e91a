import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ManifestSchema, type ManifestEntry } from './types.js';
import { ManifestError } from '../errors.js';

export const MANIFEST_FILE = 'manifest.json';

/**
 * Reads one `manifest.json` of the corpus (`manifest.json` at the top, or one in a subfolder such
 * as the fetcher's `fetched/manifest.json`): per-document metadata that overrides what the text
 * says. Each entry's `file` is relative to the manifest's own folder; the map is keyed by the
 * path relative to the corpus folder. A missing manifest is fine (everything is detected from the text).
 * @throws ManifestError naming the manifest and the field that is wrong.
 */
export async function readManifests(corpusDir: string, manifestPath: string = MANIFEST_FILE): Promise<Map<string, ManifestEntry>> {
  let raw: string;
  try {
    raw = await readFile(path.join(corpusDir, manifestPath), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw new ManifestError(`${manifestPath}: cannot be read (${(error as Error).message})`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new ManifestError(`${manifestPath}: is not valid JSON (${(error as Error).message})`, { cause: error });
  }
  const parsed = ManifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ManifestError(`${manifestPath}: ${issue.path.join('.') || 'top level'}: ${issue.message}`);
  }
  const folder = path.posix.dirname(manifestPath.split(path.sep).join('/'));
  return new Map(parsed.data.documents.map((d) => [folder === '.' ? d.file : path.posix.join(folder, d.file), d]));
}
