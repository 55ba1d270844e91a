import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTeams, type TeamsAdapter } from '../../../src/adapters/teams/start.js';
import type { AdaptiveCard } from '../../../src/adapters/teams/card.js';
import { openEngine } from '../../../src/answer/engine.js';
import type { AnswerEngine } from '../../../src/answer/types.js';
import { openChat } from '../../../src/conversation/chat-services.js';
import { hashUser } from '../../../src/feedback/user-hash.js';
import { createLogger } from '../../../src/log.js';
import type { FeedbackStore } from '../../../src/state/feedback-store.js';
import { FakeConnector, type ConnectorCall } from '../../stand-ins/bot-connector.js';
import { CHANNEL_ID, USER, channelMessage, personalMessage } from '../../stand-ins/teams-activities.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { failingQuestions } from '../../helpers/failing-engine.js';

/**
 * Follow-ups in a reply chain, 👍/👎, topic watches, rate limits and failures, through the real
 * Agents SDK against the Bot Connector stand-in (local development mode, no tokens).
 */

const logger = createLogger('silent');
const SALT = 'feedback-key-for-tests-0123456789';
let engine: AnswerEngine;
let connector: FakeConnector;
let teams: TeamsAdapter;
let feedback: FeedbackStore;

beforeAll(async () => {
  const dataDir = tempDir();
  engine = await openEngine({ corpusDir: 'corpus', dataDir });
  connector = await new FakeConnector().start();
  const opened = await openChat({ engine, dataDir, threadContextHours: 24, feedbackSalt: SALT, logger });
  feedback = opened.stores.feedback;
  teams = await startTeams(engine, { port: 0, allowUnauthenticated: true }, logger, { dataDir, host: '127.0.0.1', chat: opened.chat });
});

afterAll(async () => {
  await teams?.stop();
  await connector?.stop();
});

beforeEach(() => connector.clear());

async function post(activity: Record<string, unknown>, port = teams.port): Promise<void> {
  const res = await fetch(`http://127.0.0.1:${port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  expect(res.status).toBeLessThan(300);
}

function cardOf(call: ConnectorCall): AdaptiveCard {
  return (call.body.attachments as Array<{ content: AdaptiveCard }>)[0]!.content;
}

const json = (x: unknown) => JSON.stringify(x);

describe('a reply chain the bot answered in', () => {
  it('answers a follow-up without a mention, read in the chain\'s context, and leaves other chains alone', async () => {
    const root = channelMessage({ serviceUrl: connector.url, text: 'fysioterapi' });
    await post(root);
    expect(json(cardOf(connector.calls[0]!))).toContain('Forslag til revision af kapacitetsdel af praksisplan for fysioterapi');

    await post(channelMessage({ serviceUrl: connector.url, text: 'vis punkt 3.12', mention: false, replyTo: root.id as string }));
    expect(connector.calls).toHaveLength(2);
    expect(connector.calls[1]!.path).toBe(`/v3/conversations/${CHANNEL_ID};messageid=${root.id}/activities/${connector.calls[1]!.body.replyToId}`);
    expect(json(cardOf(connector.calls[1]!))).toContain('Politisk aftale om reform af professionsbachelor');

    // A chain the bot never answered in, without a mention: not for the bot.
    await post(channelMessage({ serviceUrl: connector.url, text: 'vis punkt 3.12', mention: false }));
    expect(connector.calls).toHaveLength(2);
  });
});

describe('👍 and 👎', () => {
  it('offers both under an answer and records a 👎 with the question, the item and the user\'s hash', async () => {
    await post(personalMessage({ serviceUrl: connector.url, text: 'flygtninge' }));
    const actions = (cardOf(connector.calls[0]!).actions ?? []) as Array<{ title: string; data?: Record<string, unknown> }>;
    const down = actions.find((a) => a.title === '👎')!;
    expect(down.data).toMatchObject({ moedebot: 'feedback', vote: 'down', query: 'flygtninge' });

    await post(personalMessage({ serviceUrl: connector.url, value: down.data }));
    expect(json(cardOf(connector.calls[1]!))).toContain('Tak for besked');
    expect((await feedback.votes()).at(-1)).toMatchObject({
      vote: 'down',
      question: 'flygtninge',
      itemId: down.data!.id,
      platform: 'teams',
      channel: 'a:1personal-chat-mette',
      user: hashUser(SALT, 'teams', USER.aadObjectId),
    });
  });
});

describe('topic watches', () => {
  it('follows a topic written in a chat and posts matches there as a new message', async () => {
    await post(personalMessage({ serviceUrl: connector.url, text: 'følg fysioterapi' }));
    expect(json(cardOf(connector.calls[0]!))).toContain('Kanalen følger nu «fysioterapi»');
    connector.clear();
    await teams.watchTarget.post('a:1personal-chat-mette', { topic: 'fysioterapi', hits: (await engine.ask('fysioterapi')).results.slice(0, 1) });
    expect(connector.calls).toHaveLength(1);
    expect(connector.calls[0]!.path).toBe('/v3/conversations/a:1personal-chat-mette/activities');
    expect(connector.calls[0]!.body.replyToId).toBeUndefined();
    expect(json(cardOf(connector.calls[0]!))).toContain('Nyt om «fysioterapi»');
  });
});

describe('never silent', () => {
  it('retries a reply the Bot Connector refuses as rate-limited after its Retry-After', async () => {
    connector.rateLimitNext(1);
    await post(personalMessage({ serviceUrl: connector.url, text: 'fysioterapi' }));
    expect(connector.calls).toHaveLength(2);
    expect(connector.calls[1]!.body).toEqual(connector.calls[0]!.body);
  });

  it('answers a failing question with a short Danish message and an error id that is in the log', async () => {
    const failing = failingQuestions(engine, 'index exploded');
    const lines: string[] = [];
    const captured = createLogger('info', { format: 'json', write: (line) => lines.push(line) });
    const broken = await startTeams(failing, { port: 0, allowUnauthenticated: true }, captured, { dataDir: tempDir(), host: '127.0.0.1' });
    try {
      await post(personalMessage({ serviceUrl: connector.url, text: 'fysioterapi' }), broken.port);
      const text = json(cardOf(connector.calls[0]!));
      const id = /Fejl-id: ([2-9A-Z]{6})/.exec(text)?.[1];
      expect(id).toBeDefined();
      expect(text).not.toContain('exploded');
      expect(lines.map((l) => JSON.parse(l) as Record<string, any>).find((l) => l.errorId === id)).toMatchObject({ level: 50, err: { message: 'index exploded' } });
    } finally {
      await broken.stop();
    }
  });
});
