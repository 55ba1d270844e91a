import { openSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { localDay } from '../../src/digest/dates.js';
import { startBot, type BotProcess, slackHttpEnv } from '../helpers/bot-process.js';
import { corpusWith, tempDir } from '../helpers/temp-dir.js';
import { startSlackApiServer, type SlackApiServer } from '../stand-ins/slack-api.js';

/**
 * Two real bot processes, each with a DATA_DIR of its own, sharing one database (a schema made for
 * the test on the server in DATABASE_URL) and one Slack workspace (a local stand-in for its Web
 * API), with a digest cron firing every two seconds: each channel gets the day's digest once, not
 * once per bot, and still once after one of them restarts. Runs only when DATABASE_URL is set.
 */

const url = process.env.DATABASE_URL;
const CHANNELS = ['C0DIGEST1', 'C0DIGEST2'];
const schema = `moedebot_test_${randomBytes(6).toString('hex')}`;
let admin: pg.Client | undefined;
let slack: SlackApiServer;
let corpusDir: string;
const bots: BotProcess[] = [];

beforeAll(async () => {
  if (!url) return;
  admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  slack = await startSlackApiServer();
  corpusDir = corpusWith('kkr-hovedstaden-2025-04-11-dagsorden.txt');
  // No meeting ahead yet: the bots fire and find nothing to post until the test adds one.
  writeFileSync(path.join(corpusDir, 'calendar.json'), JSON.stringify({ meetings: [] }));
});

afterAll(async () => {
  for (const bot of bots) if (bot.child.exitCode === null && bot.child.signalCode === null) bot.child.kill('SIGKILL');
  await Promise.all(bots.map((b) => b.exited));
  await slack?.close();
  await admin?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin?.end();
});

async function startDigestBot(): Promise<BotProcess> {
  const bot = startBot({
    stdin: openSync('/dev/null', 'r'),
    env: {
      DATABASE_URL: url,
      DATABASE_SCHEMA: schema,
      DATA_DIR: tempDir(),
      CORPUS_DIR: corpusDir,
      ...slackHttpEnv(slack.apiUrl),
      DIGEST_SLACK_CHANNELS: CHANNELS.join(','),
      // Every two seconds (croner's six-field form, seconds first): many chances to post twice.
      DIGEST_CRON: '*/2 * * * * *',
    },
  });
  bots.push(bot);
  await bot.waitForLog('mødebot is ready');
  return bot;
}

const count = (bot: BotProcess, msg: string) => bot.logs().filter((l) => l.msg === msg).length;

/** Resolves once `bot` has logged `msg` `times` times; rejects if it exits first. */
function logged(bot: BotProcess, msg: string, times: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (count(bot, msg) >= times) {
        bot.child.stderr!.off('data', check);
        resolve();
      } else if (bot.child.exitCode !== null || bot.child.signalCode !== null) {
        reject(new Error(`the bot ended before logging "${msg}" ${times} times:\n${bot.err()}`));
      }
    };
    bot.child.stderr!.on('data', check);
    void bot.exited.then(check);
    check();
  });
}

function digestPosts(): string[] {
  return slack
    .callsOf('chat.postMessage')
    .map((c) => String(c.args.channel))
    .sort();
}

describe('two bots with one DATABASE_URL', () => {
  it.skipIf(!url)('post one digest per channel and day between them, also across a restart of either', async () => {
    const [first, second] = await Promise.all([startDigestBot(), startDigestBot()]);
    const state = first.logs().find((l) => l.msg?.startsWith('state kept in the database'));
    expect(state).toMatchObject({ state: 'postgres' });
    expect(JSON.stringify(first.logs())).not.toMatch(/postgres:\/\/postgres@/);

    await logged(first, 'no upcoming meetings known; no digest posted', 1);
    await logged(second, 'no upcoming meetings known; no digest posted', 1);
    // A meeting three days ahead (so there is a digest whatever day the test runs), added while
    // both run: the calendar is read at every tick, and both bots' next tick is the same second.
    const inThreeDays = localDay(new Date(Date.now() + 3 * 86_400_000), 'Europe/Copenhagen');
    writeFileSync(path.join(corpusDir, 'calendar.json'), JSON.stringify({ meetings: [{ committee: 'KKR Hovedstaden', date: inThreeDays, time: '10.00-12.00' }] }));

    // Both have fired after the posts and found the day done.
    await logged(first, 'digest already posted today', 2);
    await logged(second, 'digest already posted today', 2);
    expect(digestPosts()).toEqual(CHANNELS);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    const restarted = await startDigestBot();
    await logged(restarted, 'digest already posted today', 2);
    await logged(second, 'digest already posted today', count(second, 'digest already posted today') + 2);
    expect(digestPosts()).toEqual(CHANNELS);

    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    restarted.child.kill('SIGTERM');
    expect(await restarted.exited).toBe(0);
  });
});
