import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PostgresConversationStore } from '../../src/adapters/teams/postgres-conversation-store.js';
import { migrate } from '../../src/db/migrate.js';
import { MIGRATIONS } from '../../src/db/migrations/index.js';
import { threadKey, type Place } from '../../src/conversation/place.js';
import { FEEDBACK_SALT_FILE, sharedFeedbackSalt } from '../../src/feedback/user-hash.js';
import { PostgresDigestPostStore } from '../../src/schedule/postgres-digest-post-store.js';
import { PostgresFeedbackStore } from '../../src/state/postgres/feedback-store.js';
import { PostgresThreadContextStore } from '../../src/state/postgres/thread-context-store.js';
import { PostgresWatchStore } from '../../src/state/postgres/watch-store.js';
import type { Vote } from '../../src/state/feedback-store.js';
import type { ThreadContext } from '../../src/state/thread-context-store.js';
import { STATE_TABLES } from '../../src/state/import-files.js';
import { DATABASE_KINDS, type TestDatabase } from '../helpers/databases.js';
import { tempDir } from '../helpers/temp-dir.js';
import { CHANNEL_ID, channelMessage, installedInTeam, personalMessage } from '../stand-ins/teams-activities.js';


const serviceUrl = 'https://smba.trafficmanager.net/emea/';

function vote(overrides: Partial<Vote> = {}): Vote {
  return { vote: 'up', question: 'fysioterapi', itemId: 'kkr-2025-04-11-3.6', platform: 'slack', channel: 'C0KKR', user: 'a'.repeat(64), at: '2025-04-14T08:00:00.000Z', ...overrides };
}

function context(question: string, at: string): ThreadContext {
  return { question, mode: 'search', filters: {}, offset: 0, shown: 2, hasMore: true, itemIds: ['x-1', 'x-2'], at };
}

const thread = (t: string): Place => ({ platform: 'slack', channel: 'C0KKR', thread: t });

