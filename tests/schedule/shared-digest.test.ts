import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AnswerEngine } from '../../src/answer/types.js';
import { migrate } from '../../src/db/migrate.js';
import { MIGRATIONS } from '../../src/db/migrations/index.js';
import type { SqlClient } from '../../src/db/sql-client.js';
import { startDigestScheduler, type DigestScheduler } from '../../src/schedule/digest-scheduler.js';
import { PostgresDigestPostStore } from '../../src/schedule/postgres-digest-post-store.js';
import { DATABASE_KINDS, type TestDatabase } from '../helpers/databases.js';
import { openSeedEngine } from '../digest/seed-engine.js';
import { capturingLogger, digestConfig, recordingTarget } from './helpers.js';

/**
 * Two bots sharing one database, in one process: each its own client (a pool of its own on the
 * server), its own scheduler and its own connection to the platform, the same channels.
 */

let engine: AnswerEngine;
const running: DigestScheduler[] = [];
const DAY = '2025-06-02';
/** Monday 2 June 2025, 08:00 in Copenhagen: after that morning's posting time. */
const MONDAY_8AM = () => new Date('2025-06-02T06:00:00Z');

beforeAll(async () => {
  ({ engine } = await openSeedEngine());
});

afterEach(() => {
  for (const s of running.splice(0)) s.stop();
});

function bot(client: SqlClient, options: { catchUp?: boolean; claimMs?: number } = {}) {
  const log = capturingLogger();
  const platform = recordingTarget();
  const scheduler = startDigestScheduler({
    engine,
    targets: [{ target: platform.target, channels: ['C1', 'C2'] }],
    config: digestConfig(),
    posts: new PostgresDigestPostStore(client, options.claimMs !== undefined ? { claimMs: options.claimMs } : {}),
    logger: log.logger,
    corpusDir: 'corpus',
    now: MONDAY_8AM,
    catchUp: options.catchUp ?? false,
  });
  running.push(scheduler);
  return { scheduler, log, posts: platform.posts };
}

describe.each(DATABASE_KINDS)('two digest schedulers on one database ($name)', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await kind.open();
    await migrate(db.client, MIGRATIONS);
  });
  afterAll(() => db?.drop());
  afterEach(async () => {
    await db.client.exec('TRUNCATE digest_days, digest_posts, digest_records');
  });

  it('post each channel the day\'s digest once between them, and a restarted bot posts nothing more', async () => {
    const a = bot(db.client);
    const b = bot(db.another());
    const results = await Promise.all([a.scheduler.runOnce(DAY), b.scheduler.runOnce(DAY), a.scheduler.runOnce(DAY), b.scheduler.runOnce(DAY)]);
    const posted = [...a.posts, ...b.posts].map((p) => p.channel).sort();
    expect(posted).toEqual(['C1', 'C2']);
    expect(results.flatMap((r) => r.posted).sort()).toEqual(['slack:C1', 'slack:C2']);
    expect(results.every((r) => r.failed.length === 0)).toBe(true);

    // Bot A restarts: its catch-up finds the day done.
    a.scheduler.stop();
    const restarted = bot(db.another(), { catchUp: true });
    await restarted.log.waitFor('digest already posted today');
    expect(restarted.posts).toEqual([]);
    expect((await b.scheduler.runOnce(DAY)).status).toBe('already-posted');
    expect(b.posts.length + a.posts.length).toBe(2);
  });

  it('leave a channel to the bot posting it, and take it over once that bot\'s claim lapsed', async () => {
    const a = bot(db.client);
    // A bot that claimed C1 and is posting it right now.
    const busy = new PostgresDigestPostStore(db.another());
    expect(await busy.claim(DAY, 'slack:C1')).toBe('claimed');
    const first = await a.scheduler.runOnce(DAY);
    expect(first).toMatchObject({ status: 'posted', posted: ['slack:C2'], elsewhere: ['slack:C1'] });
    expect((await a.scheduler.runOnce(DAY)).status).toBe('posting-elsewhere');
    expect(a.posts.map((p) => p.channel)).toEqual(['C2']);

    // A bot whose claims last no time at all died mid-post: the next attempt posts for it.
    const dying = new PostgresDigestPostStore(db.another(), { claimMs: 0 });
    await db.client.query("DELETE FROM digest_posts WHERE channel = 'slack:C1'");
    expect(await dying.claim(DAY, 'slack:C1')).toBe('claimed');
    expect(await a.scheduler.runOnce(DAY)).toMatchObject({ status: 'posted', posted: ['slack:C1'] });
    expect(a.posts.map((p) => p.channel)).toEqual(['C2', 'C1']);
  });
});
