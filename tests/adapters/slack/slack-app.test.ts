import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_MORE_RESULTS, ACTION_SHOW_ITEM, decodeAskRequest } from '../../../src/adapters/slack/action-ids.js';
import { startSlack, type RunningSlack } from '../../../src/adapters/slack/start.js';
import { openEngine } from '../../../src/answer/engine.js';
import { HELP_TITLE } from '../../../src/answer/help.js';
import type { AnswerEngine } from '../../../src/answer/types.js';
import type { SlackConfig } from '../../../src/config.js';
import { ConfigError } from '../../../src/errors.js';
import { createLogger } from '../../../src/log.js';
import { SLACK_TEST_IDENTITY, startSlackApiServer, type SlackApiServer } from '../../stand-ins/slack-api.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { SAMPLE_DIGEST as digest } from '../../fixtures/sample-digest.js';
import { limitViolations, markupViolations, mrkdwnTexts } from './slack-limits.js';
import { failingQuestions } from '../../helpers/failing-engine.js';
import {
  TEST_CHANNEL,
  TEST_SIGNING_SECRET,
  blockActionBody,
  eventBody,
  messageEvent,
  postSigned,
  slashCommandBody,
} from '../../stand-ins/slack-requests.js';

/**
 * The real Bolt app in HTTP mode on a free local port, answering from the real seed agendas, with
 * a local server standing in for Slack's Web API and for response_urls.
 */

type Json = Record<string, any>;
interface Posted {
  text: string;
  blocks: Json[];
}

const MATERIAL_URL = 'https://www.kl.dk/politik/kkr/kkr-hovedstaden/moedemateriale';
const FYSIO_TITLE = '3.6 Forslag til revision af kapacitetsdel af praksisplan for fysioterapi';
const logger = createLogger('silent');

function config(slack: SlackApiServer, overrides: Partial<SlackConfig> = {}): SlackConfig {
  return {
    botToken: 'xoxb-test-token',
    signingSecret: TEST_SIGNING_SECRET,
    mode: 'http',
    port: 0,
    apiUrl: slack.apiUrl,
    command: '/dagsorden',
    response: 'in_channel',
    caseNumberReplies: true,
    ...overrides,
  };
}

function buttonsOf(blocks: Json[]): Json[] {
  return blocks.flatMap((b) => [...(b.type === 'actions' ? b.elements : []), ...(b.accessory ? [b.accessory] : [])]);
}

function asPosted(args: Json): Posted {
  return { text: args.text as string, blocks: args.blocks as Json[] };
}

let slack: SlackApiServer;
let engine: AnswerEngine;
let running: RunningSlack;
let appUrl: string;
let tsCounter = 100;
const nextTs = () => `1712000000.${String(tsCounter++).padStart(6, '0')}`;

beforeAll(async () => {
  slack = await startSlackApiServer();
  engine = await openEngine({ corpusDir: 'corpus', dataDir: tempDir(), logger });
  running = await startSlack(engine, config(slack), logger);
  appUrl = `http://127.0.0.1:${running.port}`;
});

afterAll(async () => {
  await running?.stop();
  await slack?.close();
});

