import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { ManifestEntry, Meeting, MeetingKind, SkippedFile } from './types.js';
import { parseMeeting, type DocumentSource, type ParsedDocument } from './parse-meeting.js';
import { readPdfPages } from './pdf-text.js';
import { htmlToText, looksLikeHtml } from './html-text.js';
import { readManifests, MANIFEST_FILE } from './manifest.js';
import { committeeSlug } from './committees.js';
import { mergeMeetingDocuments, type MeetingDocument } from './merge-meeting.js';
import { CorpusFileError, ErrorCode, ManifestError } from '../errors.js';

/** File endings the corpus reads; everything else in the folder is left alone. */
export const AGENDA_EXTENSIONS = ['.txt', '.pdf', '.html', '.htm'] as const;

/** Bump when parsing changes, so persisted indexes built by older code are rebuilt. */
export const PARSER_VERSION = 6;

/** Stands for a committee the material does not name (and the manifest does not either). */
export const UNKNOWN_COMMITTEE = 'Ukendt udvalg';

export interface CorpusLoad {
  meetings: Meeting[];
  /** Files not served (empty, binary, unreadable, a duplicate) and files served with a caveat (`severity: 'notice'`). */
  skipped: SkippedFile[];
}

function isDocument(name: string): boolean {
  const lower = name.toLowerCase();
  return AGENDA_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

/** Files below the corpus folder that `keep` accepts, as paths relative to it with `/` separators; hidden files and folders are left alone. */
async function walkCorpus(corpusDir: string, keep: (name: string) => boolean): Promise<string[]> {
  const out: string[] = [];
  const visit = async (relative: string) => {
    const entries = await readdir(path.join(corpusDir, relative), { withFileTypes: true });
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const rel = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) await visit(rel);
      else if (entry.isFile() && keep(entry.name)) out.push(rel);
    }
  };
  await visit('');
  return out;
}

/** The meeting documents of a corpus folder and its subfolders (`fetched/www.kl.dk/…`), sorted. */
export async function listAgendaFiles(corpusDir: string): Promise<string[]> {
  return (await walkCorpus(corpusDir, isDocument)).sort();
}

/** Every `manifest.json` of the corpus, the top folder's first. */
async function listManifests(corpusDir: string): Promise<string[]> {
  const found = await walkCorpus(corpusDir, (name) => name === MANIFEST_FILE);
  return found.sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b));
}

/**
 * A cheap fingerprint of the corpus folder (names, sizes, modification times of the documents
 * and manifests): when it is unchanged, the persisted index is still valid.
 */
export async function corpusFingerprint(corpusDir: string, extraFiles: readonly string[] = []): Promise<string> {
  const hash = createHash('sha256').update(`parser:${PARSER_VERSION}\n`);
  const files = [...(await listAgendaFiles(corpusDir)), ...(await listManifests(corpusDir)), MANIFEST_FILE, ...extraFiles];
  for (const name of [...new Set(files)]) {
    try {
      const s = await stat(path.join(corpusDir, name));
      hash.update(`${name}\t${s.size}\t${Math.trunc(s.mtimeMs)}\n`);
    } catch {
      hash.update(`${name}\tmissing\n`);
    }
  }
  return hash.digest('hex').slice(0, 32);
}

/** Text files must be UTF-8 text: a NUL byte or many replacement characters mean binary. */
function decodeText(data: Buffer, file: string): string {
  if (data.includes(0)) {
    throw new CorpusFileError(ErrorCode.CorpusFileUnreadable, file, 'is binary, not text (save the agenda as PDF or as UTF-8 text)');
  }
  const text = data.toString('utf8');
  const replacements = text.split('\uFFFD').length - 1;
  if (replacements > 0 && replacements / Math.max(1, text.length) > 0.01) {
    throw new CorpusFileError(ErrorCode.CorpusFileUnreadable, file, 'is not UTF-8 text (convert it to UTF-8)');
  }
  return text;
}

/**
 * `# source: https://…` (and `# retrieval: …`) lines at the top of a text file say where its text
 * was published, as saved excerpts carry them; the address is the document's link.
 */
function splitProvenance(text: string): { text: string; url?: string } {
  let url: string | undefined;
  let rest = text;
  for (;;) {
    const m = /^#\s*(source|retrieval|kilde)\s*:\s*([^\n]*)\n?/i.exec(rest);
    if (!m) break;
    if (m[1]!.toLowerCase() !== 'retrieval' && /^https?:\/\/\S+$/.test(m[2]!.trim())) url ??= m[2]!.trim();
    rest = rest.slice(m[0].length);
  }
  return { text: rest, ...(url ? { url } : {}) };
}

