import path from 'node:path';
import type { APIEmbed } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAdapter } from '../../../src/adapters/adapter.js';
import { startDiscord } from '../../../src/adapters/discord/start.js';
import { openEngine } from '../../../src/answer/engine.js';
import type { AnswerEngine } from '../../../src/answer/types.js';
import type { DiscordConfig } from '../../../src/config.js';
import { ConfigError } from '../../../src/errors.js';
import { createLogger } from '../../../src/log.js';
import { APP_ID, BOT_ID, CHANNEL_ID, COMMAND_ID, FakeDiscord, type RecordedRequest } from '../../stand-ins/discord.js';
import { expectWithinDiscordLimits } from './limits.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { SAMPLE_DIGEST as digest } from '../../fixtures/sample-digest.js';

/**
 * The real discord.js client, started by `startDiscord`, logs in to a fake Discord on 127.0.0.1:
 * gateway events go in over the WebSocket, and the interaction callbacks, webhook edits and
 * channel messages it sends back are recorded and checked.
 */

const logger = createLogger('silent');
const GUILDS = 1 << 0;
const GUILD_MESSAGES = 1 << 9;
const DIRECT_MESSAGES = 1 << 12;
const MESSAGE_CONTENT = 1 << 15;

const FYSIO_TITLE = '3.6 Forslag til revision af kapacitetsdel af praksisplan for fysioterapi';
const FYSIO_RECOMMENDATION = 'Det indstilles, at KKR Hovedstaden godkender revisionen af Praksisplan for fysioterapi.';

let engine: AnswerEngine;

const config = (overrides: Partial<DiscordConfig> = {}): DiscordConfig => ({
  token: 'MTE.fake.token',
  applicationId: APP_ID,
  caseNumberReplies: false,
  ...overrides,
});

beforeAll(async () => {
  const dataDir = tempDir('moedebot-');
  engine = await openEngine({ corpusDir: 'corpus', dataDir, logger });
});

const isCallback = (token: string) => (r: RecordedRequest) => r.method === 'POST' && r.path.endsWith(`/${token}/callback`);
const isOriginalEdit = (token: string) => (r: RecordedRequest) =>
  r.method === 'PATCH' && decodeURIComponent(r.path) === `/webhooks/${APP_ID}/${token}/messages/@original`;

function slash(fake: FakeDiscord, options: Array<{ name: string; value: string; focused?: boolean }>, type = 2, name = 'dagsorden') {
  return fake.interaction(type, { id: COMMAND_ID, name, type: 1, options: options.map((o) => ({ type: 3, ...o })) });
}

function buttonIds(body: any): string[] {
  return (body.components ?? []).flatMap((row: any) => row.components.map((c: any) => c.custom_id as string));
}

