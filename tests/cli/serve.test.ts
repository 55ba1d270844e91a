import { execFileSync } from 'node:child_process';
import { existsSync, openSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postSigned, slashCommandBody } from '../stand-ins/slack-requests.js';
import { gone, startProcess, type BotProcess, slackHttpEnv } from '../helpers/bot-process.js';
import { startSlackApiServer, type SlackApiServer } from '../stand-ins/slack-api.js';
import { tempDir } from '../helpers/temp-dir.js';

/**
 * The production command: `npm run build` output run with `node` alone, as the `serve` script
 * says, serving Slack in HTTP mode against a local stand-in for Slack's Web API. The build goes to
 * a folder of its own inside the repository (so node_modules resolves), removed afterwards.
 */

const buildDir = path.join('tmp', `build-${process.pid}`);
const hadTmp = existsSync('tmp');
let serve: string[];
let slack: SlackApiServer;

beforeAll(() => {
  const script = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts.serve!;
  expect(script).toMatch(/^node dist\/\S+\.js$/);
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json', '--outDir', buildDir], { stdio: 'inherit' });
  serve = script.replace(/^node /, '').replace(/^dist\//, `${buildDir}/`).split(' ');
}, 180_000);

beforeAll(async () => {
  slack = await startSlackApiServer();
});

afterAll(async () => {
  await slack?.close();
  rmSync(hadTmp ? buildDir : 'tmp', { recursive: true, force: true });
});

async function startServing(graceMs: number): Promise<{ bot: BotProcess; url: string }> {
  const bot = startProcess(process.execPath, serve, {
    stdin: openSync('/dev/null', 'r'),
    env: {
      DATA_DIR: tempDir(),
      NODE_ENV: 'production',
      ...slackHttpEnv(slack.apiUrl, 'xoxb-serve-test'),
      SHUTDOWN_GRACE_MS: String(graceMs),
    },
  });
  const listening = await bot.waitForLog('Slack app listening for /slack/events');
  await bot.waitForLog('mødebot is ready');
  return { bot, url: `http://127.0.0.1:${listening.port}` };
}

describe('the production command (node dist/…)', () => {
  it('finishes the answer in flight when sent SIGTERM, then exits 0 leaving no process', async () => {
    const { bot, url } = await startServing(20_000);
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', platforms: { slack: 'connected' } });

    const hold = slack.holdResponses();
    const ack = await postSigned(url, slashCommandBody('fysioterapi', slack.responseUrl()), 'application/x-www-form-urlencoded');
    expect(ack.status).toBe(200);
    const answer = await slack.nextResponse();
    bot.child.kill('SIGTERM');
    await bot.waitForLog('stopping');
    // The answer is still on its way: the bot waits for it.
    expect(bot.child.exitCode).toBeNull();
    hold.release();
    expect(await bot.exited).toBe(0);
    await gone(bot.child.pid!);
    expect(JSON.stringify(answer.body)).toContain('3.6 Forslag til revision af kapacitetsdel af praksisplan for fysioterapi');
    const request = bot.logs().find((l) => l.msg === 'request');
    expect(request).toMatchObject({ platform: 'slack', kind: 'slash_command', outcome: 'ok', reqId: expect.any(String) });
    expect(bot.logs().at(-1)).toMatchObject({ msg: 'stopped' });
  });

  it('exits 0 when SHUTDOWN_GRACE_MS runs out before an answer finishes, saying so', async () => {
    const { bot, url } = await startServing(500);
    const hold = slack.holdResponses();
    try {
      await postSigned(url, slashCommandBody('fysioterapi', slack.responseUrl()), 'application/x-www-form-urlencoded');
      await slack.nextResponse();
      bot.child.kill('SIGTERM');
      expect(await bot.exited).toBe(0);
      expect(bot.logs().map((l) => l.msg)).toContain('answers still in flight when SHUTDOWN_GRACE_MS ran out; exiting without them');
    } finally {
      hold.release();
    }
  });
});