async function readSource(corpusDir: string, file: string, url?: string): Promise<DocumentSource & { url?: string }> {
  let data: Buffer;
  try {
    data = await readFile(path.join(corpusDir, file));
  } catch (error) {
    throw new CorpusFileError(ErrorCode.CorpusFileUnreadable, file, `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, { cause: error });
  }
  if (data.length === 0) throw new CorpusFileError(ErrorCode.CorpusFileUnreadable, file, 'is empty');
  const lower = file.toLowerCase();
  if (lower.endsWith('.pdf')) {
    return { file, pages: await readPdfPages(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), file), paged: true };
  }
  const decoded = splitProvenance(decodeText(data, file));
  const address = url ?? decoded.url;
  const pages = lower.endsWith('.html') || lower.endsWith('.htm') || looksLikeHtml(decoded.text) ? [htmlToText(decoded.text, address)] : [decoded.text];
  return { file, pages, paged: false, ...(decoded.url ? { url: decoded.url } : {}) };
}

/** `2025-04-11` of a file's modification time: the date of last resort for undated material. */
async function fileDate(corpusDir: string, file: string): Promise<string> {
  const s = await stat(path.join(corpusDir, file));
  return new Date(s.mtimeMs).toISOString().slice(0, 10);
}

/** One document read and described, before documents of the same meeting are joined. */
export interface LoadedDocument extends MeetingDocument {
  /** Named in a manifest: the user's word for which file is the meeting's. */
  inManifest: boolean;
}

/**
 * Parses one document. The manifest entry, when there is one, overrides committee, date and kind.
 * A document without committee or date is still served, under `Ukendt udvalg` or its file's date,
 * with a notice saying what to add to the manifest.
 * @throws CorpusFileError naming the file and saying what is wrong with it.
 */
async function loadDocument(corpusDir: string, file: string, meta: ManifestEntry | undefined, notices: SkippedFile[]): Promise<LoadedDocument> {
  const source = await readSource(corpusDir, file, meta?.sourceUrl);
  const sourceUrl = meta?.sourceUrl ?? source.url;
  const parsed: ParsedDocument = parseMeeting(source, sourceUrl ? { url: sourceUrl } : {});
  if (parsed.items.length === 0) throw new CorpusFileError(ErrorCode.CorpusFileUnparseable, file, 'has no text');
  const notice = (reason: string) => notices.push({ file, reason, severity: 'notice' });
  for (const n of parsed.notices) notice(n);
  if (!parsed.structured) {
    notice('indexed as plain text: no items were recognised (no numbered headings, case lines or section headings such as "Indstilling"); answers from it link to the whole document');
    if (meta?.title) parsed.items[0]!.title = meta.title;
  }
  let committee = meta?.committee ?? parsed.committee;
  if (!committee) {
    committee = UNKNOWN_COMMITTEE;
    notice(`does not say which committee met; served as "${UNKNOWN_COMMITTEE}" (add "committee" for it in ${MANIFEST_FILE})`);
  }
  let meetingDate = meta?.meetingDate ?? parsed.meetingDate;
  if (!meetingDate) {
    meetingDate = await fileDate(corpusDir, file);
    notice(`does not say when the meeting was; served with the file's date ${meetingDate} (add "meetingDate" for it in ${MANIFEST_FILE})`);
  }
  const kind: MeetingKind = meta?.kind ?? parsed.kind;
  const publisher = meta?.publisher ?? parsed.publisher;
  return {
    file,
    parsed,
    committee,
    meetingDate,
    kind,
    ...(publisher ? { publisher } : {}),
    ...(sourceUrl ? { sourceUrl } : {}),
    ...(meta?.materialUrl ? { materialUrl: meta.materialUrl } : {}),
    inManifest: meta !== undefined,
  };
}

/** `odense-kommune-oekonomiudvalget-2012-09-05`, `kkr-hovedstaden-2025-04-11`. */
export function meetingId(committee: string, meetingDate: string, publisher?: string): string {
  return `${publisher ? `${committeeSlug(publisher)}-` : ''}${committeeSlug(committee)}-${meetingDate}`;
}

/** Why the first of two copies of one meeting is served rather than the second. */
function preference(a: LoadedDocument, b: LoadedDocument): { order: number; why: string } {
  if (a.inManifest !== b.inManifest) return { order: a.inManifest ? -1 : 1, why: `it is named in ${MANIFEST_FILE}` };
  if (a.parsed.structured !== b.parsed.structured) return { order: a.parsed.structured ? -1 : 1, why: 'its items could be read' };
  const distinct = (d: LoadedDocument) => d.parsed.items.length - (d.parsed.notices.length > 0 ? d.parsed.items.length / 2 : 0);
  if (distinct(a) !== distinct(b)) return { order: distinct(b) - distinct(a), why: 'it has more items and no repeated ones' };
  return { order: a.file.localeCompare(b.file), why: 'it comes first by name' };
}

/**
 * Loads every document in the folder. Agenda and minutes of one meeting become one meeting (the
 * minutes' decisions join the agenda's items); two copies of the same meeting's agenda (or
 * minutes) serve one, the one named in the manifest first, and the other is reported with both
 * names and why. A file that cannot be used is reported in `skipped` with the reason and the rest
 * is still loaded; only an unreadable folder throws.
 */
export async function loadCorpus(corpusDir: string): Promise<CorpusLoad> {
  const skipped: SkippedFile[] = [];
  const manifest = await readCorpusManifests(corpusDir, skipped);
  const files = await listAgendaFiles(corpusDir);
  const documents = await loadCorpusDocuments(corpusDir, files, manifest, skipped);
  for (const name of manifest.keys()) {
    if (!files.includes(name)) skipped.push({ file: name, reason: `is listed in ${MANIFEST_FILE} but is not in the folder` });
  }
  return { meetings: assembleMeetings(documents, skipped), skipped };
}

/** Every manifest entry of the corpus by file name; a manifest that cannot be read is reported in `skipped`. */
export async function readCorpusManifests(corpusDir: string, skipped: SkippedFile[]): Promise<Map<string, ManifestEntry>> {
  const manifest = new Map<string, ManifestEntry>();
  for (const file of await listManifests(corpusDir)) {
    try {
      for (const [name, entry] of await readManifests(corpusDir, file)) manifest.set(name, entry);
    } catch (error) {
      if (!(error instanceof ManifestError)) throw error;
      skipped.push({ file, reason: `${error.message.replace(`${file}: `, '')}; its documents are read without it` });
    }
  }
  return manifest;
}

/** The manifests of a corpus folder (paths relative to it), the top folder's first. */
export async function listManifestFiles(corpusDir: string): Promise<string[]> {
  return listManifests(corpusDir);
}

/** Reads and parses `files`; those that cannot be used go to `skipped` by name with the reason. */
export async function loadCorpusDocuments(corpusDir: string, files: readonly string[], manifest: ReadonlyMap<string, ManifestEntry>, skipped: SkippedFile[]): Promise<LoadedDocument[]> {
  const documents: LoadedDocument[] = [];
  for (const file of files) {
    try {
      documents.push(await loadDocument(corpusDir, file, manifest.get(file), skipped));
    } catch (error) {
      if (error instanceof CorpusFileError) skipped.push({ file, reason: error.reason });
      else skipped.push({ file, reason: `could not be read (${(error as Error).message})` });
    }
  }
  return documents;
}

/** The meeting a loaded document belongs to. */
export function documentMeetingId(doc: LoadedDocument): string {
  return meetingId(doc.committee, doc.meetingDate, doc.publisher);
}

/**
 * Joins loaded documents into meetings (agenda and minutes of one meeting become one; of two
 * copies one is served and the other reported in `skipped`), oldest first.
 */
export function assembleMeetings(documents: readonly LoadedDocument[], skipped: SkippedFile[]): Meeting[] {
  const byMeeting = new Map<string, LoadedDocument[]>();
  for (const doc of documents) {
    const id = documentMeetingId(doc);
    byMeeting.set(id, [...(byMeeting.get(id) ?? []), doc]);
  }
  const meetings: Meeting[] = [];
  for (const [id, docs] of byMeeting) {
    const chosen: Partial<Record<MeetingKind, LoadedDocument>> = {};
    for (const kind of ['agenda', 'minutes'] as const) {
      const copies = docs.filter((d) => d.kind === kind);
      const winner = copies.reduce<LoadedDocument | undefined>((best, d) => (best === undefined || preference(d, best).order < 0 ? d : best), undefined);
      if (!winner) continue;
      chosen[kind] = winner;
      for (const loser of copies) {
        if (loser === winner) continue;
        skipped.push({
          file: loser.file,
          reason: `is the same meeting (${loser.committee}, ${loser.meetingDate}, ${kind === 'agenda' ? 'agenda' : 'minutes'}) as ${winner.file}, which is served because ${preference(winner, loser).why}`,
        });
      }
    }
    meetings.push(mergeMeetingDocuments(id, chosen.agenda, chosen.minutes));
  }
  meetings.sort((a, b) => a.meetingDate.localeCompare(b.meetingDate) || a.committee.localeCompare(b.committee) || a.id.localeCompare(b.id));
  return meetings;
}
