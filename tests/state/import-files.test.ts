import fs from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEAMS_CONVERSATIONS_FILE } from '../../src/adapters/teams/conversation-store.js';
import type { Place } from '../../src/conversation/place.js';
import { openDatabase } from '../../src/db/database.js';
import type { SqlClient } from '../../src/db/sql-client.js';
import { STATE_FILE as DIGEST_FILE } from '../../src/schedule/posted-state.js';
import { FEEDBACK_FILE, type Vote } from '../../src/state/feedback-store.js';
import { importStateFiles } from '../../src/state/import-files.js';
import { openFileStores, postgresStores, type StateStores } from '../../src/state/open-stores.js';
import { THREAD_CONTEXTS_FILE, type ThreadContext } from '../../src/state/thread-context-store.js';
import { WATCHES_FILE } from '../../src/state/watch-store.js';
import { DATABASE_KINDS, type TestDatabase } from '../helpers/databases.js';
import { tempDir } from '../helpers/temp-dir.js';
import { channelMessage, installedInTeam, personalMessage } from '../stand-ins/teams-activities.js';

/**
 * A team that ran mødebot with files and then sets DATABASE_URL: the files are written by the file
 * stores themselves, as the bot wrote them, and the database stores must give back the same.
 */

const serviceUrl = 'https://smba.trafficmanager.net/emea/';
const kkr = { platform: 'slack' as const, channel: 'C0KKR' };
const teamsChannel = { platform: 'teams' as const, channel: '19:kkr-sager@thread.tacv2' };
const thread = (t: string): Place => ({ ...kkr, thread: t });
const STATE_FILES = [WATCHES_FILE, FEEDBACK_FILE, THREAD_CONTEXTS_FILE, DIGEST_FILE, TEAMS_CONVERSATIONS_FILE];

function vote(overrides: Partial<Vote> = {}): Vote {
  return { vote: 'up', question: 'fysioterapi', itemId: 'kkr-2025-04-11-3.6', platform: 'slack', channel: 'C0KKR', user: 'a'.repeat(64), at: '2025-04-14T08:00:00.000Z', ...overrides };
}

function context(question: string, at: string): ThreadContext {
  return { question, mode: 'search', filters: { committee: 'KKR Sjælland' }, offset: 0, shown: 2, hasMore: true, itemIds: ['x-1', 'x-2'], at };
}

function capture() {
  const lines: Array<{ level: number; msg: string; file?: string; imported?: Record<string, number> }> = [];
  return { lines, logger: pino({ level: 'info' }, { write: (l: string) => void lines.push(JSON.parse(l)) }) };
}

/** A DATA_DIR as a bot on files leaves it: every kind of state, written through the file stores. */
async function filesOfABot(): Promise<string> {
  const dataDir = tempDir();
  const now = new Date();
  const files = await openFileStores({ dataDir, threadContextHours: 24 });
  await files.watches.add({ ...kkr, topic: 'Fysioterapi', createdAt: '2025-04-01T08:00:00.000Z' });
  await files.watches.add({ ...teamsChannel, topic: 'flygtninge', createdAt: '2025-04-02T08:00:00.000Z' });
  await files.watches.add({ ...kkr, topic: 'cykelstier', createdAt: '2025-04-03T08:00:00.000Z' });
  await files.watches.markPosted(kkr, ['i1', 'i2']);
  await files.watches.markPosted(teamsChannel, ['i3']);
  await files.watches.setCheckedMaterial(['m1#agenda', 'm1#minutes', 'm2#agenda']);
  await files.feedback.addVote(vote());
  await files.feedback.addVote(vote({ user: 'b'.repeat(64), vote: 'down', at: '2025-04-14T09:00:00.000Z' }));
  // A re-vote moves the vote last.
  await files.feedback.addVote(vote({ vote: 'down', at: '2025-04-15T08:00:00.000Z' }));
  await files.feedback.addUnanswered({ question: 'hvad koster en cykelsti', platform: 'teams', channel: '19:x', at: '2025-04-14T10:00:00.000Z' });
  await files.feedback.addUnanswered({ question: 'budget 2026', platform: 'slack', channel: 'C0KKR', at: '2025-04-14T11:00:00.000Z' });
  await files.threads!.set(thread('1.1'), context('kommunerne', new Date(now.getTime() - 60_000).toISOString()));
  await files.threads!.set(thread('1.2'), context('og i 2024?', now.toISOString()));
  for (const day of ['2025-06-02', '2025-06-03']) {
    await files.digestPosts.countAttempt(day);
    await files.digestPosts.markPosted(day, 'slack:C0KKR', { date: day, meetings: [`m-${day}`], items: [`i-${day}`] });
    await files.digestPosts.markPosted(day, 'teams:19:kkr-sager@thread.tacv2', { date: day, meetings: [], items: [`j-${day}`] });
  }
  await files.digestPosts.countAttempt('2025-06-04');
  await files.digestPosts.release('2025-06-04', 'discord:D1', 'Missing Access');
  const teams = await files.teamsConversations();
  await teams.remember(installedInTeam({ serviceUrl }) as never);
  await teams.remember(channelMessage({ serviceUrl, text: 'x' }) as never);
  await teams.remember(personalMessage({ serviceUrl, text: 'hej' }) as never);
  await files.close();
  return dataDir;
}

