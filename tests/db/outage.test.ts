import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { AnswerEngine } from '../../src/answer/types.js';
import { DatabaseError } from '../../src/db/database-error.js';
import { startDigestScheduler } from '../../src/schedule/digest-scheduler.js';
import { Health } from '../../src/service/health.js';
import { openStores, type StateStores } from '../../src/state/open-stores.js';
import { openSeedEngine } from '../digest/seed-engine.js';
import { capturingLogger, digestConfig, recordingTarget } from '../schedule/helpers.js';
import { startTcpProxy, type TcpProxy } from '../stand-ins/tcp-proxy.js';
import { tempDir } from '../helpers/temp-dir.js';

/**
 * The database going away while the bot runs, and coming back: the server in DATABASE_URL behind a
 * proxy the test cuts. Runs only when DATABASE_URL is set (PGlite, in process, cannot go away).
 */

const url = process.env.DATABASE_URL;
const PASSWORD = 'never-in-a-message-7319';
const schema = `moedebot_test_${randomBytes(6).toString('hex')}`;
let admin: pg.Client | undefined;
let proxy: TcpProxy | undefined;
let stores: StateStores | undefined;
let engine: AnswerEngine;

beforeAll(async () => {
  if (!url) return;
  admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const server = new URL(url);
  proxy = await startTcpProxy(Number(server.port || 5432), server.hostname);
  const viaProxy = new URL(url);
  viaProxy.hostname = '127.0.0.1';
  viaProxy.port = String(proxy.port);
  // Trust authentication ignores it; it is there to show that no message carries it.
  viaProxy.password = PASSWORD;
  stores = await openStores({
    dataDir: tempDir(),
    database: { url: viaProxy.toString(), poolMax: 2, statementTimeoutMs: 5_000, connectSeconds: 5, schema },
    threadContextHours: 24,
  });
  ({ engine } = await openSeedEngine());
});

afterAll(async () => {
  await stores?.close();
  await proxy?.close();
  await admin?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin?.end();
});

describe('a database that goes down while the bot runs', () => {
  it.skipIf(!url)('is reported on /healthz, fails calls with a retryable error, and is used again when it is back', async () => {
    const database = stores!.database!;
    const health = new Health();
    health.indexLoaded(1, 1);
    health.database(() => database.state());
    const kkr = { platform: 'slack' as const, channel: 'C0KKR' };
    expect(await stores!.watches.add({ ...kkr, topic: 'fysioterapi', createdAt: '2025-04-01T08:00:00Z' })).toBe(true);
    expect(health.report()).toMatchObject({ status: 'ok', database: 'up' });

    await proxy!.cut();
    const failure = await stores!.watches.list(kkr).catch((e: unknown) => e);
    // The failed call itself reports the outage, before any health check runs.
    expect(database.state()).toBe('down');
    expect(health.report()).toMatchObject({ status: 'unavailable', database: 'down' });
    expect(await database.check()).toBe('down');
    expect(failure).toBeInstanceOf(DatabaseError);
    expect((failure as DatabaseError).retryable).toBe(true);
    expect((failure as Error).message).toMatch(/^PostgreSQL at postgres:\/\/127\.0\.0\.1:\d+\/\w+ is not reachable/);
    expect((failure as Error).message).not.toContain(PASSWORD);

    // The digest's attempt fails and is retried; the scheduled run catches it (see runScheduled).
    const log = capturingLogger();
    const platform = recordingTarget();
    const scheduler = startDigestScheduler({
      engine,
      targets: [{ target: platform.target, channels: ['C1'] }],
      config: digestConfig(),
      posts: stores!.digestPosts,
      logger: log.logger,
      corpusDir: 'corpus',
      now: () => new Date('2025-06-02T06:00:00Z'),
      catchUp: false,
    });
    try {
      await expect(scheduler.runOnce('2025-06-02')).rejects.toBeInstanceOf(DatabaseError);
      expect(platform.posts).toEqual([]);

      await proxy!.resume();
      expect(await database.check()).toBe('up');
      expect(health.report()).toMatchObject({ status: 'ok', database: 'up' });
      expect((await stores!.watches.list(kkr)).map((w) => w.topic)).toEqual(['fysioterapi']);
      expect(await scheduler.runOnce('2025-06-02')).toMatchObject({ status: 'posted', posted: ['slack:C1'] });
      expect(platform.posts.map((p) => p.channel)).toEqual(['C1']);
    } finally {
      scheduler.stop();
    }
  });
});
