import { afterEach, describe, expect, it } from 'vitest';
import { registerCommands } from '../../../src/adapters/discord/register.js';
import { ConfigError } from '../../../src/errors.js';
import { APP_ID, FakeDiscord, GUILD_ID } from '../../stand-ins/discord.js';

const TOKEN = 'MTE.fake.token';
let fake: FakeDiscord | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('registerCommands', () => {
  it('registers /dagsorden with autocompleted spørgsmål, møde and udvalg options, and /hjælp, in one server', async () => {
    fake = await new FakeDiscord().start();
    const result = await registerCommands({ token: TOKEN, applicationId: APP_ID, guildId: GUILD_ID, caseNumberReplies: false }, { api: fake.api });
    expect(result).toEqual({ scope: 'guild', names: ['dagsorden', 'hjælp'] });
    const put = fake.requests.find((r) => r.method === 'PUT')!;
    expect(put.path).toBe(`/applications/${APP_ID}/guilds/${GUILD_ID}/commands`);
    expect(put.headers.authorization).toBe(`Bot ${TOKEN}`);
    const dagsorden = put.body.find((c: any) => c.name === 'dagsorden');
    expect(dagsorden.options.map((o: any) => [o.name, o.required ?? false, o.autocomplete ?? false])).toEqual([
      ['spørgsmål', true, true],
      ['møde', false, true],
      ['udvalg', false, true],
    ]);
  });

  it('registers globally when no server is given', async () => {
    fake = await new FakeDiscord().start();
    const result = await registerCommands({ token: TOKEN, applicationId: APP_ID, caseNumberReplies: false }, { api: fake.api });
    expect(result.scope).toBe('global');
    expect(fake.requests.find((r) => r.method === 'PUT')!.path).toBe(`/applications/${APP_ID}/commands`);
  });

  it('says what to fix when Discord refuses the token', async () => {
    fake = await new FakeDiscord({ commandsStatus: 401 }).start();
    const register = registerCommands({ token: TOKEN, applicationId: APP_ID, caseNumberReplies: false }, { api: fake.api });
    await expect(register).rejects.toThrow(ConfigError);
    await expect(register).rejects.toThrow(/^DISCORD_TOKEN was refused by Discord/);
  });

  it('says the bot must be invited when the server refuses', async () => {
    fake = await new FakeDiscord({ commandsStatus: 403 }).start();
    const register = registerCommands({ token: TOKEN, applicationId: APP_ID, guildId: GUILD_ID, caseNumberReplies: false }, { api: fake.api });
    await expect(register).rejects.toThrow(/invite the bot to that server with the applications\.commands scope/);
  });
});