describe('startDiscord without case-number replies', () => {
  let fake: FakeDiscord;
  let bot: RunningAdapter;

  beforeAll(async () => {
    fake = await new FakeDiscord().start();
    bot = await startDiscord(engine, config(), logger, { api: fake.api });
  });
  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
  });

  it('logs in through the gateway without asking for the privileged Message Content intent', () => {
    expect(bot.name).toBe('discord');
    expect(fake.identifies).toHaveLength(1);
    expect(fake.identifies[0].intents).toBe(GUILDS | GUILD_MESSAGES | DIRECT_MESSAGES);
    expect(fake.identifies[0].intents & MESSAGE_CONTENT).toBe(0);
  });

  it('answers /dagsorden spørgsmål:fysioterapi with item 3.6 of 11 April 2025, deferring first', async () => {
    const { token } = dispatch(fake, slash(fake, [{ name: 'spørgsmål', value: 'fysioterapi' }]));
    const callback = await fake.waitFor(isCallback(token));
    expect(callback.body).toEqual({ type: 5, data: { flags: 0 } });
    const edit = await fake.waitFor(isOriginalEdit(token));
    expect(fake.requests.indexOf(callback)).toBeLessThan(fake.requests.indexOf(edit));

    const [main] = edit.body.embeds as APIEmbed[];
    expect(main!.title).toBe(FYSIO_TITLE);
    expect(main!.author!.name).toBe('KKR Hovedstaden, møde 11. april 2025');
    expect(main!.description).toContain(`**Indstilling**\n${FYSIO_RECOMMENDATION}`);
    expect(main!.description).toContain('**fysioterapi**');
    expect(main!.url).toBe('https://www.kl.dk/politik/kkr/kkr-hovedstaden/moedemateriale');
    expect(main!.description).toContain('[Åbn materialet](https://www.kl.dk/politik/kkr/kkr-hovedstaden/moedemateriale)');
    expect(main!.fields).toContainEqual({ name: 'Sag', value: 'SAG-2025-01103', inline: true });
    expect(edit.body.allowed_mentions).toEqual({ parse: [] });
    expect(buttonIds(edit.body)).toContain('i|kkr-hovedstaden-2025-04-11-3.6');
    expectWithinDiscordLimits(edit.body);
  });

  it('narrows the search with the møde and udvalg options', async () => {
    const { token } = dispatch(
      fake,
      slash(fake, [
        { name: 'spørgsmål', value: 'flygtninge' },
        { name: 'møde', value: 'juni 2024' },
        { name: 'udvalg', value: 'KKR Hovedstaden' },
      ]),
    );
    const edit = await fake.waitFor(isOriginalEdit(token));
    const [main] = edit.body.embeds as APIEmbed[];
    expect(main!.title).toMatch(/^4\.3 /);
    expect(main!.author!.name).toBe('KKR Hovedstaden, møde 18. juni 2024');
    expect(main!.footer!.text).toContain('Afgrænset til ');
    expect(main!.footer!.text).toContain('juni 2024');
  });

  it('explains in Danish when it cannot read the møde option', async () => {
    const { token } = dispatch(fake, slash(fake, [{ name: 'spørgsmål', value: 'fysioterapi' }, { name: 'møde', value: 'engang sidste forår' }]));
    const edit = await fake.waitFor(isOriginalEdit(token));
    expect(edit.body.embeds[0].description).toContain('Jeg forstår ikke mødet');
    expect(edit.body.allowed_mentions).toEqual({ parse: [] });
  });

  it('answers "hjælp" with the shared help text', async () => {
    const { token } = dispatch(fake, slash(fake, [{ name: 'spørgsmål', value: 'hjælp' }]));
    const edit = await fake.waitFor(isOriginalEdit(token));
    expect(edit.body.embeds[0].title).toBe('Sådan spørger du mødebot');
  });

  it('autocompletes item titles, case numbers and meeting dates', async () => {
    const title = dispatch(fake, slash(fake, [{ name: 'spørgsmål', value: 'fys', focused: true }], 4));
    const titleCallback = await fake.waitFor(isCallback(title.token));
    expect(titleCallback.body.type).toBe(8);
    expect(titleCallback.body.data.choices).toContainEqual({
      name: '3.6 Forslag til revision af kapacitetsdel af praksisplan for fysioterapi (11. april 2025)',
      value: 'Forslag til revision af kapacitetsdel af praksisplan for fysioterapi',
    });

    const caseNo = dispatch(fake, slash(fake, [{ name: 'spørgsmål', value: 'SAG-2024', focused: true }], 4));
    const caseCallback = await fake.waitFor(isCallback(caseNo.token));
    expect(caseCallback.body.data.choices.map((c: any) => c.value)).toContain('SAG-2024-01739');

    const meeting = dispatch(
      fake,
      slash(fake, [{ name: 'spørgsmål', value: 'fysioterapi' }, { name: 'møde', value: 'april', focused: true }], 4),
    );
    const meetingCallback = await fake.waitFor(isCallback(meeting.token));
    expect(meetingCallback.body.data.choices).toEqual([{ name: '11. april 2025 · KKR Hovedstaden', value: '2025-04-11' }]);
  });

  it('shows the whole item when its button is clicked, only to the one who clicked', async () => {
    const { token } = dispatch(fake, fake.buttonClick('i|kkr-hovedstaden-2025-04-11-3.6'));
    const callback = await fake.waitFor(isCallback(token));
    expect(callback.body).toEqual({ type: 5, data: { flags: 64 } });
    const edit = await fake.waitFor(isOriginalEdit(token));
    const embeds = edit.body.embeds as APIEmbed[];
    expect(embeds[0]!.title).toBe(FYSIO_TITLE);
    expect(embeds.find((e) => e.title === 'Indstilling')!.description).toContain(FYSIO_RECOMMENDATION);
    expect(embeds.map((e) => e.title)).toContain('Baggrund');
    expect(embeds.map((e) => e.title)).toContain('Sagsfremstilling');
    expect(edit.body.allowed_mentions).toEqual({ parse: [] });
    expectWithinDiscordLimits(edit.body);
  });

  it('pages through results with the "more results" button', async () => {
    const first = dispatch(fake, slash(fake, [{ name: 'spørgsmål', value: 'kommunerne' }]));
    const firstEdit = await fake.waitFor(isOriginalEdit(first.token));
    const more = buttonIds(firstEdit.body).find((id) => id.startsWith('m|'));
    expect(more).toBe('m|4|||kommunerne');
    const firstPage = buttonIds(firstEdit.body).filter((id) => id.startsWith('i|'));
    expect(firstPage).toHaveLength(4);

    const click = dispatch(fake, fake.buttonClick(more!));
    const edit = await fake.waitFor(isOriginalEdit(click.token));
    expect(edit.body.embeds[0].description).toMatch(/^\*Resultat 5–/);
    const secondPage = buttonIds(edit.body).filter((id) => id.startsWith('i|'));
    expect(secondPage.length).toBeGreaterThan(0);
    expect(secondPage.filter((id) => firstPage.includes(id))).toEqual([]);
  });

  it('answers politely in the deferred reply when sending the answer fails', async () => {
    const interaction = slash(fake, [{ name: 'spørgsmål', value: 'fysioterapi' }]);
    fake.failNextEdit.add(interaction.token);
    dispatch(fake, interaction);
    const edits = () => fake.requests.filter(isOriginalEdit(interaction.token));
    await fake.waitFor((r) => isOriginalEdit(interaction.token)(r) && edits().length === 2);
    const [failed, polite] = edits();
    expect(failed!.body.embeds[0].title).toBe(FYSIO_TITLE);
    expect(polite!.body.embeds[0].description).toMatch(/^Beklager, noget gik galt, da jeg skulle svare\. Prøv igen om lidt\. \(Fejl-id: [2-9A-Z]{6}\)$/);
    expect(polite!.body.allowed_mentions).toEqual({ parse: [] });
  });

  it('shows /hjælp only to the one who asked', async () => {
    const { token } = dispatch(fake, slash(fake, [], 2, 'hjælp'));
    const callback = await fake.waitFor(isCallback(token));
    expect(callback.body.type).toBe(4);
    expect(callback.body.data.flags).toBe(64);
    expect(callback.body.data.embeds[0].title).toBe('Sådan spørger du mødebot');
    expect(callback.body.data.allowed_mentions).toEqual({ parse: [] });
  });

  it('answers a command it no longer has with a Danish notice instead of failing', async () => {
    const { token } = dispatch(fake, slash(fake, [], 2, 'gammel'));
    const callback = await fake.waitFor(isCallback(token));
    expect(callback.body.data.embeds[0].description).toContain('Den kommando kender jeg ikke');
  });

  it('answers a direct message like a mention', async () => {
    // Discord marks DMs with channel_type 1; the DM channel is not cached, so it arrives as a partial.
    const dm = { ...fake.message('SAG-2025-01103'), guild_id: undefined, member: undefined, channel_id: '888888888888888888', channel_type: 1 };
    fake.dispatch('MESSAGE_CREATE', dm);
    const reply = await fake.waitFor((r) => r.body?.message_reference?.message_id === dm.id);
    expect(reply.path).toBe('/channels/888888888888888888/messages');
    expect(reply.body.embeds[0].title).toBe('Sag SAG-2025-01103');
  });

  it('replies to a message that mentions the bot, pinging no one', async () => {
    const message = fake.message(`<@${BOT_ID}> hvad indstilles der om fysioterapi?`, [{ id: BOT_ID, username: 'mødebot', bot: true }]);
    fake.dispatch('MESSAGE_CREATE', message);
    const reply = await fake.waitFor((r) => r.method === 'POST' && r.path === `/channels/${CHANNEL_ID}/messages` && r.body.message_reference?.message_id === message.id);
    expect(reply.body.embeds[0].title).toBe(FYSIO_TITLE);
    expect(reply.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expectWithinDiscordLimits(reply.body);
  });

  it('ignores case numbers in ordinary messages when case-number replies are off', async () => {
    const plain = fake.message('Har nogen læst SAG-2024-01739?');
    fake.dispatch('MESSAGE_CREATE', plain);
    const after = fake.message(`<@${BOT_ID}> hjælp`, [{ id: BOT_ID, username: 'mødebot', bot: true }]);
    fake.dispatch('MESSAGE_CREATE', after);
    await fake.waitFor((r) => r.body?.message_reference?.message_id === after.id);
    expect(fake.requests.filter((r) => r.body?.message_reference?.message_id === plain.id)).toEqual([]);
  });

  it('posts the digest to a channel id, split to fit and pinging no one', async () => {
    const before = fake.requests.length;
    await bot.digestTarget!.post('777777777777777777', digest);
    const posts = fake.requests.slice(before).filter((r) => r.method === 'POST' && r.path === '/channels/777777777777777777/messages');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.body.embeds[1].title).toBe('KKR Hovedstaden · 18. juni 2024 kl. 10.00-12.00');
    expect(posts[0]!.body.embeds[1].description).toContain('1.1 Sundhedsstrukturkommissionens modeller');
    expect(posts[0]!.body.allowed_mentions).toEqual({ parse: [] });
    expect(posts[0]!.headers.authorization).toBe('Bot MTE.fake.token');
  });
});

