import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAdapter } from '../../../src/adapters/adapter.js';
import { startDiscord } from '../../../src/adapters/discord/start.js';
import { openEngine } from '../../../src/answer/engine.js';
import type { AnswerEngine } from '../../../src/answer/types.js';
import type { DiscordConfig } from '../../../src/config.js';
import { openChat, type ChatServices } from '../../../src/conversation/chat-services.js';
import { hashUser } from '../../../src/feedback/user-hash.js';
import { createLogger } from '../../../src/log.js';
import type { FeedbackStore } from '../../../src/state/feedback-store.js';
import { APP_ID, BOT_ID, CHANNEL_ID, COMMAND_ID, FakeDiscord, USER_ID, type RecordedRequest } from '../../stand-ins/discord.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { expectWithinDiscordLimits } from './limits.js';
import { failingQuestions } from '../../helpers/failing-engine.js';

/**
 * Threads, 👍/👎, private answers shared into the channel, rate limits and failures, with the real
 * discord.js client against the Discord stand-in.
 */

const logger = createLogger('silent');
const SALT = 'feedback-key-for-tests-0123456789';
const MESSAGE_CONTENT = 1 << 15;
const FYSIO_TITLE = '3.6 Forslag til revision af kapacitetsdel af praksisplan for fysioterapi';
const ME = [{ id: BOT_ID, username: 'mødebot', bot: true }];

let engine: AnswerEngine;
let chat: ChatServices;
let feedback: FeedbackStore;

beforeAll(async () => {
  const dataDir = tempDir();
  engine = await openEngine({ corpusDir: 'corpus', dataDir, logger });
  const opened = await openChat({ engine, dataDir, threadContextHours: 24, feedbackSalt: SALT, logger });
  chat = opened.chat;
  feedback = opened.stores.feedback;
});

const config = (overrides: Partial<DiscordConfig> = {}): DiscordConfig => ({ token: 'MTE.fake.token', applicationId: APP_ID, caseNumberReplies: false, ...overrides });
const isOriginalEdit = (token: string) => (r: RecordedRequest) => r.method === 'PATCH' && decodeURIComponent(r.path) === `/webhooks/${APP_ID}/${token}/messages/@original`;
const isCallback = (token: string) => (r: RecordedRequest) => r.method === 'POST' && r.path.endsWith(`/${token}/callback`);
const buttonIds = (body: any): string[] => (body.components ?? []).flatMap((row: any) => row.components.map((c: any) => c.custom_id as string));

function slash(fake: FakeDiscord, question: string) {
  const interaction = fake.interaction(2, { id: COMMAND_ID, name: 'dagsorden', type: 1, options: [{ type: 3, name: 'spørgsmål', value: question }] });
  fake.dispatch('INTERACTION_CREATE', interaction.payload);
  return interaction;
}

function click(fake: FakeDiscord, customId: string, message: Record<string, unknown> = {}) {
  const interaction = fake.buttonClick(customId);
  Object.assign(interaction.payload.message, message);
  fake.dispatch('INTERACTION_CREATE', interaction.payload);
  return interaction;
}

describe('with DISCORD_THREAD_FOLLOW_UPS=true', () => {
  let fake: FakeDiscord;
  let bot: RunningAdapter;
  beforeAll(async () => {
    fake = await new FakeDiscord().start();
    bot = await startDiscord(engine, config({ threadFollowUps: true }), logger, { api: fake.api, chat });
  });
  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
  });

  it('asks for the Message Content intent, which follow-ups without a mention need', () => {
    expect(fake.identifies[0].intents & MESSAGE_CONTENT).toBe(MESSAGE_CONTENT);
  });

  it('answers a mention in a new thread, and a follow-up there without a mention in the thread\'s context', async () => {
    const question = fake.message(`<@${BOT_ID}> fysioterapi`, ME);
    fake.dispatch('MESSAGE_CREATE', question);
    const started = await fake.waitFor((r) => r.method === 'POST' && r.path === `/channels/${CHANNEL_ID}/messages/${question.id}/threads`);
    expect(started.body).toMatchObject({ name: 'fysioterapi', auto_archive_duration: 1440 });
    const answer = await fake.waitFor((r) => r.method === 'POST' && r.path === `/channels/${question.id}/messages`);
    expect(answer.body.embeds[0].title).toBe(FYSIO_TITLE);
    expect(answer.body.allowed_mentions).toEqual({ parse: [] });

    const followUp = fake.message('vis punkt 3.12', [], question.id);
    fake.dispatch('MESSAGE_CREATE', followUp);
    const reply = await fake.waitFor((r) => r.method === 'POST' && r.body?.message_reference?.message_id === followUp.id);
    expect(reply.path).toBe(`/channels/${question.id}/messages`);
    expect(reply.body.embeds[0].title).toBe('3.12 Politisk aftale om reform af professionsbachelor og erhvervsakademiuddannelserne i Danmark');
    expectWithinDiscordLimits(reply.body);
  });

  it('records a 👎 with the question, the item and the clicker\'s hash, and thanks only the clicker', async () => {
    const { token } = slash(fake, 'flygtninge');
    const edit = await fake.waitFor(isOriginalEdit(token));
    const down = buttonIds(edit.body).find((id) => id.startsWith('f|d|'))!;
    expect(edit.body.components.at(-1).components.map((c: any) => c.label)).toEqual(expect.arrayContaining(['👍', '👎']));

    const vote = click(fake, down);
    expect((await fake.waitFor(isCallback(vote.token))).body).toEqual({ type: 5, data: { flags: 64 } });
    expect((await fake.waitFor(isOriginalEdit(vote.token))).body.embeds[0].description).toContain('Tak for besked');
    expect((await feedback.votes()).at(-1)).toMatchObject({ vote: 'down', question: 'flygtninge', platform: 'discord', channel: CHANNEL_ID, user: hashUser(SALT, 'discord', USER_ID) });
  });

  it('reads the question from the answer\'s footer when the vote\'s button outlived a restart', async () => {
    const vote = click(fake, 'F|u|gone', { embeds: [{ title: FYSIO_TITLE, footer: { text: 'Spørgsmål: hvad indstilles der om fysioterapi? · Afgrænset til 2025' } }] });
    await fake.waitFor(isOriginalEdit(vote.token));
    expect((await feedback.votes()).at(-1)).toMatchObject({ vote: 'up', question: 'hvad indstilles der om fysioterapi?' });
  });
});

