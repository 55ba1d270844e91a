import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../state/state-file.js';
import type { DocumentKind } from './content-check.js';

/** Longest file path (relative to `fetched/`) made from an address before it is shortened. */
const MAX_PATH = 180;
const MAX_SEGMENT = 80;

export function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 8);
}

/** ASCII, lower case, `-` for anything else; æ/ø/å spelt ae/oe/aa as in the rest of the project. */
function safeSegment(segment: string): string {
  let text = segment;
  try {
    text = decodeURIComponent(segment);
  } catch {
    // Keep the raw segment; the replacement below makes it safe.
  }
  return text
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[.-]+|[.-]+$/g, '')
    .slice(0, MAX_SEGMENT);
}

/**
 * Where a document from `address` is stored, relative to `CORPUS_DIR/fetched/`: its host, then
 * its path made safe, with the ending its type needs. A query (`?id=123`) adds a short hash so
 * two documents of one script do not share a name. Folders never start with a dot (the loader
 * skips those) and never end in `.pdf` (a document of that name could not be stored next to them).
 *
 * @example storedFileName('https://www.kl.dk/media/abc/Dagsorden KKR.pdf', 'pdf') // 'www.kl.dk/media/abc/dagsorden-kkr.pdf'
 */
export function storedFileName(address: string, type: DocumentKind): string {
  const url = new URL(address);
  const host = url.host.toLowerCase().replace(/:/g, '_');
  const segments = url.pathname.split('/').map(safeSegment).filter((s) => s !== '');
  let name = segments.pop() ?? 'index';
  name = name.replace(/\.(pdf|html?|xhtml|aspx?|php|jsp|cfm)$/i, '') || 'index';
  if (url.search !== '') name = `${name}-${shortHash(url.search)}`;
  const folders = segments.map((s) => s.replace(/\./g, '-'));
  const file = [host, ...folders, `${name}.${type}`].join('/');
  if (file.length <= MAX_PATH) return file;
  return `${host}/${shortHash(address)}-${name.slice(0, 60)}.${type}`;
}

/**
 * A name for `address` that no other address uses: `wanted`, or `wanted` with a hash of the
 * address before its ending when another document already has it.
 */
export function uniqueFileName(wanted: string, address: string, takenBy: ReadonlyMap<string, string>): string {
  const owner = takenBy.get(wanted);
  if (owner === undefined || owner === address) return wanted;
  const dot = wanted.lastIndexOf('.');
  return `${wanted.slice(0, dot)}-${shortHash(address)}${wanted.slice(dot)}`;
}

/** Stores a document under `fetchedDir`, atomically: readers see the old copy or the new one, whole. */
export async function storeDocument(fetchedDir: string, file: string, body: Uint8Array): Promise<void> {
  await writeFileAtomic(path.join(fetchedDir, file), body);
}

/** The SHA-256 of a stored document, or undefined when it is not there. */
export async function storedHash(fetchedDir: string, file: string): Promise<string | undefined> {
  try {
    return sha256(await readFile(path.join(fetchedDir, file)));
  } catch {
    return undefined;
  }
}
