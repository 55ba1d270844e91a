import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ManifestSchema, type ManifestEntry } from './types.js';
import { ManifestError } from '../errors.js';

export const MANIFEST_FILE = 'manifest.json';

/**
 * Reads `corpus/manifest.json`: per-document metadata that overrides what the text says.
 * A missing manifest is fine (everything is detected from the text).
 * @throws ManifestError naming the field that is wrong.
 */
export async function readManifest(corpusDir: string): Promise<Map<string, ManifestEntry>> {
  let raw: string;
  try {
    raw = await readFile(path.join(corpusDir, MANIFEST_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw new ManifestError(`${MANIFEST_FILE}: cannot be read (${(error as Error).message})`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new ManifestError(`${MANIFEST_FILE}: is not valid JSON (${(error as Error).message})`, { cause: error });
  }
  const parsed = ManifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ManifestError(`${MANIFEST_FILE}: ${issue.path.join('.') || 'top level'}: ${issue.message}`);
  }
  return new Map(parsed.data.documents.map((d) => [d.file, d]));
}
