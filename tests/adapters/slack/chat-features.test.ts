import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_FEEDBACK_DOWN, ACTION_SHARE } from '../../../src/adapters/slack/action-ids.js';
import { startSlack, type RunningSlack } from '../../../src/adapters/slack/start.js';
import { openEngine } from '../../../src/answer/engine.js';
import type { AnswerEngine } from '../../../src/answer/types.js';
import type { SlackConfig } from '../../../src/config.js';
import { openChat } from '../../../src/conversation/chat-services.js';
import { hashUser } from '../../../src/feedback/user-hash.js';
import { createLogger } from '../../../src/log.js';
import type { FeedbackStore } from '../../../src/state/feedback-store.js';
import type { WatchStore } from '../../../src/state/watch-store.js';
import { SLACK_TEST_IDENTITY, startSlackApiServer, type SlackApiServer } from '../../stand-ins/slack-api.js';
import {
  TEST_CHANNEL,
  TEST_SIGNING_SECRET,
  TEST_USER,
  assistantThreadStartedEvent,
  blockActionBody,
  eventBody,
  messageEvent,
  postSigned,
  slashCommandBody,
} from '../../stand-ins/slack-requests.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { limitViolations } from './slack-limits.js';

/**
 * What staff come back to, in the real Bolt app in HTTP mode against the Web API stand-in:
 * follow-ups in a thread, 👍/👎, private answers shared into the channel, topic watches, the
 * assistant pane, rate limits and failures that are never silent.
 */

type Json = Record<string, any>;
const logger = createLogger('silent');
const SALT = 'feedback-key-for-tests-0123456789';
const FYSIO_TITLE = '3.6 Forslag til revision af kapacitetsdel af praksisplan for fysioterapi';

let slack: SlackApiServer;
let engine: AnswerEngine;
let running: RunningSlack;
let appUrl: string;
let feedback: FeedbackStore;
let watches: WatchStore;
let tsCounter = 500;
const nextTs = () => `1712000000.${String(tsCounter++).padStart(6, '0')}`;

function config(overrides: Partial<SlackConfig> = {}): SlackConfig {
  return { botToken: 'xoxb-test-token', signingSecret: TEST_SIGNING_SECRET, mode: 'http', port: 0, apiUrl: slack.apiUrl, command: '/dagsorden', response: 'in_channel', caseNumberReplies: false, ...overrides };
}

function buttonsOf(blocks: Json[]): Json[] {
  return blocks.flatMap((b) => [...(b.type === 'actions' ? b.elements : []), ...(b.accessory ? [b.accessory] : [])]);
}

beforeAll(async () => {
  slack = await startSlackApiServer();
  engine = await openEngine({ corpusDir: 'corpus', dataDir: tempDir(), logger });
  const opened = await openChat({ engine, dataDir: tempDir(), threadContextHours: 24, feedbackSalt: SALT, logger });
  feedback = opened.stores.feedback;
  watches = opened.stores.watches;
  running = await startSlack(engine, config(), logger, { chat: opened.chat });
  appUrl = `http://127.0.0.1:${running.port}`;
});

afterAll(async () => {
  await running?.stop();
  await slack?.close();
});

async function mention(text: string, ts: string): Promise<Json> {
  await postSigned(appUrl, eventBody(messageEvent(`<@${SLACK_TEST_IDENTITY.botUserId}> ${text}`, ts, { type: 'app_mention' })), 'application/json');
  return (await slack.nextCall('chat.postMessage')).args;
}