describe('Slack app over HTTP', () => {
  it('checks the bot token with auth.test before serving', () => {
    const authTests = slack.callsOf('auth.test');
    expect(authTests.length).toBeGreaterThan(0);
    expect(authTests[0]!.token).toBe('xoxb-test-token');
    expect(running.port).toBeGreaterThan(0);
  });

  it('answers /dagsorden fysioterapi in the channel with item 3.6 of 11 April 2025, its recommendation and link', async () => {
    const res = await postSigned(appUrl, slashCommandBody('fysioterapi', slack.responseUrl()), 'application/x-www-form-urlencoded');
    expect(res.status).toBe(200);
    const { body } = await slack.nextResponse();
    expect(body.response_type).toBe('in_channel');
    const message = asPosted(body);
    const texts = mrkdwnTexts(message).join('\n');
    expect(texts).toContain(`*<${MATERIAL_URL}|${FYSIO_TITLE}>*\nKKR Hovedstaden, møde 11. april 2025 · SAG-2025-01103`);
    expect(texts).toContain('*Indstilling*\nDet indstilles, at KKR Hovedstaden godkender revisionen af Praksisplan for fysioterapi.');
    expect(texts).toMatch(/\*fysioterapi\w*\*/);
    expect(buttonsOf(message.blocks)).toContainEqual(expect.objectContaining({ action_id: ACTION_SHOW_ITEM, value: 'kkr-hovedstaden-2025-04-11-3.6' }));
    expect(buttonsOf(message.blocks)).toContainEqual(expect.objectContaining({ url: MATERIAL_URL }));
    expect(message.text).toContain(FYSIO_TITLE);
    expect(limitViolations(message)).toEqual([]);
    expect(markupViolations(message, [MATERIAL_URL])).toEqual([]);
  });

  it('answers ephemerally when configured so, through the same command', async () => {
    const other = await startSlack(engine, config(slack, { response: 'ephemeral', command: '/kkr' }), logger);
    try {
      const res = await postSigned(
        `http://127.0.0.1:${other.port}`,
        slashCommandBody('fysioterapi', slack.responseUrl(), '/kkr'),
        'application/x-www-form-urlencoded',
      );
      expect(res.status).toBe(200);
      const { body } = await slack.nextResponse();
      expect(body.response_type).toBe('ephemeral');
      expect(JSON.stringify(body.blocks)).toContain(FYSIO_TITLE);
    } finally {
      await other.stop();
    }
  });

  it('explains usage with examples on /dagsorden hjælp, only to the asker', async () => {
    await postSigned(appUrl, slashCommandBody('hjælp', slack.responseUrl()), 'application/x-www-form-urlencoded');
    const { body } = await slack.nextResponse();
    expect(body.response_type).toBe('ephemeral');
    expect(asPosted(body).blocks[0]).toMatchObject({ type: 'header', text: { text: HELP_TITLE } });
    expect(JSON.stringify(body.blocks)).toContain('/dagsorden hvad indstilles der om fysioterapi?');
  });

  it('shows the message and suggestions when nothing is found', async () => {
    await postSigned(appUrl, slashCommandBody('xyzzy quux', slack.responseUrl()), 'application/x-www-form-urlencoded');
    const message = asPosted((await slack.nextResponse()).body);
    const expected = (await engine.ask('xyzzy quux'));
    const texts = mrkdwnTexts(message).join('\n');
    expect(expected.status).toBe('not-found');
    for (const s of expected.suggestions) expect(texts).toContain(`• ${s}`);
    expect(limitViolations(message)).toEqual([]);
  });

  it('replies in the thread to an app_mention, with the mention removed from the question', async () => {
    const ts = nextTs();
    const res = await postSigned(
      appUrl,
      eventBody(messageEvent(`<@${SLACK_TEST_IDENTITY.botUserId}> fysioterapi`, ts, { type: 'app_mention' })),
      'application/json',
    );
    expect(res.status).toBe(200);
    const post = await slack.nextCall('chat.postMessage');
    expect(post.token).toBe('xoxb-test-token');
    expect(post.args).toMatchObject({ channel: TEST_CHANNEL, thread_ts: ts });
    expect(JSON.stringify(post.args.blocks)).toContain(FYSIO_TITLE);
    expect(limitViolations(asPosted(post.args))).toEqual([]);
  });

  it('answers a direct message in its thread', async () => {
    const ts = nextTs();
    await postSigned(appUrl, eventBody(messageEvent('fysioterapi', ts, { channel: 'D0DIRECT', channel_type: 'im' })), 'application/json');
    const post = await slack.nextCall('chat.postMessage');
    expect(post.args).toMatchObject({ channel: 'D0DIRECT', thread_ts: ts });
    expect(JSON.stringify(post.args.blocks)).toContain(FYSIO_TITLE);
  });

  it('replies in thread with every item of a case number posted in a channel', async () => {
    const ts = nextTs();
    await postSigned(
      appUrl,
      eventBody(messageEvent('Har nogen set SAG-2024-01739 fra juni?', ts, { channel_type: 'channel' })),
      'application/json',
    );
    const post = await slack.nextCall('chat.postMessage');
    expect(post.args).toMatchObject({ channel: TEST_CHANNEL, thread_ts: ts });
    const expected = (await engine.ask('SAG-2024-01739'));
    expect(expected.mode).toBe('case');
    const shown = buttonsOf(post.args.blocks as Json[])
      .filter((b) => b.action_id === ACTION_SHOW_ITEM)
      .map((b) => b.value);
    expect(shown).toEqual(expected.results.map((h) => h.item.id));
    expect(JSON.stringify(post.args.blocks)).toContain('Sag SAG-2024-01739');
    expect(limitViolations(asPosted(post.args))).toEqual([]);
  });

  it('shows the whole item in the thread when "Vis hele punktet" is clicked', async () => {
    const messageTs = nextTs();
    const res = await postSigned(
      appUrl,
      blockActionBody({ actionId: ACTION_SHOW_ITEM, value: 'kkr-hovedstaden-2025-04-11-3.6', responseUrl: slack.responseUrl(), messageTs }),
      'application/x-www-form-urlencoded',
    );
    expect(res.status).toBe(200);
    const post = await slack.nextCall('chat.postMessage');
    expect(post.args).toMatchObject({ channel: TEST_CHANNEL, thread_ts: messageTs });
    const item = (await engine.item('kkr-hovedstaden-2025-04-11-3.6'))!;
    const texts = mrkdwnTexts(asPosted(post.args)).join('\n');
    expect(texts).toContain(FYSIO_TITLE);
    expect(texts).toContain('*Baggrund*\nMed den nye overenskomst');
    expect(texts).toContain('*Indstilling*\nDet indstilles, at KKR Hovedstaden godkender revisionen af Praksisplan for fysioterapi.');
    for (const a of item.attachments) expect(texts).toContain(`• ${a}`);
    expect(limitViolations(asPosted(post.args))).toEqual([]);
  });

  it('answers a click under an ephemeral answer only to the clicker, through the response_url', async () => {
    const responseUrl = slack.responseUrl();
    await postSigned(
      appUrl,
      blockActionBody({ actionId: ACTION_SHOW_ITEM, value: 'kkr-hovedstaden-2025-04-11-3.6', responseUrl, messageTs: nextTs(), ephemeral: true }),
      'application/x-www-form-urlencoded',
    );
    const response = await slack.nextResponse();
    expect(response.path).toBe(new URL(responseUrl).pathname);
    expect(response.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(JSON.stringify(response.body.blocks)).toContain('*Baggrund*');
  });

  it('falls back to the clicker only when the bot may not post in the channel', async () => {
    slack.failNext('chat.postMessage', 'not_in_channel');
    const responseUrl = slack.responseUrl();
    await postSigned(
      appUrl,
      blockActionBody({ actionId: ACTION_SHOW_ITEM, value: 'kkr-hovedstaden-2025-04-11-3.6', responseUrl, messageTs: nextTs() }),
      'application/x-www-form-urlencoded',
    );
    await slack.nextCall('chat.postMessage');
    const response = await slack.nextResponse();
    expect(response.path).toBe(new URL(responseUrl).pathname);
    expect(JSON.stringify(response.body.blocks)).toContain(FYSIO_TITLE);
  });

  it('gives the next results when "Flere resultater" is clicked', async () => {
    const question = 'kommunerne';
    const first = (await engine.ask(question));
    expect(first.hasMore).toBe(true);
    await postSigned(appUrl, slashCommandBody(question, slack.responseUrl()), 'application/x-www-form-urlencoded');
    const answer = (await slack.nextResponse()).body;
    const more = buttonsOf(asPosted(answer).blocks).find((b) => b.action_id === ACTION_MORE_RESULTS)!;
    expect(decodeAskRequest(more.value)).toEqual({ query: question, offset: first.results.length });

    const messageTs = nextTs();
    await postSigned(
      appUrl,
      blockActionBody({ actionId: ACTION_MORE_RESULTS, value: more.value, responseUrl: slack.responseUrl(), messageTs }),
      'application/x-www-form-urlencoded',
    );
    const post = await slack.nextCall('chat.postMessage');
    expect(post.args.thread_ts).toBe(messageTs);
    const next = (await engine.ask(question, { offset: first.results.length }));
    const shown = buttonsOf(post.args.blocks as Json[])
      .filter((b) => b.action_id === ACTION_SHOW_ITEM)
      .map((b) => b.value);
    expect(shown).toEqual(next.results.map((h) => h.item.id));
    expect(shown).not.toContain(first.results[0]!.item.id);
    expect(JSON.stringify(post.args.blocks)).toContain('Flere resultater for');
  });

  it('refuses a request signed with the wrong secret (401)', async () => {
    const res = await postSigned(appUrl, slashCommandBody('fysioterapi', slack.responseUrl()), 'application/x-www-form-urlencoded', {
      secret: 'not-the-signing-secret',
    });
    expect(res.status).toBe(401);
  });

  it('refuses a correctly signed but stale request (401)', async () => {
    const tenMinutesAgo = Math.floor(Date.now() / 1000) - 600;
    const res = await postSigned(appUrl, slashCommandBody('fysioterapi', slack.responseUrl()), 'application/x-www-form-urlencoded', {
      timestamp: tenMinutesAgo,
    });
    expect(res.status).toBe(401);
  });

  it('posts the daily digest to a channel through its digest target', async () => {
    expect(running.digestTarget.platform).toBe('slack');
    await running.digestTarget.post('C0DIGEST', digest);
    const post = await slack.nextCall('chat.postMessage');
    expect(post.args.channel).toBe('C0DIGEST');
    expect(asPosted(post.args).blocks[0]).toMatchObject({ type: 'header', text: { text: 'Kommende møder' } });
    expect(JSON.stringify(post.args.blocks)).toContain('1.1 Sundhedsstrukturkommissionens modeller for fremtidens sundhedsvæsen');
    expect(post.args.text).toContain('KKR Hovedstaden 18. juni 2024');
  });

  it('lets the digest target reject when Slack refuses the post', async () => {
    slack.failNext('chat.postMessage', 'channel_not_found');
    await expect(running.digestTarget.post('C0GONE', { date: '2025-04-07', windowDays: 14, meetings: [] })).rejects.toThrow(/channel_not_found/);
    expect((await slack.nextCall('chat.postMessage')).args.channel).toBe('C0GONE');
  });
});

describe('Slack app errors', () => {
  it('answers a failing question with a short Danish message and the error id that is in the log, never the stack trace', async () => {
    const failing = failingQuestions(engine, 'index exploded at /srv/moedebot/data/index.json');
    const lines: string[] = [];
    const captured = createLogger('info', { format: 'json', write: (line) => lines.push(line) });
    const broken = await startSlack(failing, config(slack), captured);
    const SORRY = /^Beklager, noget gik galt, da jeg skulle svare\. Prøv igen om lidt\. \(Fejl-id: ([2-9A-Z]{6})\)$/;
    const logged = (id: string) => lines.map((l) => JSON.parse(l) as Json).find((l) => l.errorId === id);
    try {
      await postSigned(`http://127.0.0.1:${broken.port}`, slashCommandBody('fysioterapi', slack.responseUrl()), 'application/x-www-form-urlencoded');
      const { body } = await slack.nextResponse();
      expect(body.response_type).toBe('ephemeral');
      const id = SORRY.exec(body.text as string)?.[1];
      expect(id).toBeDefined();
      expect(logged(id!)).toMatchObject({ level: 50, err: { message: 'index exploded at /srv/moedebot/data/index.json' } });
      expect(JSON.stringify(body)).not.toMatch(/exploded|index\.json|at .*:\d+/);

      const ts = nextTs();
      await postSigned(
        `http://127.0.0.1:${broken.port}`,
        eventBody(messageEvent(`<@${SLACK_TEST_IDENTITY.botUserId}> fysioterapi`, ts, { type: 'app_mention' })),
        'application/json',
      );
      const post = await slack.nextCall('chat.postMessage');
      expect(post.args).toMatchObject({ thread_ts: ts });
      const mentionId = SORRY.exec(post.args.text as string)?.[1];
      expect(mentionId).toBeDefined();
      expect(mentionId).not.toBe(id);
      expect(logged(mentionId!)).toBeDefined();
    } finally {
      await broken.stop();
    }
  });

  it('closes its HTTP server on stop()', async () => {
    const other = await startSlack(engine, config(slack), logger);
    const url = `http://127.0.0.1:${other.port}`;
    const before = await postSigned(url, slashCommandBody('hjælp', slack.responseUrl()), 'application/x-www-form-urlencoded');
    expect(before.status).toBe(200);
    await slack.nextResponse();
    await other.stop();
    await expect(postSigned(url, slashCommandBody('hjælp', slack.responseUrl()), 'application/x-www-form-urlencoded')).rejects.toThrow();
  });

  it('stops start-up with one clear line when PORT is taken', async () => {
    await expect(startSlack(engine, config(slack, { port: running.port! }), logger)).rejects.toThrow(
      new ConfigError(`PORT ${running.port} is already in use; stop the other program or set PORT to a free port.`),
    );
  });

  it('stops start-up with one clear line when Slack refuses the bot token', async () => {
    slack.failNext('auth.test', 'invalid_auth');
    const start = startSlack(engine, config(slack), logger);
    await expect(start).rejects.toBeInstanceOf(ConfigError);
    await expect(start).rejects.toThrow(/SLACK_BOT_TOKEN was refused by Slack \(invalid_auth\)/);
  });
});

describe('Slack app with agenda text that tries to ping or link', () => {
  it('escapes <!channel>, & and a forged link from the agenda in the posted blocks', async () => {
    const corpusDir = tempDir();
    for (const file of fs.readdirSync('corpus')) fs.copyFileSync(path.join('corpus', file), path.join(corpusDir, file));
    const agenda = path.join(corpusDir, 'kkr-hovedstaden-2025-04-11-dagsorden.txt');
    const original = fs.readFileSync(agenda, 'utf8');
    const recommendationLine = 'Det indstilles, at KKR Hovedstaden godkender revisionen af Praksisplan for \nfysioterapi. \n';
    expect(original).toContain(recommendationLine);
    const evil = 'Husk <!channel> & <http://evil.example|x> @here.';
    fs.writeFileSync(agenda, original.replace(recommendationLine, `${recommendationLine.slice(0, -2)} ${evil} \n`));

    const evilEngine = await openEngine({ corpusDir, dataDir: tempDir(), logger });
    expect((await evilEngine.item('kkr-hovedstaden-2025-04-11-3.6'))!.recommendation).toContain('<!channel>');
    const app = await startSlack(evilEngine, config(slack), logger);
    try {
      await postSigned(`http://127.0.0.1:${app.port}`, slashCommandBody('fysioterapi', slack.responseUrl()), 'application/x-www-form-urlencoded');
      const message = asPosted((await slack.nextResponse()).body);
      const json = JSON.stringify(message);
      expect(json).toContain('Husk &lt;!channel&gt; &amp; &lt;http://evil.example|x&gt; @\u2060here.');
      expect(json).not.toContain('<!channel>');
      expect(json).not.toContain('<http://evil');
      expect(markupViolations(message, [MATERIAL_URL])).toEqual([]);
    } finally {
      await app.stop();
    }
  });
});
