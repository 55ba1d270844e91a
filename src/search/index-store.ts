import { readdir, readFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import type { FileHandle } from 'node:fs/promises';
import { CorpusFolderError } from '../errors.js';
import type { Logger } from '../log.js';
import { writeFileAtomic } from '../state/state-file.js';
import type { Meeting, Section, SkippedFile } from '../corpus/types.js';
import { sectionText } from '../corpus/sections.js';
import { corpusFingerprint, loadCorpus } from '../corpus/load-corpus.js';
import { SearchIndex, INDEX_FORMAT_VERSION } from './search-index.js';
import { packPassages, unpackPassages } from './passages.js';
import type { Postings } from './postings.js';

/**
 * The persisted index in `DATA_DIR`: rebuilt when the corpus folder changed (or the index format
 * did), otherwise loaded as it is, without parsing or analysing any text.
 *
 * Two files, so no single string or parse has to hold the whole corpus (V8 strings end near
 * 512 MiB, which a 100,000-item corpus passes):
 * - `index.json`: JSON lines: a header (fingerprint, format, sizes), then one line per meeting
 *   with its items' passages, then the term lists in chunks. The header is read first, so a
 *   stale index is detected without parsing the rest.
 * - `index.bin`: the postings as flat little-endian arrays, mapped straight into typed arrays,
 *   and each item's sections as UTF-8 JSON. They are nearly all of the text and only shown items
 *   need them, so a loaded item decodes them on first access (an own enumerable getter that
 *   replaces itself with the value), and its *Baggrund* and *Sagsfremstilling* are made from
 *   them: loading 100,000 items then parses ~80 MB of JSON instead of ~330 MB.
 */
export const INDEX_FILE = 'index.json';
export const POSTINGS_FILE = 'index.bin';

/** Terms per line of `index.json`, so no line gets large. */
const TERMS_PER_LINE = 20_000;

const ARRAYS = ['termStart', 'segField', 'segStart', 'segLength', 'docs', 'freqs', 'fieldLengths'] as const;
/** Byte offsets into `text` per item: item i's sections (JSON) are bytes [i] to [i+1]. */
type ArrayName = (typeof ARRAYS)[number] | 'textOffsets' | 'text';
const ARRAY_TYPES = {
  termStart: Uint32Array,
  segField: Uint8Array,
  segStart: Uint32Array,
  segLength: Uint32Array,
  docs: Uint32Array,
  freqs: Uint16Array,
  fieldLengths: Uint32Array,
  textOffsets: Uint32Array,
  text: Uint8Array,
} as const;

/** Bytes of item text gathered before each write while saving. */
const TEXT_CHUNK = 8 << 20;

/** Fields kept in `index.bin` (the sections) or derived from them on first access. */
const LAZY_FIELDS = ['sections', 'background', 'presentation'] as const;

/**
 * Gives every item its lazy `sections`, `background` and `presentation`: a getter decodes the
 * item's sections from the bytes (the two text fields are their background and presentation
 * parts) and turns the property into a plain value, so later reads cost nothing and the item
 * looks (to JSON.stringify, spread, Object.keys) like any other. One shared descriptor per field
 * keeps the cost per item to a property definition.
 */
function attachLazyText(items: Array<Record<string, unknown>>, bin: Buffer, base: number, offsets: Uint32Array): void {
  const position = new WeakMap<object, number>();
  const settle = (item: object, key: string, value: unknown) => Object.defineProperty(item, key, { value, writable: true, enumerable: true, configurable: true });
  const decode = (item: object): Section[] => {
    const i = position.get(item)!;
    const sections = JSON.parse(bin.toString('utf8', base + offsets[i]!, base + offsets[i + 1]!)) as Section[];
    settle(item, 'sections', sections);
    return sections;
  };
  for (const key of LAZY_FIELDS) {
    const descriptor: PropertyDescriptor = {
      configurable: true,
      enumerable: true,
      get(this: Record<string, unknown>) {
        const sections = key === 'sections' ? decode(this) : (this.sections as Section[]);
        const value = key === 'sections' ? sections : sectionText(sections, key);
        settle(this, key, value);
        return value;
      },
      set(this: object, value: unknown) {
        settle(this, key, value);
      },
    };
    items.forEach((item, i) => {
      if (key === 'sections') position.set(item, i);
      Object.defineProperty(item, key, descriptor);
    });
  }
}

interface IndexHeader {
  version: number;
  fingerprint: string;
  builtAt: string;
  skipped: SkippedFile[];
  /** Written into both files, so a crash between the two renames is noticed. */
  buildId: string;
  /** CRC-32 of all of `index.bin`, so a damaged postings file is rebuilt rather than searched. */
  binCrc32: number;
  meetings: number;
  termLines: number;
  termItemLines: number;
  documentCount: number;
  averageFieldLength: number[];
  /** Byte offset and element count of each array in `index.bin`. */
  arrays: Record<ArrayName, [number, number]>;
}

export interface IndexLoad {
  index: SearchIndex;
  skipped: SkippedFile[];
  rebuilt: boolean;
  /** Why the index was rebuilt: `missing`, `corpus changed`, `forced`, `format changed`, `damaged`. */
  reason?: IndexRebuildReason;
}

/** Lines of a buffer, decoded one at a time (a whole-file string could exceed V8's limit). */
function* lines(buf: Buffer): Generator<string> {
  let start = 0;
  while (start < buf.length) {
    let end = buf.indexOf(10, start);
    if (end < 0) end = buf.length;
    yield buf.toString('utf8', start, end);
    start = end + 1;
  }
}

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

export type IndexRebuildReason = 'missing' | 'corpus changed' | 'forced' | 'format changed' | 'damaged';
type Stale = { stale: IndexRebuildReason };

/**
 * Reads a saved index; `{ stale }` when it is missing, for another corpus or format, or damaged
 * (not JSON, cut short, the two files from different builds, a checksum that does not match).
 * Never throws: whatever is wrong with the files, the answer is to rebuild them.
 */
async function readIndex(dataDir: string, fingerprint: string): Promise<{ index: SearchIndex; skipped: SkippedFile[] } | Stale> {
  let text: Buffer;
  try {
    text = await readFile(path.join(dataDir, INDEX_FILE));
  } catch {
    return { stale: 'missing' };
  }
  try {
    const it = lines(text);
    const header = JSON.parse(it.next().value ?? '') as IndexHeader;
    if (typeof header !== 'object' || header === null) return { stale: 'damaged' };
    if (header.version !== INDEX_FORMAT_VERSION || typeof header.binCrc32 !== 'number') return { stale: 'format changed' };
    if (header.fingerprint !== fingerprint) return { stale: 'corpus changed' };
    const bin = await readFile(path.join(dataDir, POSTINGS_FILE));
    if (bin.toString('latin1', 0, 36) !== header.buildId || crc32(bin) !== header.binCrc32) return { stale: 'damaged' };
    // Typed arrays need aligned offsets; a pooled or sliced buffer is copied once.
    const bytes = bin.byteOffset % 8 === 0 ? bin : new Uint8Array(bin);
    const array = <K extends ArrayName>(name: K): InstanceType<(typeof ARRAY_TYPES)[K]> => {
      const [offset, length] = header.arrays[name];
      return new ARRAY_TYPES[name](bytes.buffer, bytes.byteOffset + offset, length) as InstanceType<(typeof ARRAY_TYPES)[K]>;
    };
    const meetings: Meeting[] = [];
    const packed: number[][] = [];
    for (let i = 0; i < header.meetings; i++) {
      const line = JSON.parse(it.next().value!) as { meeting: Meeting; passages: number[][] };
      meetings.push(line.meeting);
      for (const p of line.passages) packed.push(p);
    }
    const items = meetings.flatMap((m) => m.items);
    const textOffsets = array('textOffsets');
    if (textOffsets.length !== items.length + 1 || textOffsets[textOffsets.length - 1] !== header.arrays.text[1]) return { stale: 'damaged' };
    attachLazyText(items as unknown as Array<Record<string, unknown>>, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), header.arrays.text[0], textOffsets);
    const terms: string[] = [];
    for (let i = 0; i < header.termLines; i++) for (const t of JSON.parse(it.next().value!) as string[]) terms.push(t);
    const termItems = new Map<string, number>();
    for (let i = 0; i < header.termItemLines; i++) for (const [t, n] of JSON.parse(it.next().value!) as Array<[string, number]>) termItems.set(t, n);
    const postings: Postings = {
      terms,
      termStart: array('termStart'),
      segField: array('segField'),
      segStart: array('segStart'),
      segLength: array('segLength'),
      docs: array('docs'),
      freqs: array('freqs'),
      fieldLengths: array('fieldLengths'),
      averageFieldLength: header.averageFieldLength,
      documentCount: header.documentCount,
    };
    if (postings.termStart.length !== terms.length + 1) return { stale: 'damaged' };
    const passages = unpackPassages(packed);
    // Documents are numbered item, its passages, next item…: the counts must agree.
    if (passages.reduce((n, list) => n + 1 + list.length, 0) !== postings.documentCount) return { stale: 'damaged' };
    return { index: SearchIndex.restore(meetings, passages, termItems, postings), skipped: header.skipped };
  } catch {
    return { stale: 'damaged' };
  }
}