describe('a thread the bot answered in', () => {
  it('answers a follow-up without a mention, read in the thread\'s context', async () => {
    const ts = nextTs();
    const first = await mention('fysioterapi', ts);
    expect(first.thread_ts).toBe(ts);
    expect(JSON.stringify(first.blocks)).toContain(FYSIO_TITLE);

    // "vis punkt 3.12": item 3.12 of the thread's meeting, 11 April 2025.
    await postSigned(appUrl, eventBody(messageEvent('vis punkt 3.12', nextTs(), { channel_type: 'channel', thread_ts: ts })), 'application/json');
    const item = (await slack.nextCall('chat.postMessage')).args;
    expect(item).toMatchObject({ channel: TEST_CHANNEL, thread_ts: ts });
    expect(JSON.stringify(item.blocks)).toContain('3.12 Politisk aftale om reform af professionsbachelor');
    expect(limitViolations({ text: item.text as string, blocks: item.blocks as Json[] })).toEqual([]);

    // "og i 2024?": the thread's question within 2024.
    await postSigned(appUrl, eventBody(messageEvent('og i 2024?', nextTs(), { channel_type: 'channel', thread_ts: ts })), 'application/json');
    const narrowed = (await slack.nextCall('chat.postMessage')).args;
    expect(narrowed.thread_ts).toBe(ts);
    expect(JSON.stringify(narrowed.blocks)).toMatch(/Opfølgning på tråden: fysioterapi · 2024|svarer godt på/);
  });

  it('leaves messages in other threads and in the channel to the people there', async () => {
    await postSigned(appUrl, eventBody(messageEvent('og i 2024?', nextTs(), { channel_type: 'channel', thread_ts: '1600000000.000001' })), 'application/json');
    await postSigned(appUrl, eventBody(messageEvent('mere', nextTs(), { channel_type: 'channel' })), 'application/json');
    // A later mention is the next post: nothing was posted for the two messages above.
    const ts = nextTs();
    expect((await mention('hjælp', ts)).thread_ts).toBe(ts);
  });
});

