import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import type { SkippedFile } from '../../corpus/types.js';
import { assembleMeetings, documentMeetingId, listAgendaFiles, listManifestFiles, loadCorpusDocuments, readCorpusManifests, type LoadedDocument } from '../../corpus/load-corpus.js';
import { MANIFEST_FILE } from '../../corpus/manifest.js';
import type { SqlClient } from '../../db/sql-client.js';
import { Lexicon } from '../analyzer.js';
import { deleteMeetings, insertMeetings, loadLexiconTerms, StatisticsDelta } from './meeting-rows.js';

/**
 * Brings the search tables in line with a corpus folder without rebuilding them: files are
 * compared with `search_documents` by content hash, and only the meetings of new, changed or
 * removed files are parsed and rewritten. A meeting's old rows are deleted and its new rows
 * inserted in one transaction (with the term statistics), so a question sees the old meeting or
 * the new one, never half of either. The corpus rules are load-corpus.ts's: agenda and minutes of
 * one meeting become one meeting, manifests override what the text says, unusable files and
 * duplicate copies are reported by name.
 */
export interface SyncReport {
  /** Files new to the database, changed, and gone from the folder. */
  added: string[];
  changed: string[];
  removed: string[];
  /** Meetings and items in the database after the sync. */
  meetings: number;
  items: number;
  /** Every file not served (or served with a notice), as `loadCorpus` reports them. */
  skipped: SkippedFile[];
}

/** One sync writes at a time (two bots reloading together would otherwise insert one meeting twice). */
const SYNC_LOCK = 0x6d_6f_73_79; // "mosy"
/** Meetings rewritten per transaction: each whole, and few enough that a transaction stays short. */
const MEETINGS_PER_TRANSACTION = 50;

interface DocumentRow {
  path: string;
  hash: string;
  meeting_id: string | null;
  skipped: string | null;
  notices: SkippedFile[];
}

async function hashFile(corpusDir: string, file: string): Promise<string> {
  try {
    return createHash('sha256').update(await readFile(path.join(corpusDir, file))).digest('hex');
  } catch (error) {
    // Read again (and reported) by the loader; a hash that never matches keeps it retried.
    return `unreadable:${(error as NodeJS.ErrnoException).code ?? 'error'}:${Date.now()}`;
  }
}

function isManifest(file: string): boolean {
  return path.posix.basename(file) === MANIFEST_FILE;
}

/** Syncs the search tables with `corpusDir` (see the module comment). */
export async function syncCorpus(db: SqlClient, corpusDir: string, options: { logger?: Logger } = {}): Promise<SyncReport> {
  const agendaFiles = await listAgendaFiles(corpusDir);
  const manifestFiles = await listManifestFiles(corpusDir);
  const hashes = new Map<string, string>();
  for (const file of [...manifestFiles, ...agendaFiles]) hashes.set(file, await hashFile(corpusDir, file));
  const stored = new Map((await db.query<DocumentRow>('SELECT path, hash, meeting_id, skipped, notices FROM search_documents')).rows.map((r) => [r.path, r]));

  const differs = (file: string) => stored.get(file)?.hash !== hashes.get(file);
  // A manifest says which meeting a file is; when one changes, every file is read again (but
  // only meetings whose content differs change in effect, as each is rewritten whole).
  const storedManifests = [...stored.keys()].filter(isManifest);
  const manifestChanged = manifestFiles.some(differs) || storedManifests.some((m) => !hashes.has(m));
  const changedFiles = agendaFiles.filter((f) => manifestChanged || differs(f));
  const removed = [...stored.keys()].filter((f) => !hashes.has(f) && !isManifest(f));
  const report = { added: changedFiles.filter((f) => !stored.has(f)), changed: changedFiles.filter((f) => stored.has(f)), removed };
  if (changedFiles.length > 0 || removed.length > 0 || manifestChanged) {
    await rewrite(db, corpusDir, { agendaFiles, manifestFiles, hashes, stored, changedFiles, removed }, options.logger);
  }
  return { ...report, ...(await corpusTotals(db)) };
}

interface Plan {
  agendaFiles: string[];
  manifestFiles: string[];
  hashes: Map<string, string>;
  stored: Map<string, DocumentRow>;
  changedFiles: string[];
  removed: string[];
}

