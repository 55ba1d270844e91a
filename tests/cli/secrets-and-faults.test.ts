import { openSync } from 'node:fs';
import { WebSocketServer } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord, APP_ID } from '../stand-ins/discord.js';
import { startBot, type BotProcess } from '../helpers/bot-process.js';
import { SLACK_TEST_IDENTITY, startSlackApiServer, type SlackApiServer } from '../stand-ins/slack-api.js';
import { tempDir } from '../helpers/temp-dir.js';

/**
 * The bot with every platform configured and fake secrets, at LOG_LEVEL=debug, driven through its
 * error paths: Slack's Web API refusing Socket Mode with an error that echoes the tokens, Discord's
 * gateway down, Teams requests with a forged token. The platforms that are up serve while the others
 * are retried, and nothing the process prints holds a secret.
 */

const SECRETS = {
  SLACK_BOT_TOKEN: 'xoxb-1111111111-2222222222-fakeBotTokenValue',
  SLACK_SIGNING_SECRET: 'signing-secret-value-8f3a9c',
  SLACK_APP_TOKEN: 'xapp-1-A0FAKE-3333333333-fakeAppTokenValue',
  DISCORD_TOKEN: 'discord-token-value.Zq7~x',
  TEAMS_APP_PASSWORD: 'teams~password"value\\9',
};

let slack: SlackApiServer;
let discord: FakeDiscord;
let wss: WebSocketServer;
let bot: BotProcess;

beforeAll(async () => {
  slack = await startSlackApiServer();
  // The first check of the token fails with an error that repeats secrets back (as a misbehaving
  // proxy might), so they reach the SDK's error and our log line about it; then Socket Mode is refused.
  slack.failNext('auth.test', `internal_error ${Object.values(SECRETS).join(' ')}`);
  slack.respondWith('apps.connections.open', { ok: false, error: 'internal_error', echoed: `${SECRETS.SLACK_APP_TOKEN} Bearer ${SECRETS.SLACK_BOT_TOKEN}` });
  discord = await new FakeDiscord().start();
  discord.gatewayDown = true;
  wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  wss.on('connection', (socket) => socket.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: SLACK_TEST_IDENTITY.appId } })));
});

afterAll(async () => {
  if (bot && bot.child.exitCode === null) bot.child.kill('SIGKILL');
  await new Promise<void>((resolve) => wss?.close(() => resolve()));
  await discord?.close();
  await slack?.close();
});

async function health(port: number): Promise<{ status: number; body: any }> {
  const res = await fetch(`http://127.0.0.1:${port}/healthz`);
  return { status: res.status, body: await res.json() };
}

describe('the bot with fake secrets at LOG_LEVEL=debug, through its error paths', () => {
  it('serves Teams while Slack and Discord are retried, and prints none of the secrets', async () => {
    bot = startBot({
      stdin: openSync('/dev/null', 'r'),
      env: {
        ...SECRETS,
        DATA_DIR: tempDir(),
        LOG_LEVEL: 'debug',
        SLACK_API_URL: slack.apiUrl,
        DISCORD_APPLICATION_ID: APP_ID,
        DISCORD_API_URL: discord.api,
        TEAMS_APP_ID: '00000000-0000-0000-0000-00000000aaaa',
        TEAMS_TENANT_ID: '00000000-0000-0000-0000-00000000bbbb',
        TEAMS_PORT: '0',
      },
    });
    const teams = await bot.waitForLog('teams adapter listening');
    await bot.waitForLog('mødebot is ready');
    await bot.waitFor(/slack could not start; retrying in/, 'err');

    const down = await health(teams.port);
    expect(down.status).toBe(503);
    expect(down.body.platforms.teams).toBe('connected');
    expect(down.body.platforms.slack).not.toBe('connected');
    expect(down.body.platforms.discord).not.toBe('connected');

    // Teams answers while the others are down: a forged token is refused, and logged.
    const forged = await fetch(`http://127.0.0.1:${teams.port}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${SECRETS.TEAMS_APP_PASSWORD}.forged.jwt` },
      body: JSON.stringify({ type: 'message', text: 'fysioterapi' }),
    });
    expect(forged.status).toBe(401);

    // Slack's Web API comes back: the next retry connects.
    slack.respondWith('apps.connections.open', { ok: true, url: `ws://127.0.0.1:${(wss.address() as { port: number }).port}/link` });
    await bot.waitForLog('Slack app connected in Socket Mode');
    expect((await health(teams.port)).body.platforms.slack).toBe('connected');

    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);

    const printed = `${bot.out()}\n${bot.err()}`;
    expect(bot.logs().some((l) => l.level === 20)).toBe(true);
    for (const [name, value] of Object.entries(SECRETS)) {
      for (const spelling of [value, JSON.stringify(value).slice(1, -1), encodeURIComponent(value)]) {
        expect(printed.includes(spelling), `${name} appears in the output`).toBe(false);
      }
    }
    // They were there to leak: the error line about Slack's first attempt had them, scrubbed.
    expect(bot.logs().find((l) => /slack could not start/.test(l.msg))?.err?.message).toContain('[hidden]');
  }, 90_000);
});