// One database per kind for the file (PGlite takes a second to start); each test starts from empty tables.
describe.each(DATABASE_KINDS)('state stores on $name', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await kind.open();
    await migrate(db.client, MIGRATIONS);
  });
  afterAll(() => db?.drop());
  beforeEach(async () => {
    await db.client.exec(`TRUNCATE ${[...STATE_TABLES, 'moedebot_secrets'].join(', ')}`);
  });

  describe('watches', () => {
    it('adds, lists oldest first, refuses the same topic in other case or spacing, and removes', async () => {
      const store = new PostgresWatchStore(db.client);
      const kkr = { platform: 'slack' as const, channel: 'C0KKR' };
      expect(await store.add({ ...kkr, topic: 'Fysioterapi', createdAt: '2025-04-01T08:00:00Z' })).toBe(true);
      expect(await store.add({ ...kkr, topic: 'flygtninge', createdAt: '2025-04-02T08:00:00Z' })).toBe(true);
      expect(await store.add({ platform: 'teams', channel: '19:x@thread.tacv2', topic: 'fysioterapi', createdAt: '2025-04-03T08:00:00Z' })).toBe(true);
      expect(await store.add({ ...kkr, topic: ' fysioterapi ', createdAt: '2025-04-04T08:00:00Z' })).toBe(false);
      expect((await store.list(kkr)).map((w) => w.topic)).toEqual(['Fysioterapi', 'flygtninge']);
      expect(await store.list()).toHaveLength(3);
      expect(await store.remove(kkr, 'FYSIOTERAPI')).toBe(true);
      expect(await store.remove(kkr, 'fysioterapi')).toBe(false);
      expect(await store.list(kkr)).toEqual([{ ...kkr, topic: 'flygtninge', createdAt: '2025-04-02T08:00:00Z' }]);
    });

    it('knows per channel which items were posted, and which material was checked; another bot sees the same', async () => {
      const store = new PostgresWatchStore(db.client);
      const other = new PostgresWatchStore(db.another());
      const kkr = { platform: 'slack' as const, channel: 'C0KKR' };
      expect(await store.checkedMaterial()).toBeUndefined();
      expect(await store.posted(kkr, ['a', 'b'])).toEqual(new Set());
      await store.markPosted(kkr, ['a', 'b']);
      await store.markPosted(kkr, ['b', 'c']);
      expect(await other.posted(kkr, ['a', 'c', 'd'])).toEqual(new Set(['a', 'c']));
      expect(await other.posted({ platform: 'discord', channel: 'C0KKR' }, ['a'])).toEqual(new Set());
      await store.setCheckedMaterial(['m1#agenda', 'm1#minutes']);
      await other.setCheckedMaterial(['m1#agenda', 'm1#minutes', 'm2#agenda']);
      expect(await store.checkedMaterial()).toEqual(['m1#agenda', 'm1#minutes', 'm2#agenda']);
      await store.setCheckedMaterial([]);
      expect(await other.checkedMaterial()).toEqual([]);
    });

    it('lets one bot claim a channel\'s items: the other is told they are being posted, then that they are done', async () => {
      const a = new PostgresWatchStore(db.client);
      const b = new PostgresWatchStore(db.another());
      const kkr = { platform: 'slack' as const, channel: 'C0KKR' };
      expect(await a.claim(kkr, ['i1', 'i2'])).toEqual({ mine: ['i1', 'i2'], elsewhere: [] });
      expect(await b.claim(kkr, ['i2', 'i3'])).toEqual({ mine: ['i3'], elsewhere: ['i2'] });
      // A failed post lets its items go; posted items are nobody's to claim.
      await a.release(kkr, ['i2']);
      await a.markPosted(kkr, ['i1']);
      expect(await b.claim(kkr, ['i1', 'i2'])).toEqual({ mine: ['i2'], elsewhere: [] });
      expect(await b.posted(kkr, ['i1', 'i2', 'i3'])).toEqual(new Set(['i1']));
      // A bot whose claims last no time at all stands for one that died mid-post.
      const dead = new PostgresWatchStore(db.client, { claimMs: 0 });
      expect(await dead.claim(kkr, ['i9'])).toEqual({ mine: ['i9'], elsewhere: [] });
      expect(await a.claim(kkr, ['i9'])).toEqual({ mine: ['i9'], elsewhere: [] });
    });
  });

  describe('feedback', () => {
    it('replaces a user\'s earlier vote on the same answer, putting it last, and filters by time', async () => {
      const store = new PostgresFeedbackStore(db.client);
      await store.addVote(vote());
      await store.addVote(vote({ itemId: 'other-item', at: '2025-04-14T09:00:00.000Z' }));
      await store.addVote(vote({ vote: 'down', at: '2025-04-15T08:00:00.000Z' }));
      expect((await store.votes()).map((v) => [v.itemId, v.vote])).toEqual([
        ['other-item', 'up'],
        ['kkr-2025-04-11-3.6', 'down'],
      ]);
      expect((await store.votes('2025-04-15')).map((v) => v.vote)).toEqual(['down']);
      // Another user's vote on the same answer is a vote of its own; a vote without an item too.
      await store.addVote(vote({ user: 'b'.repeat(64) }));
      const { itemId: _, ...withoutItem } = vote();
      await store.addVote(withoutItem);
      expect(await new PostgresFeedbackStore(db.another()).votes()).toHaveLength(4);
      expect((await store.votes()).at(-1)).toEqual(withoutItem);
    });

    it('keeps the newest entries of each kind only', async () => {
      const store = new PostgresFeedbackStore(db.client, { maxEntries: 3 });
      for (let i = 1; i <= 5; i++) {
        await store.addVote(vote({ question: `q${i}`, at: `2025-04-1${i}T08:00:00.000Z` }));
        await store.addUnanswered({ question: `u${i}`, platform: 'teams', channel: 'c', at: `2025-04-1${i}T08:00:00.000Z` });
      }
      expect((await store.votes()).map((v) => v.question)).toEqual(['q3', 'q4', 'q5']);
      expect((await store.unanswered()).map((u) => u.question)).toEqual(['u3', 'u4', 'u5']);
      expect((await store.unanswered('2025-04-15')).map((u) => u.question)).toEqual(['u5']);
    });

    it('shares one generated key among the bots, taking over the one in DATA_DIR when there is one', async () => {
      const dataDir = tempDir();
      const kept = 'f'.repeat(64);
      writeFileSync(path.join(dataDir, FEEDBACK_SALT_FILE), `${kept}\n`);
      expect(await sharedFeedbackSalt(db.client, dataDir)).toBe(kept);
      // A second bot with a DATA_DIR of its own (no file, or another key) gets the same key.
      expect(await sharedFeedbackSalt(db.another(), tempDir())).toBe(kept);
      expect(await sharedFeedbackSalt(db.another(), tempDir(), 'configured-salt-0123456789')).toBe('configured-salt-0123456789');
      await db.client.exec('TRUNCATE moedebot_secrets');
      const generated = await sharedFeedbackSalt(db.client, tempDir());
      expect(generated).toMatch(/^[0-9a-f]{64}$/);
      expect(await sharedFeedbackSalt(db.another(), tempDir())).toBe(generated);
    });
  });

  describe('thread contexts', () => {
    it('gives a thread its context until it expires, to any bot on the database', async () => {
      let now = new Date('2025-04-14T08:00:00.000Z');
      const store = new PostgresThreadContextStore(db.client, { hours: 2, now: () => now });
      const other = new PostgresThreadContextStore(db.another(), { hours: 2, now: () => now });
      await store.set(thread('1.1'), context('kommunerne', now.toISOString()));
      expect(await other.get(thread('1.1'))).toEqual(context('kommunerne', now.toISOString()));
      expect(await other.get(thread('1.2'))).toBeUndefined();
      await other.set(thread('1.1'), context('og i 2024?', now.toISOString()));
      expect((await store.get(thread('1.1')))?.question).toBe('og i 2024?');
      now = new Date('2025-04-14T10:00:01.000Z');
      expect(await store.get(thread('1.1'))).toBeUndefined();
      // A context whose time cannot be read never counts as live.
      await store.set(thread('1.3'), context('x', 'not a time'));
      expect(await store.get(thread('1.3'))).toBeUndefined();
    });

    it('forgets the least recently answered threads beyond the limit, and expired ones', async () => {
      const now = new Date('2025-04-14T08:00:00.000Z');
      const store = new PostgresThreadContextStore(db.client, { hours: 24, maxThreads: 2, now: () => now });
      await store.set(thread('1'), context('a', '2025-04-13T07:00:00.000Z'));
      await store.set(thread('2'), context('b', now.toISOString()));
      await store.set(thread('3'), context('c', now.toISOString()));
      await store.set(thread('2'), context('b2', now.toISOString()));
      await store.set(thread('4'), context('d', now.toISOString()));
      const { rows } = await db.client.query<{ thread_key: string }>('SELECT thread_key FROM thread_contexts ORDER BY seq');
      expect(rows.map((r) => r.thread_key)).toEqual([threadKey(thread('2')), threadKey(thread('4'))]);
      expect(await store.get(thread('3'))).toBeUndefined();
      expect((await store.get(thread('2')))?.question).toBe('b2');
    });
  });

  describe('Teams conversations', () => {
    it('a conversation one bot saw is known to the other; unchanged addresses are not written again', async () => {
      const first = new PostgresConversationStore(db.client);
      const second = new PostgresConversationStore(db.another());
      expect(await first.remember(installedInTeam({ serviceUrl }) as never)).toMatchObject({ teamName: 'Kommunens KKR-team', kind: 'channel' });
      const team = (await first.list())[0]!;
      expect(await second.get(team.id)).toEqual(team);
      // A message in a channel thread is stored under the channel, and found by the thread's id too.
      expect(await second.remember(channelMessage({ serviceUrl, text: 'x' }) as never)).toMatchObject({ id: CHANNEL_ID, kind: 'channel' });
      expect(await second.remember(channelMessage({ serviceUrl, text: 'y' }) as never)).toBeUndefined();
      expect(await first.get(`${CHANNEL_ID};messageid=1712`)).toMatchObject({ id: CHANNEL_ID, serviceUrl });
      expect(await second.remember(personalMessage({ serviceUrl, text: 'hej' }) as never)).toMatchObject({ id: 'a:1personal-chat-mette', kind: 'personal' });
      expect(await second.remember(personalMessage({ serviceUrl, text: 'igen' }) as never)).toBeUndefined();
      const moved = 'https://smba.trafficmanager.net/apac/';
      expect(await first.remember(personalMessage({ serviceUrl: moved, text: 'hej' }) as never)).toMatchObject({ serviceUrl: moved });
      expect((await second.get('a:1personal-chat-mette'))?.serviceUrl).toBe(moved);
      expect(await first.list()).toHaveLength(3);
      expect(JSON.stringify(await first.list())).not.toContain('Mette');
      expect(await first.get('19:unknown@thread.tacv2')).toBeUndefined();
    });
  });

  describe('digest posts', () => {
    it('lets one bot claim a day\'s channel: the other is told it is being posted, then that it is done', async () => {
      const a = new PostgresDigestPostStore(db.client);
      const b = new PostgresDigestPostStore(db.another());
      expect(await a.claim('2025-06-02', 'slack:C1')).toBe('claimed');
      expect(await b.claim('2025-06-02', 'slack:C1')).toBe('elsewhere');
      // Claiming again is the same claimant renewing its claim.
      expect(await a.claim('2025-06-02', 'slack:C1')).toBe('claimed');
      expect(await a.countAttempt('2025-06-02')).toBe(1);
      await a.markPosted('2025-06-02', 'slack:C1', { date: '2025-06-02', meetings: ['m1'], items: ['i1'] });
      expect(await b.claim('2025-06-02', 'slack:C1')).toBe('done');
      expect(await a.claim('2025-06-02', 'slack:C1')).toBe('done');
      expect(await b.day('2025-06-02')).toEqual({ done: ['slack:C1'], attempts: 1 });
      expect(await b.previous('2025-06-03')).toEqual({ date: '2025-06-02', meetings: ['m1'], items: ['i1'] });
      expect(await b.previous('2025-06-02')).toBeUndefined();
    });

    it('a failed post lets the claim go with its error; a claim whose holder died lapses', async () => {
      const a = new PostgresDigestPostStore(db.client);
      const b = new PostgresDigestPostStore(db.another());
      expect(await a.claim('2025-06-02', 'slack:C1')).toBe('claimed');
      await a.countAttempt('2025-06-02');
      await a.release('2025-06-02', 'slack:C1', 'channel_not_found');
      expect(await b.day('2025-06-02')).toEqual({ done: [], attempts: 1, lastError: 'slack:C1: channel_not_found' });
      expect(await b.claim('2025-06-02', 'slack:C1')).toBe('claimed');
      expect(await b.countAttempt('2025-06-02')).toBe(2);
      // A bot whose claims last no time at all stands for one that died mid-post long ago.
      const dead = new PostgresDigestPostStore(db.client, { claimMs: 0 });
      expect(await dead.claim('2025-06-02', 'teams:19:x')).toBe('claimed');
      expect(await b.claim('2025-06-02', 'teams:19:x')).toBe('claimed');
      expect(await dead.claim('2025-06-02', 'teams:19:x')).toBe('elsewhere');
    });

    it('merges what two bots posted on one day into the record, and remembers 14 days', async () => {
      const a = new PostgresDigestPostStore(db.client);
      const b = new PostgresDigestPostStore(db.another());
      await a.claim('2025-06-02', 'slack:C1');
      await b.claim('2025-06-02', 'discord:D1');
      await a.countAttempt('2025-06-02');
      await a.markPosted('2025-06-02', 'slack:C1', { date: '2025-06-02', meetings: ['m1'], items: ['i1'] });
      await b.markPosted('2025-06-02', 'discord:D1', { date: '2025-06-02', meetings: ['m1', 'm2'], items: ['i2'] });
      expect(await a.previous('2025-06-03')).toEqual({ date: '2025-06-02', meetings: ['m1', 'm2'], items: ['i1', 'i2'] });
      expect((await a.day('2025-06-02')).done.sort()).toEqual(['discord:D1', 'slack:C1']);
      for (let d = 3; d <= 20; d++) {
        const day = `2025-06-${String(d).padStart(2, '0')}`;
        await a.claim(day, 'slack:C1');
        await a.countAttempt(day);
        await a.markPosted(day, 'slack:C1', { date: day, meetings: [], items: [] });
      }
      const days = await db.client.query<{ day: string }>('SELECT day FROM digest_days ORDER BY day');
      expect(days.rows.map((r) => r.day)).toEqual(Array.from({ length: 14 }, (_, i) => `2025-06-${String(i + 7).padStart(2, '0')}`));
      const records = await db.client.query<{ n: number }>('SELECT count(*)::int AS n FROM digest_records');
      expect(records.rows[0]!.n).toBe(14);
      expect((await db.client.query("SELECT 1 FROM digest_posts WHERE day < '2025-06-07'")).rows).toEqual([]);
    });
  });
});
