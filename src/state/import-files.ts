import path from 'node:path';
import type { z } from 'zod';
import { TEAMS_CONVERSATIONS_STATE_FILE, type StoredConversation } from '../adapters/teams/conversation-store.js';
import type { SqlClient } from '../db/sql-client.js';
import type { Logger } from '../log.js';
import { DIGEST_STATE_FILE } from '../schedule/posted-state.js';
import { FEEDBACK_STATE_FILE, type Vote } from './feedback-store.js';
import { answerKey } from './postgres/feedback-store.js';
import { jsonParam } from './postgres/json-param.js';
import { parseJsonState, type StateFile } from './state-file.js';
import { THREAD_CONTEXTS_STATE_FILE } from './thread-context-store.js';
import { topicKey, WATCHES_STATE_FILE, type Watch } from './watch-store.js';

/**
 * A team that ran mødebot with files and then sets DATABASE_URL expects its watches, votes, the
 * digest's record of what it posted and its Teams conversations to come along. So when the
 * database has no state yet, the state files in DATA_DIR are copied in once, in one transaction.
 * The files are only read: whoever goes back to files finds them as they were.
 */

/** How many of each kind were imported. */
export interface ImportCounts {
  watches: number;
  /** Items already posted to a channel for its watches (so they are not posted again). */
  watchPostedItems: number;
  /** Meeting material already checked against the watches. */
  checkedMaterial: number;
  votes: number;
  unanswered: number;
  threadContexts: number;
  digestDays: number;
  /** Channels that had a day's digest. */
  digestChannels: number;
  /** What each posted digest included (the baseline for the "new" marks). */
  digestRecords: number;
  teamsConversations: number;
}

export type ImportOutcome =
  /** The files' state is in the database now. */
  | { outcome: 'imported'; counts: ImportCounts; damaged: string[] }
  /** This database had files imported before (by this bot or another). */
  | { outcome: 'imported before' }
  /** The database holds state of its own, which the files must not be mixed into. */
  | { outcome: 'database has state' }
  /** No file with anything in it (a new installation, or only damaged files). */
  | { outcome: 'nothing to import'; damaged: string[] };

/** Every table of shared state (not `moedebot_secrets`: the feedback key is taken over on its own). */
export const STATE_TABLES = [
  'digest_days',
  'digest_posts',
  'digest_records',
  'topic_watches',
  'watch_posted',
  'watch_checked_material',
  'feedback_votes',
  'feedback_unanswered',
  'thread_contexts',
  'teams_conversations',
] as const;

/** Not the migrations' lock: an import waits for another bot's import, not for its migrations. */
const IMPORT_LOCK = 0x6d_6f_65_69; // "moei"

/** Who holds an imported digest post in `claimed_by`: no bot, so nobody renews it. */
const IMPORT_CLAIMANT = 'import from DATA_DIR';

/** What the files hold, ready for the tables. */
interface FileState {
  watches: Watch[];
  /** [platform, channel, item id] */
  watchPosted: [string, string, string][];
  checkedMaterial: string[] | undefined;
  votes: { key: string; at: string; vote: Vote }[];
  unanswered: unknown[];
  threads: { key: string; at: string; context: unknown }[];
  days: { day: string; attempts: number; lastError: string | null }[];
  /** [day, channel], in the order the channels had it. */
  dayPosts: [string, string][];
  records: { day: string; meetings: string[]; items: string[] }[];
  conversations: StoredConversation[];
}

