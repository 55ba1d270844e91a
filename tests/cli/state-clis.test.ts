import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Digest } from '../../src/digest/types.js';
import { openStores, type StateStores } from '../../src/state/open-stores.js';
import { tempDir } from '../helpers/temp-dir.js';

/**
 * `npm run digest` and `npm run feedback` read what the bots keep in the database when
 * DATABASE_URL is set, and write nothing to DATA_DIR. Runs only when DATABASE_URL is set.
 */

const run = promisify(execFile);
const url = process.env.DATABASE_URL;
const schema = `moedebot_test_${randomBytes(6).toString('hex')}`;
let admin: pg.Client | undefined;
let stores: StateStores | undefined;

function cli(script: string, args: string[], dataDir: string) {
  return run(process.execPath, ['--import', 'tsx', `src/cli/${script}.ts`, ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', CORPUS_DIR: 'corpus', DATA_DIR: dataDir, LOG_LEVEL: 'silent', DATABASE_URL: url, DATABASE_SCHEMA: schema },
  });
}

beforeAll(async () => {
  if (!url) return;
  admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  stores = await openStores({ dataDir: tempDir(), database: { url, poolMax: 2, statementTimeoutMs: 5_000, connectSeconds: 5, schema }, threadContextHours: 0 });
});

afterAll(async () => {
  await stores?.close();
  await admin?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin?.end();
});

describe('the state CLIs with DATABASE_URL', () => {
  it.skipIf(!url)('npm run digest marks what is new since the digest a bot posted, as the database has it', async () => {
    // A bot posted a digest on 7 June 2024 that showed nothing yet.
    const posts = stores!.digestPosts;
    expect(await posts.claim('2024-06-07', 'slack:C1')).toBe('claimed');
    await posts.countAttempt('2024-06-07');
    await posts.markPosted('2024-06-07', 'slack:C1', { date: '2024-06-07', meetings: [], items: [] });
    const dataDir = tempDir();
    const digest = JSON.parse((await cli('digest', ['--date', '2024-06-10', '--json'], dataDir)).stdout) as Digest;
    // Without that record nothing would be marked new.
    expect(digest.meetings.find((m) => m.committee === 'KKR Hovedstaden')).toMatchObject({ date: '2024-06-18', isNew: true });
    expect(fs.readdirSync(dataDir).filter((f) => !f.startsWith('index'))).toEqual([]);
  });

  it.skipIf(!url)('npm run feedback reports the votes and unanswered questions the bots stored', async () => {
    await stores!.feedback.addVote({ vote: 'down', question: 'flygtninge', itemId: 'kkr-hovedstaden-2024-06-18-4.3', platform: 'slack', channel: 'C1', user: 'a'.repeat(64), at: '2024-06-10T08:00:00.000Z' });
    await stores!.feedback.addUnanswered({ question: 'hvad koster en cykelsti', platform: 'teams', channel: '19:x', at: '2024-06-10T09:00:00.000Z' });
    const dataDir = tempDir();
    const report = JSON.parse((await cli('feedback', ['--json'], dataDir)).stdout);
    expect(report.totals).toMatchObject({ down: 1 });
    expect(report.downVoted).toEqual([expect.objectContaining({ question: 'flygtninge', count: 1, platforms: ['slack'] })]);
    expect(JSON.stringify(report)).toContain('hvad koster en cykelsti');
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });
});