async function rewrite(db: SqlClient, corpusDir: string, plan: Plan, logger?: Logger): Promise<void> {
  const { hashes, stored, changedFiles, removed } = plan;
  const manifestSkipped: SkippedFile[] = [];
  const manifest = await readCorpusManifests(corpusDir, manifestSkipped);
  for (const name of manifest.keys()) {
    if (!plan.agendaFiles.includes(name)) manifestSkipped.push({ file: name, reason: `is listed in ${MANIFEST_FILE} but is not in the folder` });
  }
  const fileSkipped: SkippedFile[] = [];
  const loaded = await loadCorpusDocuments(corpusDir, changedFiles, manifest, fileSkipped);
  // Meetings a changed or removed file belonged to, or belongs to now.
  const affected = new Set<string>();
  for (const f of [...changedFiles, ...removed]) {
    const old = stored.get(f)?.meeting_id;
    if (old) affected.add(old);
  }
  for (const doc of loaded) affected.add(documentMeetingId(doc));
  // Unchanged files of those meetings are read again: a meeting is assembled from all its files.
  const changedSet = new Set(changedFiles);
  const companions = [...stored.values()].filter((r) => r.meeting_id !== null && affected.has(r.meeting_id) && !changedSet.has(r.path) && hashes.has(r.path)).map((r) => r.path);
  loaded.push(...(await loadCorpusDocuments(corpusDir, companions, manifest, fileSkipped)));
  const byMeeting = new Map<string, LoadedDocument[]>();
  for (const doc of loaded) {
    const id = documentMeetingId(doc);
    byMeeting.set(id, [...(byMeeting.get(id) ?? []), doc]);
  }
  const lexicon = new Lexicon(await loadLexiconTerms(db));
  const ids = [...affected].sort();
  const noticesOf = (file: string, list: readonly SkippedFile[]) => list.filter((s) => s.file === file && s.severity === 'notice');
  for (let at = 0; at < ids.length; at += MEETINGS_PER_TRANSACTION) {
    const batch = ids.slice(at, at + MEETINGS_PER_TRANSACTION);
    const docs = batch.flatMap((id) => byMeeting.get(id) ?? []);
    const duplicates: SkippedFile[] = [];
    const meetings = assembleMeetings(docs, duplicates);
    await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [SYNC_LOCK]);
      const delta = new StatisticsDelta();
      await deleteMeetings(tx, batch, delta);
      await insertMeetings(tx, meetings, lexicon, delta);
      for (const doc of docs) {
        const duplicate = duplicates.find((s) => s.file === doc.file);
        await upsertDocument(tx, doc.file, hashes.get(doc.file)!, documentMeetingId(doc), duplicate?.reason ?? null, noticesOf(doc.file, fileSkipped));
      }
      await delta.apply(tx);
    });
    logger?.info({ meetings: meetings.length, of: ids.length }, 'search tables: meetings rewritten');
  }
  // Files that could not be used, files gone, and the manifests' own state.
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [SYNC_LOCK]);
    const used = new Set(loaded.map((d) => d.file));
    for (const file of changedFiles.filter((f) => !used.has(f))) {
      const reason = fileSkipped.find((s) => s.file === file && s.severity !== 'notice')?.reason ?? 'could not be read';
      await upsertDocument(tx, file, hashes.get(file)!, null, reason, []);
    }
    if (removed.length > 0) await tx.query('DELETE FROM search_documents WHERE path = ANY($1::text[])', [removed]);
    await tx.query('DELETE FROM search_documents WHERE NOT (path = ANY($1::text[])) AND meeting_id IS NULL AND skipped IS NULL', [plan.manifestFiles]);
    // A manifest's notices (unreadable, or naming files that are not there) are kept with the first.
    for (const [k, file] of plan.manifestFiles.entries()) {
      await upsertDocument(tx, file, hashes.get(file) ?? 'missing', null, null, k === 0 ? manifestSkipped : []);
    }
  });
}

async function upsertDocument(tx: SqlClient, file: string, hash: string, meetingId: string | null, skipped: string | null, notices: readonly SkippedFile[]): Promise<void> {
  await tx.query(
    `INSERT INTO search_documents (path, hash, meeting_id, skipped, notices, synced_at) VALUES ($1, $2, $3, $4, $5::jsonb, now())
     ON CONFLICT (path) DO UPDATE SET hash = excluded.hash, meeting_id = excluded.meeting_id, skipped = excluded.skipped, notices = excluded.notices, synced_at = now()`,
    [file, hash, meetingId, skipped, JSON.stringify(notices)],
  );
}

/** Meetings, items and skipped files as the database holds them now. */
export async function corpusTotals(db: SqlClient): Promise<Pick<SyncReport, 'meetings' | 'items' | 'skipped'>> {
  const [meetings, totals, documents] = await Promise.all([
    db.query<{ n: string }>('SELECT count(*) AS n FROM search_meetings'),
    db.query<{ items: string }>('SELECT items FROM search_totals WHERE id = 1'),
    db.query<Pick<DocumentRow, 'path' | 'skipped' | 'notices'>>('SELECT path, skipped, notices FROM search_documents ORDER BY path'),
  ]);
  const skipped: SkippedFile[] = [];
  for (const r of documents.rows) {
    if (r.skipped !== null) skipped.push({ file: r.path, reason: r.skipped });
    skipped.push(...r.notices);
  }
  return { meetings: Number(meetings.rows[0]?.n ?? 0), items: Number(totals.rows[0]?.items ?? 0), skipped };
}