async function hasState(db: SqlClient): Promise<'imported before' | 'database has state' | undefined> {
  const { rows } = await db.query<{ imported: boolean; state: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM moedebot_file_import) AS imported, (${STATE_TABLES.map((t) => `EXISTS (SELECT 1 FROM ${t})`).join(' OR ')}) AS state`,
  );
  if (rows[0]?.imported === true) return 'imported before';
  if (rows[0]?.state === true) return 'database has state';
  return undefined;
}

/**
 * Imports the state files in `dataDir` into the database when it holds no state and has had no
 * import before; see {@link ImportOutcome}. A damaged file is named in a warning and skipped, the
 * others are imported; an import is logged in one line with the counts. Two bots starting together
 * import once: the import runs under an advisory lock and re-checks the database under it.
 *
 * @throws when a file exists but cannot be read (permissions), as the file stores do.
 */
export async function importStateFiles(db: SqlClient, dataDir: string, logger?: Logger): Promise<ImportOutcome> {
  // Every start asks this; the files are read only while the database is still empty.
  const before = await hasState(db);
  if (before) return { outcome: before };

  const damaged: string[] = [];
  const read = async <S extends z.ZodType>(kind: StateFile<S>): Promise<z.infer<S> | undefined> => {
    const file = path.join(dataDir, kind.name);
    const parsed = await parseJsonState(file, kind.schema, kind.what);
    if ('problem' in parsed) {
      damaged.push(file);
      logger?.warn({ file }, `${kind.what} file ${file} is damaged (${parsed.problem}); it is not imported into the database and is left as it is`);
    }
    return 'state' in parsed ? parsed.state : undefined;
  };
  const state = fileState({
    watches: await read(WATCHES_STATE_FILE),
    feedback: await read(FEEDBACK_STATE_FILE),
    threads: await read(THREAD_CONTEXTS_STATE_FILE),
    digest: await read(DIGEST_STATE_FILE),
    teams: await read(TEAMS_CONVERSATIONS_STATE_FILE),
  });
  const counts = countsOf(state);
  if (Object.values(counts).every((n) => n === 0)) return { outcome: 'nothing to import', damaged };

  const result = await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [IMPORT_LOCK]);
    const now = await hasState(tx);
    if (now) return now;
    await insertState(tx, state);
    await tx.query('INSERT INTO moedebot_file_import (data_dir, counts) VALUES ($1, $2::jsonb)', [dataDir, jsonParam(counts)]);
    return 'imported' as const;
  });
  if (result !== 'imported') return { outcome: result };
  logger?.info({ dataDir, database: db.description, imported: counts, damaged }, `imported the state files in ${dataDir} into the database ${db.description} (${describe(counts)}); the files are left as they were`);
  return { outcome: 'imported', counts, damaged };
}

function fileState(files: {
  watches: z.infer<typeof WATCHES_STATE_FILE.schema> | undefined;
  feedback: z.infer<typeof FEEDBACK_STATE_FILE.schema> | undefined;
  threads: z.infer<typeof THREAD_CONTEXTS_STATE_FILE.schema> | undefined;
  digest: z.infer<typeof DIGEST_STATE_FILE.schema> | undefined;
  teams: z.infer<typeof TEAMS_CONVERSATIONS_STATE_FILE.schema> | undefined;
}): FileState {
  // The file stores keep each of these unique already; a hand-edited file may not, and one
  // statement cannot insert a key twice. The stores' own rule decides which one stays.
  const watches = uniqueBy(files.watches?.watches ?? [], (w) => `${w.platform}|${w.channel}|${topicKey(w.topic)}`, 'first');
  const watchPosted = new Map<string, [string, string, string]>();
  for (const [key, ids] of Object.entries(files.watches?.posted ?? {})) {
    // `platform|channel` (see channelKey); a platform never holds a `|`, a channel may.
    const bar = key.indexOf('|');
    if (bar <= 0) continue;
    for (const id of ids) watchPosted.set(JSON.stringify([key, id]), [key.slice(0, bar), key.slice(bar + 1), id]);
  }
  const votes = uniqueBy(files.feedback?.votes ?? [], answerKey, 'last').map((vote) => ({ key: answerKey(vote), at: vote.at, vote }));
  // A context without a readable time is never live (as in both stores): nothing to carry over.
  const threads = Object.entries(files.threads?.threads ?? {})
    .filter(([, context]) => Number.isFinite(Date.parse(context.at)))
    .map(([key, context]) => ({ key, at: new Date(Date.parse(context.at)).toISOString(), context }));
  const days = Object.entries(files.digest?.days ?? {}).map(([day, posting]) => ({ day, attempts: posting.attempts, lastError: posting.lastError ?? null }));
  const dayPosts = Object.entries(files.digest?.days ?? {}).flatMap(([day, posting]) => [...new Set(posting.done)].map((channel): [string, string] => [day, channel]));
  const records = new Map<string, { day: string; meetings: string[]; items: string[] }>();
  for (const r of files.digest?.digests ?? []) {
    const same = records.get(r.date);
    records.set(r.date, { day: r.date, meetings: [...new Set([...(same?.meetings ?? []), ...r.meetings])], items: [...new Set([...(same?.items ?? []), ...r.items])] });
  }
  return {
    watches,
    watchPosted: [...watchPosted.values()],
    checkedMaterial: files.watches?.checkedMaterial,
    votes,
    unanswered: files.feedback?.unanswered ?? [],
    threads,
    days,
    dayPosts,
    records: [...records.values()],
    conversations: uniqueBy(files.teams?.conversations ?? [], (c) => c.id, 'last'),
  };
}

function uniqueBy<T>(list: readonly T[], key: (t: T) => string, keep: 'first' | 'last'): T[] {
  const seen = new Map<string, T>();
  for (const t of list) {
    const k = key(t);
    if (keep === 'last') seen.delete(k);
    if (!seen.has(k)) seen.set(k, t);
  }
  return [...seen.values()];
}

function countsOf(s: FileState): ImportCounts {
  return {
    watches: s.watches.length,
    watchPostedItems: s.watchPosted.length,
    checkedMaterial: s.checkedMaterial?.length ?? 0,
    votes: s.votes.length,
    unanswered: s.unanswered.length,
    threadContexts: s.threads.length,
    digestDays: s.days.length,
    digestChannels: s.dayPosts.length,
    digestRecords: s.records.length,
    teamsConversations: s.conversations.length,
  };
}

function describe(c: ImportCounts): string {
  return [
    `${c.watches} topic watches with ${c.watchPostedItems} items posted and ${c.checkedMaterial} meeting documents checked`,
    `${c.votes} votes`,
    `${c.unanswered} unanswered questions`,
    `${c.threadContexts} thread contexts`,
    `digest state of ${c.digestDays} days with ${c.digestChannels} channel posts and ${c.digestRecords} digest records`,
    `${c.teamsConversations} Teams conversations`,
  ].join(', ');
}

/**
 * One statement per table, whatever the number of rows. Rows are fed in file order through a
 * subquery with ORDER BY, so the sequences the stores order by (oldest watch first, newest vote
 * last, least recently answered thread first) follow the files' order.
 */
async function insertState(tx: SqlClient, s: FileState): Promise<void> {
  const rows = (list: readonly unknown[]) => jsonParam(list);
  if (s.watches.length > 0) {
    await tx.query(
      `INSERT INTO topic_watches (platform, channel, topic_key, topic, created_at)
       SELECT e->>'platform', e->>'channel', e->>'key', e->>'topic', e->>'createdAt'
       FROM (SELECT e FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(e, n) ORDER BY n) AS ordered`,
      [rows(s.watches.map((w) => ({ ...w, key: topicKey(w.topic) })))],
    );
  }
  if (s.watchPosted.length > 0) {
    await tx.query(
      `INSERT INTO watch_posted (platform, channel, item_id, posted_at) SELECT e->>0, e->>1, e->>2, now() FROM jsonb_array_elements($1::jsonb) AS t(e)`,
      [rows(s.watchPosted)],
    );
  }
  if (s.checkedMaterial !== undefined) {
    await tx.query('INSERT INTO watch_checked_material (keys) VALUES ($1::jsonb)', [jsonParam(s.checkedMaterial)]);
  }
  if (s.votes.length > 0) {
    await tx.query(
      `INSERT INTO feedback_votes (answer_key, at, vote)
       SELECT e->>'key', e->>'at', e->'vote' FROM (SELECT e FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(e, n) ORDER BY n) AS ordered`,
      [rows(s.votes)],
    );
  }
  if (s.unanswered.length > 0) {
    await tx.query(
      `INSERT INTO feedback_unanswered (at, entry)
       SELECT e->>'at', e FROM (SELECT e FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(e, n) ORDER BY n) AS ordered`,
      [rows(s.unanswered)],
    );
  }
  if (s.threads.length > 0) {
    await tx.query(
      `INSERT INTO thread_contexts (thread_key, answered_at, seq, context)
       SELECT e->>'key', (e->>'at')::timestamptz, nextval('thread_contexts_seq'), e->'context'
       FROM (SELECT e FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(e, n) ORDER BY n) AS ordered`,
      [rows(s.threads)],
    );
  }
  if (s.days.length > 0) {
    await tx.query(`INSERT INTO digest_days (day, attempts, last_error) SELECT e->>'day', (e->>'attempts')::integer, e->>'lastError' FROM jsonb_array_elements($1::jsonb) AS t(e)`, [
      rows(s.days),
    ]);
  }
  if (s.dayPosts.length > 0) {
    // A microsecond apart, so the day's channels are listed in the order the file has them.
    await tx.query(
      `INSERT INTO digest_posts (day, channel, claimed_by, claimed_until, posted_at)
       SELECT e->>0, e->>1, $2, now(), now() + n * interval '1 microsecond' FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(e, n)`,
      [rows(s.dayPosts), IMPORT_CLAIMANT],
    );
  }
  if (s.records.length > 0) {
    await tx.query(`INSERT INTO digest_records (day, meetings, items) SELECT e->>'day', e->'meetings', e->'items' FROM jsonb_array_elements($1::jsonb) AS t(e)`, [
      rows(s.records),
    ]);
  }
  if (s.conversations.length > 0) {
    await tx.query(`INSERT INTO teams_conversations (id, conversation, updated_at) SELECT e->>'id', e, now() FROM jsonb_array_elements($1::jsonb) AS t(e)`, [
      rows(s.conversations),
    ]);
  }
}