/**
 * Writes both files atomically (see `writeFileAtomic`), the postings first: an old header never
 * names a new build, so a crash between the two means a rebuild, never a mixed index.
 */
async function writeIndex(dataDir: string, index: SearchIndex, fingerprint: string, skipped: SkippedFile[]): Promise<void> {
  const buildId = randomUUID();
  const p = index.postings;
  const arrays = {} as Record<ArrayName, [number, number]>;
  let binCrc32 = 0;
  await writeFileAtomic(path.join(dataDir, POSTINGS_FILE), async (bin: FileHandle) => {
    const put = async (data: Uint8Array) => {
      binCrc32 = crc32(data, binCrc32);
      await bin.write(data);
    };
    let offset = 0;
    const write = async (data: Uint8Array) => {
      await put(data);
      offset += data.byteLength;
      const pad = (8 - (offset % 8)) % 8;
      if (pad > 0) {
        await put(new Uint8Array(pad));
        offset += pad;
      }
    };
    await write(Buffer.from(buildId, 'latin1'));
    for (const name of ARRAYS) {
      const a = p[name];
      arrays[name] = [offset, a.length];
      await write(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
    }
    // Item text in chunks: the whole of it would be a quarter of a gigabyte at 100,000 items.
    const items = index.items;
    const textOffsets = new Uint32Array(items.length + 1);
    const textStart = offset;
    let textBytes = 0;
    let chunk: Buffer[] = [];
    let chunkBytes = 0;
    for (let i = 0; i < items.length; i++) {
      textOffsets[i] = textBytes;
      const bytes = Buffer.from(JSON.stringify(items[i]!.sections), 'utf8');
      if (textBytes + bytes.length > 0xffffffff) throw new Error('item text passes 4 GiB; the index format cannot hold it');
      chunk.push(bytes);
      chunkBytes += bytes.length;
      textBytes += bytes.length;
      if (chunkBytes >= TEXT_CHUNK) {
        await put(Buffer.concat(chunk));
        chunk = [];
        chunkBytes = 0;
      }
    }
    textOffsets[items.length] = textBytes;
    if (chunk.length > 0) await put(Buffer.concat(chunk));
    arrays.text = [textStart, textBytes];
    offset = textStart + textBytes;
    const pad = (8 - (offset % 8)) % 8;
    if (pad > 0) await put(new Uint8Array(pad));
    offset += pad;
    arrays.textOffsets = [offset, textOffsets.length];
    await write(new Uint8Array(textOffsets.buffer, textOffsets.byteOffset, textOffsets.byteLength));
  });
  const packed = packPassages(index.passages);
  const termLines = chunks(p.terms, TERMS_PER_LINE);
  const termItemLines = chunks([...index.termItems], TERMS_PER_LINE);
  const header: IndexHeader = {
    version: INDEX_FORMAT_VERSION,
    fingerprint,
    builtAt: new Date().toISOString(),
    skipped,
    buildId,
    binCrc32,
    meetings: index.meetings.length,
    termLines: termLines.length,
    termItemLines: termItemLines.length,
    documentCount: p.documentCount,
    averageFieldLength: p.averageFieldLength,
    arrays,
  };
  await writeFileAtomic(path.join(dataDir, INDEX_FILE), async (json: FileHandle) => {
    await json.write(`${JSON.stringify(header)}\n`);
    let item = 0;
    for (const meeting of index.meetings) {
      const passages = packed.slice(item, item + meeting.items.length);
      item += meeting.items.length;
      // The sections are in index.bin; background and presentation are made from them.
      const stored = { ...meeting, items: meeting.items.map(({ background: _b, presentation: _p, sections: _s, ...rest }) => rest) };
      await json.write(`${JSON.stringify({ meeting: stored, passages })}\n`);
    }
    for (const line of termLines) await json.write(`${JSON.stringify(line)}\n`);
    for (const line of termItemLines) await json.write(`${JSON.stringify(line)}\n`);
  });
}

/**
 * Saves an index built elsewhere (benchmarks, tests) as the persisted index of `dataDir`, valid
 * while the corpus folder's fingerprint is `fingerprint` (see `corpusFingerprint`).
 */
export async function saveIndex(dataDir: string, index: SearchIndex, fingerprint: string, skipped: SkippedFile[] = []): Promise<void> {
  await writeIndex(dataDir, index, fingerprint, skipped);
}

export async function buildIndex(corpusDir: string): Promise<{ index: SearchIndex; skipped: SkippedFile[] }> {
  const { meetings, skipped } = await loadCorpus(corpusDir);
  return { index: SearchIndex.build(meetings), skipped };
}

/**
 * Checks that the corpus folder can be listed, so a wrong CORPUS_DIR stops start-up with one line
 * saying what to fix rather than a stack trace from deep inside the loader.
 * @throws CorpusFolderError
 */
export async function checkCorpusFolder(corpusDir: string): Promise<void> {
  try {
    await readdir(corpusDir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'there is no such folder' : code === 'ENOTDIR' ? 'it is a file, not a folder' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (error as Error).message;
    throw new CorpusFolderError(corpusDir, why, { cause: error });
  }
}

/** Rebuild reasons that mean the saved index was unusable rather than merely out of date. */
const WARN_REASONS: ReadonlySet<IndexRebuildReason> = new Set(['damaged', 'format changed']);

/**
 * Loads the persisted index when it matches the corpus, else builds and saves a new one. A
 * damaged or other-version index is rebuilt with a warning on `logger`, never an error.
 * @param force rebuild even when the persisted index is current.
 * @throws CorpusFolderError when the corpus folder cannot be read.
 */
export async function loadOrBuildIndex(corpusDir: string, dataDir: string, force = false, logger?: Logger): Promise<IndexLoad> {
  await checkCorpusFolder(corpusDir);
  const fingerprint = await corpusFingerprint(corpusDir);
  let reason: IndexRebuildReason = 'forced';
  if (!force) {
    const existing = await readIndex(dataDir, fingerprint);
    if (!('stale' in existing)) return { index: existing.index, skipped: existing.skipped, rebuilt: false };
    reason = existing.stale;
    if (WARN_REASONS.has(reason)) {
      logger?.warn({ dataDir, reason }, `the saved index in ${dataDir} is ${reason === 'damaged' ? 'damaged' : 'from another version of mødebot'}; rebuilding it from the corpus`);
    }
  }
  const { index, skipped } = await buildIndex(corpusDir);
  await writeIndex(dataDir, index, fingerprint, skipped);
  return { index, skipped, rebuilt: true, reason };
}
