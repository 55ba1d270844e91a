import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { AgendaItem, ManifestEntry, Meeting, SkippedFile } from './types.js';
import { parseAgenda, type AgendaSource } from './parse-agenda.js';
import { readPdfPages } from './pdf-text.js';
import { readManifest, MANIFEST_FILE } from './manifest.js';
import { committeeSlug } from './committees.js';
import { CorpusFileError, ErrorCode, ManifestError } from '../errors.js';

/** File endings the corpus reads; everything else in the folder is left alone. */
export const AGENDA_EXTENSIONS = ['.txt', '.pdf'] as const;

/** Bump when parsing changes, so persisted indexes built by older code are rebuilt. */
export const PARSER_VERSION = 3;

export interface CorpusLoad {
  meetings: Meeting[];
  skipped: SkippedFile[];
}

/** The agenda files of a corpus folder, sorted by name. */
export async function listAgendaFiles(corpusDir: string): Promise<string[]> {
  const names = await readdir(corpusDir);
  return names.filter((n) => AGENDA_EXTENSIONS.some((ext) => n.toLowerCase().endsWith(ext))).sort();
}

/**
 * A cheap fingerprint of the corpus folder (names, sizes, modification times of the agenda files
 * and of the manifest): when it is unchanged, the persisted index is still valid.
 */
export async function corpusFingerprint(corpusDir: string, extraFiles: readonly string[] = []): Promise<string> {
  const hash = createHash('sha256').update(`parser:${PARSER_VERSION}\n`);
  const files = [...(await listAgendaFiles(corpusDir)), MANIFEST_FILE, ...extraFiles];
  for (const name of files) {
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

async function readSource(corpusDir: string, file: string): Promise<AgendaSource> {
  let data: Buffer;
  try {
    data = await readFile(path.join(corpusDir, file));
  } catch (error) {
    throw new CorpusFileError(ErrorCode.CorpusFileUnreadable, file, `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, { cause: error });
  }
  if (data.length === 0) throw new CorpusFileError(ErrorCode.CorpusFileUnreadable, file, 'is empty');
  if (file.toLowerCase().endsWith('.pdf')) {
    return { file, pages: await readPdfPages(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), file), paged: true };
  }
  return { file, pages: [decodeText(data, file)], paged: false };
}

/**
 * Parses one agenda file into a meeting. The manifest entry, when there is one, overrides the
 * committee and date found in the text.
 * @throws CorpusFileError naming the file and saying what is wrong with it.
 */
export async function loadMeeting(corpusDir: string, file: string, meta?: ManifestEntry): Promise<Meeting> {
  const source = await readSource(corpusDir, file);
  const parsed = parseAgenda(source);
  if (parsed.items.length === 0) {
    throw new CorpusFileError(
      ErrorCode.CorpusFileUnparseable,
      file,
      'has no agenda items (expected numbered items such as "3.6. Title" followed by a case line such as "SAG-2025-01103 abc"); it may be truncated or not an agenda',
    );
  }
  const committee = meta?.committee ?? parsed.committee;
  const meetingDate = meta?.meetingDate ?? parsed.meetingDate;
  if (!committee) {
    throw new CorpusFileError(ErrorCode.CorpusFileUnparseable, file, `does not say which committee met; add "committee" for it in ${MANIFEST_FILE}`);
  }
  if (!meetingDate) {
    throw new CorpusFileError(ErrorCode.CorpusFileUnparseable, file, `does not say when the meeting was; add "meetingDate" for it in ${MANIFEST_FILE}`);
  }
  const id = `${committeeSlug(committee)}-${meetingDate}`;
  const sourceUrl = meta?.sourceUrl;
  const materialUrl = meta?.materialUrl;
  const items: AgendaItem[] = parsed.items.map((item) => {
    const link =
      sourceUrl && item.page !== undefined ? `${sourceUrl}#page=${item.page}` : sourceUrl ?? materialUrl;
    return {
      id: `${id}-${item.number}`,
      committee,
      meetingDate,
      ...item,
      source: file,
      ...(link ? { link } : {}),
    };
  });
  return {
    id,
    committee,
    meetingDate,
    source: file,
    ...(sourceUrl ? { sourceUrl } : {}),
    ...(materialUrl ? { materialUrl } : {}),
    items,
    ...(parsed.nextMeeting ? { nextMeeting: parsed.nextMeeting } : {}),
  };
}

/**
 * Loads every agenda in the folder. A file that cannot be used is reported in `skipped` with the
 * reason and the rest is still loaded; only an unreadable folder throws.
 */
export async function loadCorpus(corpusDir: string): Promise<CorpusLoad> {
  const skipped: SkippedFile[] = [];
  let manifest = new Map<string, ManifestEntry>();
  try {
    manifest = await readManifest(corpusDir);
  } catch (error) {
    if (!(error instanceof ManifestError)) throw error;
    skipped.push({ file: MANIFEST_FILE, reason: `${error.message.replace(`${MANIFEST_FILE}: `, '')}; agendas are read without it` });
  }
  const files = await listAgendaFiles(corpusDir);
  const byId = new Map<string, Meeting>();
  for (const file of files) {
    try {
      const meeting = await loadMeeting(corpusDir, file, manifest.get(file));
      const existing = byId.get(meeting.id);
      if (existing) {
        skipped.push({ file, reason: `is the same meeting (${meeting.committee}, ${meeting.meetingDate}) as ${existing.source}, which is used` });
        continue;
      }
      byId.set(meeting.id, meeting);
    } catch (error) {
      if (error instanceof CorpusFileError) skipped.push({ file, reason: error.reason });
      else skipped.push({ file, reason: `could not be read (${(error as Error).message})` });
    }
  }
  for (const name of manifest.keys()) {
    if (!files.includes(name)) skipped.push({ file: name, reason: `is listed in ${MANIFEST_FILE} but is not in the folder` });
  }
  const meetings = [...byId.values()].sort((a, b) => a.meetingDate.localeCompare(b.meetingDate) || a.committee.localeCompare(b.committee));
  return { meetings, skipped };
}
