import { randomBytes } from 'node:crypto';
import { openSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type BotProcess, slackHttpEnv } from '../helpers/bot-process.js';
import { corpusWith, tempDir } from '../helpers/temp-dir.js';
import { SLACK_TEST_IDENTITY, startSlackApiServer, type SlackApiServer } from '../stand-ins/slack-api.js';
import { eventBody, messageEvent, postSigned } from '../stand-ins/slack-requests.js';
import { startTcpProxy, type TcpProxy } from '../stand-ins/tcp-proxy.js';

/**
 * The bot as a real process with its state in the server of DATABASE_URL, reached through a proxy
 * the test cuts: /healthz reports the database down, a question is answered with the usual error
 * id instead of silence or a crash, and once the database is back both work again without a
 * restart. Runs only when DATABASE_URL is set.
 */

const url = process.env.DATABASE_URL;
const PASSWORD = 'never-in-a-log-line-5521';
const schema = `moedebot_test_${randomBytes(6).toString('hex')}`;
let admin: pg.Client | undefined;
let proxy: TcpProxy | undefined;
let slack: SlackApiServer;
let bot: BotProcess | undefined;
let tsCounter = 100;
const nextTs = () => `1714000000.${String(tsCounter++).padStart(6, '0')}`;

beforeAll(async () => {
  if (!url) return;
  admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const server = new URL(url);
  proxy = await startTcpProxy(Number(server.port || 5432), server.hostname);
  slack = await startSlackApiServer();
});

afterAll(async () => {
  if (bot && bot.child.exitCode === null && bot.child.signalCode === null) bot.child.kill('SIGKILL');
  await bot?.exited;
  await slack?.close();
  await proxy?.close();
  await admin?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin?.end();
});

/** Asks /healthz until `done` holds for its answer. */
async function healthUntil(appUrl: string, done: (status: number, body: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
  for (;;) {
    const res = await fetch(`${appUrl}/healthz`);
    const body = (await res.json()) as Record<string, unknown>;
    if (done(res.status, body)) return body;
    await sleep(250);
  }
}

describe('the database going down under a running bot', () => {
  it.skipIf(!url)('is reported on /healthz, answered with an error id, and forgotten once it is back', { timeout: 120_000 }, async () => {
    const viaProxy = new URL(url!);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy!.port);
    viaProxy.password = PASSWORD;
    const corpusDir = corpusWith('kkr-hovedstaden-2024-06-18-dagsorden.txt');
    bot = startBot({
      stdin: openSync('/dev/null', 'r'),
      env: {
        DATABASE_URL: viaProxy.toString(),
        DATABASE_SCHEMA: schema,
        DATA_DIR: tempDir(),
        CORPUS_DIR: corpusDir,
        ...slackHttpEnv(slack.apiUrl),
      },
    });
    const listening = await bot.waitForLog('Slack app listening for /slack/events');
    const appUrl = `http://127.0.0.1:${listening.port}`;
    await bot.waitForLog('mødebot is ready');
    expect(await healthUntil(appUrl, (status) => status === 200)).toMatchObject({ status: 'ok', database: 'up' });
    const ask = async (text: string) => {
      const ts = nextTs();
      await postSigned(appUrl, eventBody(messageEvent(`<@${SLACK_TEST_IDENTITY.botUserId}> ${text}`, ts, { type: 'app_mention' })), 'application/json');
      return (await slack.nextCall('chat.postMessage')).args;
    };

    await proxy!.cut();
    expect(await healthUntil(appUrl, (_, body) => body.database === 'down')).toMatchObject({ status: 'unavailable' });
    const told = await ask('flygtninge');
    const id = /\(Fejl-id: ([2-9A-Z]{6})\)$/.exec(String(told.text))?.[1];
    expect(id).toBeDefined();
    await bot.waitFor(new RegExp(`"errorId":"${id}"`), 'err');
    expect(bot.logs().find((l) => l.errorId === id)?.err?.message).toMatch(/^PostgreSQL at postgres:\/\/127\.0\.0\.1:\d+\/\w+ is not reachable/);

    await proxy!.resume();
    expect(await healthUntil(appUrl, (status) => status === 200)).toMatchObject({ status: 'ok', database: 'up' });
    expect(JSON.stringify((await ask('flygtninge')).blocks)).toContain('Kommunefordeling af flygtninge for 2025');

    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    expect(bot.err()).not.toContain(PASSWORD);
    expect(bot.logs().filter((l) => l.msg?.includes('does not answer'))).toHaveLength(1);
    expect(bot.logs().filter((l) => l.msg?.includes('answers again'))).toHaveLength(1);
  });
});