/** Everything a bot reads from its stores, to compare files with database. */
async function contentOf(stores: StateStores) {
  const teams = await stores.teamsConversations();
  return {
    watches: await stores.watches.list(),
    posted: [await stores.watches.posted(kkr, ['i1', 'i2', 'i3']), await stores.watches.posted(teamsChannel, ['i1', 'i3'])],
    checkedMaterial: await stores.watches.checkedMaterial(),
    votes: await stores.feedback.votes(),
    unanswered: await stores.feedback.unanswered(),
    threads: [await stores.threads!.get(thread('1.1')), await stores.threads!.get(thread('1.2')), await stores.threads!.get(thread('9'))],
    days: await Promise.all(['2025-06-02', '2025-06-03', '2025-06-04', '2025-06-05'].map((d) => stores.digestPosts.day(d))),
    previous: await Promise.all(['2025-06-03', '2025-06-04', '2025-06-02'].map((d) => stores.digestPosts.previous(d))),
    claim: await stores.digestPosts.claim('2025-06-03', 'slack:C0KKR'),
    conversations: (await teams.list()).sort((a, b) => a.id.localeCompare(b.id)),
  };
}

function snapshot(dataDir: string): Record<string, string> {
  return Object.fromEntries(fs.readdirSync(dataDir).map((f) => [f, fs.readFileSync(path.join(dataDir, f), 'utf8')]));
}