describe('startDiscord with case-number replies', () => {
  let fake: FakeDiscord;
  let bot: RunningAdapter;

  beforeAll(async () => {
    fake = await new FakeDiscord().start();
    bot = await startDiscord(engine, config({ caseNumberReplies: true }), logger, { api: fake.api });
  });
  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
  });

  it('asks for the Message Content intent and answers a posted case number with every item of the case', async () => {
    expect(fake.identifies[0].intents & MESSAGE_CONTENT).toBe(MESSAGE_CONTENT);
    const message = fake.message('Hvad blev der af sag-2024-01739 i juni?');
    fake.dispatch('MESSAGE_CREATE', message);
    const reply = await fake.waitFor((r) => r.body?.message_reference?.message_id === message.id);
    const [main] = reply.body.embeds as APIEmbed[];
    expect(main!.title).toBe('Sag SAG-2024-01739');
    expect(main!.fields!.map((f) => f.name.split(' ')[0])).toEqual(['1.1', '2.1', '2.2', '3.1', '4.1', '4.2', '4.3', '4.4', '4.5', '5.1', '6.1', '7.1']);
    expect(reply.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expectWithinDiscordLimits(reply.body);
  });

  it('reads case numbers in every form the core reads them, SAG-2025-1103 included', async () => {
    const message = fake.message('Er SAG-2025-1103 på igen?');
    fake.dispatch('MESSAGE_CREATE', message);
    const reply = await fake.waitFor((r) => r.body?.message_reference?.message_id === message.id);
    expect(reply.body.embeds[0].title).toBe('Sag SAG-2025-01103');
  });

  it('stays quiet about case numbers it does not know', async () => {
    const unknown = fake.message('Se SAG-1999-00001');
    fake.dispatch('MESSAGE_CREATE', unknown);
    const known = fake.message('og SAG-2025-01103');
    fake.dispatch('MESSAGE_CREATE', known);
    await fake.waitFor((r) => r.body?.message_reference?.message_id === known.id);
    expect(fake.requests.filter((r) => r.body?.message_reference?.message_id === unknown.id)).toEqual([]);
  });
});

describe('startDiscord refusals', () => {
  it('stops with one clear line when Discord refuses the Message Content intent', async () => {
    const fake = await new FakeDiscord({ disallowedIntents: MESSAGE_CONTENT }).start();
    try {
      const start = startDiscord(engine, config({ caseNumberReplies: true }), logger, { api: fake.api });
      await expect(start).rejects.toThrow(ConfigError);
      await expect(start).rejects.toThrow(/Message Content intent.*DISCORD_CASE_NUMBER_REPLIES=false/);
    } finally {
      await fake.close();
    }
  });

  it('stops with one clear line when Discord refuses the token', async () => {
    const fake = await new FakeDiscord({ rejectToken: true }).start();
    try {
      const start = startDiscord(engine, config(), logger, { api: fake.api });
      await expect(start).rejects.toThrow(/^DISCORD_TOKEN was refused by Discord/);
    } finally {
      await fake.close();
    }
  });
});

function dispatch<T extends { payload: any }>(fake: FakeDiscord, interaction: T): T {
  fake.dispatch('INTERACTION_CREATE', interaction.payload);
  return interaction;
}
