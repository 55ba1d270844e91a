import { copyFileSync, openSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_FEEDBACK_DOWN } from '../../src/adapters/slack/action-ids.js';
import { startBot, startProcess, type BotProcess, slackHttpEnv } from '../helpers/bot-process.js';
import { corpusWith, tempDir } from '../helpers/temp-dir.js';
import { SLACK_TEST_IDENTITY, startSlackApiServer, type SlackApiServer } from '../stand-ins/slack-api.js';
import { TEST_CHANNEL, blockActionBody, eventBody, messageEvent, postSigned, slashCommandBody } from '../stand-ins/slack-requests.js';

/**
 * The bot as a real process in Slack's HTTP mode, driven from outside with signed requests, its
 * Web API calls going to a local stand-in: a follow-up in a thread without a mention, a 👎 listed by
 * `npm run feedback`, a topic watch posting a new agenda's physiotherapy item once (and not again
 * after a restart), and a refused post told to the user with the error id that is in the log.
 */

type Json = Record<string, any>;
let slack: SlackApiServer;
let corpusDir: string;
let dataDir: string;
let bot: BotProcess | undefined;
let appUrl: string;
let tsCounter = 100;
const nextTs = () => `1713000000.${String(tsCounter++).padStart(6, '0')}`;

beforeAll(async () => {
  slack = await startSlackApiServer();
  // The corpus starts with June 2024; April 2025 (with item 3.6 on physiotherapy) arrives later.
  corpusDir = corpusWith('kkr-hovedstaden-2024-06-18-dagsorden.txt');
  dataDir = tempDir();
});

afterAll(async () => {
  // The tests below share one bot process (and its restart); whatever a failure left running goes.
  if (bot && bot.child.exitCode === null && bot.child.signalCode === null) bot.child.kill('SIGKILL');
  await slack?.close();
});

async function startSlackBot(): Promise<BotProcess> {
  const started = startBot({
    stdin: openSync('/dev/null', 'r'),
    env: {
      DATA_DIR: dataDir,
      CORPUS_DIR: corpusDir,
      ...slackHttpEnv(slack.apiUrl),
    },
  });
  const listening = await started.waitForLog('Slack app listening for /slack/events');
  appUrl = `http://127.0.0.1:${listening.port}`;
  await started.waitForLog('mødebot is ready');
  return started;
}

async function stopBot(): Promise<void> {
  bot!.child.kill('SIGTERM');
  expect(await bot!.exited).toBe(0);
  bot = undefined;
}

async function mention(text: string, ts: string): Promise<Json> {
  await postSigned(appUrl, eventBody(messageEvent(`<@${SLACK_TEST_IDENTITY.botUserId}> ${text}`, ts, { type: 'app_mention' })), 'application/json');
  return (await slack.nextCall('chat.postMessage')).args;
}

describe('the bot in Slack HTTP mode, driven from outside', () => {
  it('answers a follow-up in its thread without a mention, read in the thread\'s context', async () => {
    bot = await startSlackBot();
    const ts = nextTs();
    const answer = await mention('flygtninge', ts);
    expect(answer.thread_ts).toBe(ts);
    expect(JSON.stringify(answer.blocks)).toContain('Kommunefordeling af flygtninge for 2025');

    await postSigned(appUrl, eventBody(messageEvent('vis punkt 4.1', nextTs(), { channel_type: 'channel', thread_ts: ts })), 'application/json');
    const followUp = (await slack.nextCall('chat.postMessage')).args;
    expect(followUp).toMatchObject({ channel: TEST_CHANNEL, thread_ts: ts });
    expect(JSON.stringify(followUp.blocks)).toContain('4.1 Aftale om opgaveoverdragelse på sundhedsområdet');
  });

  it('records a 👎 click, which npm run feedback -- --json lists', async () => {
    const answer = await mention('flygtninge', nextTs());
    const down = (answer.blocks as Json[]).flatMap((b) => (b.type === 'actions' ? b.elements : [])).find((e: Json) => e.action_id === ACTION_FEEDBACK_DOWN);
    await postSigned(appUrl, blockActionBody({ actionId: ACTION_FEEDBACK_DOWN, value: down.value, responseUrl: slack.responseUrl(), messageTs: nextTs() }), 'application/x-www-form-urlencoded');
    expect((await slack.nextResponse()).body.text).toContain('Tak for besked');

    const cli = startProcess('npm', ['run', '--silent', 'feedback', '--', '--json'], { env: { DATA_DIR: dataDir } });
    expect(await cli.exited).toBe(0);
    const report = JSON.parse(cli.out());
    expect(report.totals).toMatchObject({ down: 1 });
    expect(report.downVoted).toEqual([expect.objectContaining({ question: 'flygtninge', itemId: 'kkr-hovedstaden-2024-06-18-4.3', count: 1, platforms: ['slack'] })]);
    expect(cli.out()).not.toContain('U0ASKER');
  });

  it('posts a new agenda\'s physiotherapy item once to the channel that follows it, and not again after a restart', async () => {
    await postSigned(appUrl, slashCommandBody('følg fysioterapi', slack.responseUrl()), 'application/x-www-form-urlencoded');
    expect((await slack.nextResponse()).body).toMatchObject({ response_type: 'in_channel', text: expect.stringMatching(/^Kanalen følger nu «fysioterapi»/) });

    copyFileSync('corpus/kkr-hovedstaden-2025-04-11-dagsorden.txt', path.join(corpusDir, 'kkr-hovedstaden-2025-04-11-dagsorden.txt'));
    // The corpus watcher re-indexes within seconds; 30 s is how long the test waits, not a speed requirement.
    const post = (await slack.nextCall('chat.postMessage', 30_000)).args;
    expect(post.channel).toBe(TEST_CHANNEL);
    expect(post.text).toMatch(/^Nyt om «fysioterapi»/);
    expect(JSON.stringify(post.blocks)).toContain('3.6 Forslag til revision af kapacitetsdel af praksisplan for fysioterapi');
    await bot!.waitFor(/"msg":"topic watch posted"/, 'err');
    await stopBot();

    bot = await startSlackBot();
    await bot.waitForLog('topic watches checked');
    // A question after the restart's check: its answer is the next post, so no watch post came before it.
    const ts = nextTs();
    expect((await mention('hjælp', ts)).thread_ts).toBe(ts);
    expect(slack.callsOf('chat.postMessage').filter((c) => String(c.args.text).startsWith('Nyt om'))).toHaveLength(1);
  });

  it('tells the asker with an error id when Slack refuses the answer, and logs the same id', async () => {
    slack.failNext('chat.postMessage', 'invalid_blocks');
    const ts = nextTs();
    await mention('fysioterapi', ts);
    const told = (await slack.nextCall('chat.postMessage')).args;
    expect(told.thread_ts).toBe(ts);
    const id = /\(Fejl-id: ([2-9A-Z]{6})\)$/.exec(String(told.text))?.[1];
    expect(id).toBeDefined();
    const logged = await bot!.waitFor(new RegExp(`"errorId":"${id}"`), 'err');
    expect(logged).toBeDefined();
    expect(bot!.logs().find((l) => l.errorId === id)).toMatchObject({ level: 50, err: expect.objectContaining({ message: expect.stringContaining('invalid_blocks') }) });
    await stopBot();
  });
});