describe('with DISCORD_RESPONSE=ephemeral', () => {
  let fake: FakeDiscord;
  let bot: RunningAdapter;
  beforeAll(async () => {
    fake = await new FakeDiscord().start();
    bot = await startDiscord(engine, config({ response: 'ephemeral' }), logger, { api: fake.api, chat });
  });
  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
  });

  it('answers /dagsorden only to the asker, with "Del i kanalen", which posts it for everyone marked as shared', async () => {
    const { token } = slash(fake, 'fysioterapi');
    expect((await fake.waitFor(isCallback(token))).body).toEqual({ type: 5, data: { flags: 64 } });
    const privately = await fake.waitFor(isOriginalEdit(token));
    const share = buttonIds(privately.body).find((id) => id.startsWith('s|'));
    expect(share).toBe('s|0|||fysioterapi');

    const shared = click(fake, share!);
    expect((await fake.waitFor(isCallback(shared.token))).body).toEqual({ type: 5, data: { flags: 0 } });
    const publicly = await fake.waitFor(isOriginalEdit(shared.token));
    expect(publicly.body.content).toBe(`Delt af <@${USER_ID}>`);
    expect(publicly.body.allowed_mentions).toEqual({ parse: [] });
    expect(publicly.body.embeds[0].title).toBe(FYSIO_TITLE);
    expect(buttonIds(publicly.body).some((id) => id.startsWith('s|'))).toBe(false);
  });

  it('retries an answer Discord refuses as rate-limited after its Retry-After', async () => {
    const interaction = fake.interaction(2, { id: COMMAND_ID, name: 'dagsorden', type: 1, options: [{ type: 3, name: 'spørgsmål', value: 'fysioterapi' }] });
    fake.rateLimitNextEdit.add(interaction.token);
    fake.dispatch('INTERACTION_CREATE', interaction.payload);
    const edits = () => fake.requests.filter(isOriginalEdit(interaction.token));
    await fake.waitFor((r) => isOriginalEdit(interaction.token)(r) && edits().length === 2);
    expect(edits()[1]!.body).toEqual(edits()[0]!.body);
    expect(edits()[1]!.body.embeds[0].title).toBe(FYSIO_TITLE);
  });
});

describe('a failing engine', () => {
  it('answers with a short Danish message and an error id that is in the log', async () => {
    const failing = failingQuestions(engine, 'index exploded');
    const lines: string[] = [];
    const fake = await new FakeDiscord().start();
    const bot = await startDiscord(failing, config(), createLogger('info', { format: 'json', write: (line) => lines.push(line) }), { api: fake.api });
    try {
      const { token } = slash(fake, 'fysioterapi');
      const told = await fake.waitFor(isOriginalEdit(token));
      const id = /Fejl-id: ([2-9A-Z]{6})/.exec(told.body.embeds[0].description)?.[1];
      expect(id).toBeDefined();
      expect(lines.map((l) => JSON.parse(l) as Record<string, any>).find((l) => l.errorId === id)).toMatchObject({ level: 50, err: { message: 'index exploded' } });
    } finally {
      await bot.stop();
      await fake.close();
    }
  });
});