describe('👍 and 👎', () => {
  it('records a 👎 with the question, the item, the channel and the user\'s hash, and thanks only the voter', async () => {
    const answer = await mention('flygtninge', nextTs());
    const down = buttonsOf(answer.blocks as Json[]).find((b) => b.action_id === ACTION_FEEDBACK_DOWN)!;
    expect(down.text.text).toBe('👎');
    await postSigned(appUrl, blockActionBody({ actionId: ACTION_FEEDBACK_DOWN, value: down.value, responseUrl: slack.responseUrl(), messageTs: nextTs() }), 'application/x-www-form-urlencoded');
    const thanks = await slack.nextResponse();
    expect(thanks.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(thanks.body.text).toContain('Tak for besked');
    const votes = await feedback.votes();
    expect(votes.at(-1)).toMatchObject({ vote: 'down', question: 'flygtninge', platform: 'slack', channel: TEST_CHANNEL, user: hashUser(SALT, 'slack', TEST_USER) });
    expect(votes.at(-1)!.itemId).toMatch(/^kkr-hovedstaden-/);
  });
});

describe('SLACK_RESPONSE=ephemeral', () => {
  it('answers only the asker, with "Del i kanalen", which posts the answer in the channel under the asker\'s name', async () => {
    const opened = await openChat({ engine, dataDir: tempDir(), threadContextHours: 24, feedbackSalt: SALT, logger });
    const app = await startSlack(engine, config({ response: 'ephemeral' }), logger, { chat: opened.chat });
    try {
      await postSigned(`http://127.0.0.1:${app.port}`, slashCommandBody('fysioterapi', slack.responseUrl()), 'application/x-www-form-urlencoded');
      const privately = (await slack.nextResponse()).body;
      expect(privately.response_type).toBe('ephemeral');
      const share = buttonsOf(privately.blocks as Json[]).find((b) => b.action_id === ACTION_SHARE)!;
      expect(share.text.text).toBe('Del i kanalen');

      const responseUrl = slack.responseUrl();
      await postSigned(`http://127.0.0.1:${app.port}`, blockActionBody({ actionId: ACTION_SHARE, value: share.value, responseUrl, messageTs: nextTs(), ephemeral: true }), 'application/x-www-form-urlencoded');
      const shared = await slack.nextResponse();
      expect(shared.path).toBe(new URL(responseUrl).pathname);
      expect(shared.body.response_type).toBe('in_channel');
      expect(JSON.stringify(shared.body.blocks)).toContain(`Delt af <@${TEST_USER}>`);
      expect(JSON.stringify(shared.body.blocks)).toContain(FYSIO_TITLE);
      expect(buttonsOf(shared.body.blocks as Json[]).some((b) => b.action_id === ACTION_SHARE)).toBe(false);
      expect((await slack.nextResponse()).body).toEqual({ delete_original: true });
    } finally {
      await app.stop();
    }
  });
});

describe('topic watches', () => {
  it('follows a topic with /dagsorden følg, says so in the channel, and posts matches there', async () => {
    await postSigned(appUrl, slashCommandBody('følg fysioterapi', slack.responseUrl()), 'application/x-www-form-urlencoded');
    const reply = (await slack.nextResponse()).body;
    expect(reply.response_type).toBe('in_channel');
    expect(reply.text).toMatch(/^Kanalen følger nu «fysioterapi»/);
    expect(await watches.list({ platform: 'slack', channel: TEST_CHANNEL })).toMatchObject([{ topic: 'fysioterapi' }]);

    const answer = (await engine.ask('fysioterapi'));
    await running.watchTarget.post(TEST_CHANNEL, { topic: 'fysioterapi', hits: answer.results.slice(0, 1) });
    const post = (await slack.nextCall('chat.postMessage')).args;
    expect(post.channel).toBe(TEST_CHANNEL);
    expect(post.text).toMatch(/^Nyt om «fysioterapi»: 1 punkt/);
    expect(JSON.stringify(post.blocks)).toContain(FYSIO_TITLE);
    expect(limitViolations({ text: post.text as string, blocks: post.blocks as Json[] })).toEqual([]);
  });
});

describe('the assistant pane', () => {
  it('greets a new thread with prompts drawn from the corpus', async () => {
    const threadTs = nextTs();
    await postSigned(appUrl, eventBody(assistantThreadStartedEvent('D0ASSIST', threadTs)), 'application/json');
    const greeting = (await slack.nextCall('chat.postMessage')).args;
    expect(greeting).toMatchObject({ channel: 'D0ASSIST', thread_ts: threadTs });
    const prompts = (await slack.nextCall('assistant.threads.setSuggestedPrompts')).args;
    expect(prompts).toMatchObject({ channel_id: 'D0ASSIST', thread_ts: threadTs, title: 'Prøv fx' });
    const messages = (prompts.prompts as Array<{ title: string; message: string }>).map((p) => p.message);
    expect(messages).toEqual(['KKR Hovedstaden sidste møde', 'hvad indstilles der om Dialogmøde med ældreministeren om ældrereformen?', 'SAG-2025-01103']);
  });

  it('titles the thread with the question, shows "søger …" and answers in the thread', async () => {
    const threadTs = nextTs();
    await postSigned(appUrl, eventBody(messageEvent('hvad indstilles der om fysioterapi?', nextTs(), { channel: 'D0ASSIST', channel_type: 'im', thread_ts: threadTs })), 'application/json');
    expect((await slack.nextCall('assistant.threads.setTitle')).args).toMatchObject({ channel_id: 'D0ASSIST', thread_ts: threadTs, title: 'hvad indstilles der om fysioterapi?' });
    expect((await slack.nextCall('assistant.threads.setStatus')).args).toMatchObject({ thread_ts: threadTs, status: 'søger i dagsordener og referater …' });
    const answer = (await slack.nextCall('chat.postMessage')).args;
    expect(answer).toMatchObject({ channel: 'D0ASSIST', thread_ts: threadTs });
    expect(JSON.stringify(answer.blocks)).toContain(FYSIO_TITLE);
  });
});

describe('never silent', () => {
  it('retries a reply Slack refuses as rate-limited after its Retry-After', async () => {
    slack.rateLimitNextResponse(1);
    await postSigned(appUrl, slashCommandBody('fysioterapi', slack.responseUrl()), 'application/x-www-form-urlencoded');
    const delivered = await slack.nextResponse();
    expect(JSON.stringify(delivered.body.blocks)).toContain(FYSIO_TITLE);
    expect(slack.refusedResponses.at(-1)?.path).toBe(delivered.path);

    slack.rateLimitNext('chat.postMessage', 1);
    const ts = nextTs();
    const refused = await mention('fysioterapi', ts);
    const retried = (await slack.nextCall('chat.postMessage')).args;
    expect(retried).toEqual(refused);
    expect(retried.thread_ts).toBe(ts);
    expect(JSON.stringify(retried.blocks)).toContain(FYSIO_TITLE);
  });

  it('tells the asker with an error id when Slack refuses the answer', async () => {
    slack.failNext('chat.postMessage', 'invalid_blocks');
    const ts = nextTs();
    const refused = await mention('fysioterapi', ts);
    expect(JSON.stringify(refused.blocks)).toContain(FYSIO_TITLE);
    const told = (await slack.nextCall('chat.postMessage')).args;
    expect(told.thread_ts).toBe(ts);
    expect(told.text).toMatch(/^Beklager, noget gik galt, da jeg skulle svare\. Prøv igen om lidt\. \(Fejl-id: [2-9A-Z]{6}\)$/);
  });
});