describe.each(DATABASE_KINDS)('state files imported into an empty database on $name', (kind) => {
  let db: TestDatabase;
  const open: StateStores[] = [];
  beforeEach(async () => {
    db = await kind.open();
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close().catch(() => undefined)));
    await db.drop();
  });

  /** Opens the database stores as a bot starting with DATABASE_URL does (migrations, then the import). */
  async function bot(dataDir: string, client: SqlClient, logger?: pino.Logger): Promise<StateStores> {
    const database = await openDatabase(client, { connectSeconds: 5 });
    const stores = await postgresStores(database, { dataDir, threadContextHours: 24, ...(logger ? { logger } : {}) });
    open.push(stores);
    return stores;
  }

  it('gives back what the files held, logs one line with the counts, and leaves the files as they were', async () => {
    const dataDir = await filesOfABot();
    const before = snapshot(dataDir);
    const expected = await contentOf(await openFileStores({ dataDir, threadContextHours: 24 }));
    const { lines, logger } = capture();
    const stores = await bot(dataDir, db.client, logger);
    expect(await contentOf(stores)).toEqual(expected);
    // Spot checks of what the comparison rests on, so an empty file store could not pass it.
    expect(expected.watches.map((w) => w.topic)).toEqual(['Fysioterapi', 'flygtninge', 'cykelstier']);
    expect(expected.votes.map((v) => [v.user[0], v.vote])).toEqual([
      ['b', 'down'],
      ['a', 'down'],
    ]);
    expect(expected.days[1]).toEqual({ done: ['slack:C0KKR', 'teams:19:kkr-sager@thread.tacv2'], attempts: 1 });
    expect(expected.days[2]).toEqual({ done: [], attempts: 1, lastError: 'discord:D1: Missing Access' });
    expect(expected.claim).toBe('done');
    expect(expected.threads[1]?.question).toBe('og i 2024?');
    expect(expected.conversations).toHaveLength(3);

    const imported = lines.filter((l) => l.msg.startsWith('imported the state files'));
    expect(imported).toHaveLength(1);
    expect(imported[0]!.msg).toContain(dataDir);
    expect(imported[0]!.imported).toEqual({
      watches: 3,
      watchPostedItems: 3,
      checkedMaterial: 3,
      votes: 2,
      unanswered: 2,
      threadContexts: 2,
      digestDays: 3,
      digestChannels: 4,
      digestRecords: 2,
      teamsConversations: 3,
    });
    expect(lines.filter((l) => l.level >= 40)).toEqual([]);
    expect(snapshot(dataDir)).toEqual(before);
  });

  it('imports once: a bot opening the database later, or the same bot restarting, adds nothing and changes nothing', async () => {
    const dataDir = await filesOfABot();
    const first = await bot(dataDir, db.client);
    // What the bots did on the database since: a new vote, a re-vote on an imported one, a watch ended.
    await first.feedback.addVote(vote({ question: 'budget', at: '2025-05-01T08:00:00.000Z' }));
    await first.feedback.addVote(vote({ user: 'b'.repeat(64), vote: 'up', at: '2025-05-02T08:00:00.000Z' }));
    expect(await first.watches.remove(kkr, 'cykelstier')).toBe(true);
    const after = await contentOf(first);
    expect(after.votes.map((v) => [v.user[0], v.question, v.vote])).toEqual([
      ['a', 'fysioterapi', 'down'],
      ['a', 'budget', 'up'],
      ['b', 'fysioterapi', 'up'],
    ]);

    const { lines, logger } = capture();
    const second = await bot(dataDir, db.another(), logger);
    expect(await contentOf(second)).toEqual(after);
    expect(await importStateFiles(db.client, dataDir)).toEqual({ outcome: 'imported before' });
    expect(lines.filter((l) => l.msg.startsWith('imported'))).toEqual([]);
  });

  it('two bots starting at once import once', async () => {
    const dataDir = await filesOfABot();
    await openDatabase(db.client, { connectSeconds: 5 });
    const bots = [db.client, db.another(), db.another()];
    // Connected beforehand, so that on the server the three really overlap.
    await Promise.all(bots.map((c) => c.query('SELECT 1')));
    const outcomes = await Promise.all(bots.map((c) => importStateFiles(c, dataDir)));
    expect(outcomes.filter((o) => o.outcome === 'imported')).toHaveLength(1);
    const { rows } = await db.client.query<{ n: number }>('SELECT (SELECT count(*) FROM topic_watches)::int + (SELECT count(*) FROM feedback_votes)::int AS n');
    expect(rows[0]!.n).toBe(3 + 2);
  });

  it('skips a damaged file with a warning naming it, imports the others and leaves the damaged one in place', async () => {
    const dataDir = await filesOfABot();
    const watches = path.join(dataDir, WATCHES_FILE);
    fs.writeFileSync(watches, '{"watches": [{"platform": "slack", "chan');
    fs.writeFileSync(path.join(dataDir, FEEDBACK_FILE), JSON.stringify({ votes: [{ vote: 'maybe' }], unanswered: [] }));
    const before = snapshot(dataDir);
    const { lines, logger } = capture();
    const stores = await bot(dataDir, db.client, logger);
    const warnings = lines.filter((l) => l.level === 40);
    expect(warnings.map((w) => w.file)).toEqual([watches, path.join(dataDir, FEEDBACK_FILE)]);
    expect(warnings[0]!.msg).toContain(`topic watches file ${watches} is damaged (it is not complete JSON)`);
    expect(warnings[1]!.msg).toMatch(/feedback file .*feedback\.json is damaged \(it does not hold what mødebot writes \(votes\.0\.vote: /);
    expect(await stores.watches.list()).toEqual([]);
    expect(await stores.watches.checkedMaterial()).toBeUndefined();
    expect(await stores.feedback.votes()).toEqual([]);
    expect((await stores.digestPosts.day('2025-06-02')).done).toHaveLength(2);
    expect(await (await stores.teamsConversations()).list()).toHaveLength(3);
    expect(lines.find((l) => l.msg.startsWith('imported'))?.imported).toMatchObject({ watches: 0, votes: 0, digestDays: 3, teamsConversations: 3 });
    // Not moved aside as a file store would: the files stay for going back (or mending) as they are.
    expect(snapshot(dataDir)).toEqual(before);
  });

  it('leaves a database that has state of its own alone, and imports nothing from a DATA_DIR without state files', async () => {
    const dataDir = await filesOfABot();
    const running = await bot(tempDir(), db.client);
    expect(await importStateFiles(db.client, tempDir())).toEqual({ outcome: 'nothing to import', damaged: [] });
    // The database was in use before this version (no record of an import): one conversation is state enough.
    await (await running.teamsConversations()).remember(personalMessage({ serviceUrl, text: 'hej' }) as never);
    const { lines, logger } = capture();
    const stores = await bot(dataDir, db.another(), logger);
    expect(await importStateFiles(db.client, dataDir)).toEqual({ outcome: 'database has state' });
    expect(await stores.watches.list()).toEqual([]);
    expect(await stores.feedback.votes()).toEqual([]);
    expect(await (await stores.teamsConversations()).list()).toHaveLength(1);
    expect(lines).toEqual([]);
    expect(STATE_FILES.filter((f) => fs.existsSync(path.join(dataDir, f)))).toEqual(STATE_FILES);
  });
});
