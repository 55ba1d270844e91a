import { once } from 'node:events';
import { Client, Events, GatewayIntentBits, Partials, type ClientOptions } from 'discord.js';
import type { AnswerEngine } from '../../answer/types.js';
import type { DiscordConfig } from '../../config.js';
import { ConfigError } from '../../errors.js';
import type { Logger } from '../../log.js';
import type { RunningAdapter } from '../adapter.js';
import { NO_MENTIONS, type DiscordContext } from './answer-question.js';
import { ButtonIds } from './custom-ids.js';
import { discordDigestTarget } from './digest-target.js';
import { dispatchInteraction } from './interactions.js';
import { handleMessage } from './messages.js';

export interface DiscordStartOptions {
  /**
   * Base URL of Discord's REST API (default `https://discord.com/api`). Tests point it at a local
   * server, e.g. `http://127.0.0.1:4000/api`; the gateway URL is then whatever that server's
   * `GET /gateway/bot` returns.
   */
  api?: string;
  /** Extra discord.js client options, merged over ours (intents stay ours). */
  clientOptions?: Partial<ClientOptions>;
}

/**
 * The gateway intents the bot asks for. Message Content is privileged (it must be switched on in
 * the Developer Portal), so it is only requested when case-number replies are on; slash
 * commands, buttons, mentions and DMs work without it.
 */
export function discordIntents(config: Pick<DiscordConfig, 'caseNumberReplies'>): GatewayIntentBits[] {
  return [
    GatewayIntentBits.Guilds,
    GatewayIntentBits.GuildMessages,
    GatewayIntentBits.DirectMessages,
    ...(config.caseNumberReplies ? [GatewayIntentBits.MessageContent] : []),
  ];
}

/**
 * Connects the bot to Discord and answers slash commands, autocomplete, buttons, mentions and
 * (with `caseNumberReplies`) case numbers. Resolves once the bot is ready.
 * @throws ConfigError when Discord refuses the token or the Message Content intent.
 */
export async function startDiscord(
  engine: AnswerEngine,
  config: DiscordConfig,
  logger: Logger,
  options: DiscordStartOptions = {},
): Promise<RunningAdapter> {
  const log = logger.child({ adapter: 'discord' });
  const client = new Client({
    ...options.clientOptions,
    intents: discordIntents(config),
    // DM channels are not cached before their first message; without this partial those messages are dropped.
    partials: [Partials.Channel],
    allowedMentions: NO_MENTIONS,
    rest: { ...options.clientOptions?.rest, ...(options.api !== undefined ? { api: options.api } : {}) },
  });
  const ctx: DiscordContext = { engine, ids: new ButtonIds(), logger: log };

  client.on(Events.InteractionCreate, (interaction) => {
    void dispatchInteraction(interaction, ctx).catch((err: unknown) => log.error({ err }, 'discord interaction handler crashed'));
  });
  client.on(Events.MessageCreate, (message) => {
    void handleMessage(message, ctx, { caseNumberReplies: config.caseNumberReplies }).catch((err: unknown) =>
      log.error({ err }, 'discord message handler crashed'),
    );
  });
  client.on(Events.Error, (err) => log.error({ err }, 'discord client error'));
  client.on(Events.ShardError, (err) => log.warn({ err }, 'discord connection error'));
  client.on(Events.Warn, (message) => log.warn(message));

  const ready = once(client, Events.ClientReady);
  try {
    await client.login(config.token);
    await ready;
  } catch (error) {
    await client.destroy().catch(() => undefined);
    throw explainLoginFailure(error);
  }
  log.info({ user: client.user?.tag, caseNumberReplies: config.caseNumberReplies }, 'discord bot is ready');

  return {
    name: 'discord',
    digestTarget: discordDigestTarget(client.rest),
    async stop() {
      await client.destroy();
    },
  };
}

function explainLoginFailure(error: unknown): Error {
  const text = error instanceof Error ? `${error.message} ${(error as { code?: unknown }).code ?? ''}` : String(error);
  if (/disallowed intents/i.test(text)) {
    return new ConfigError(
      'Discord refused the Message Content intent: switch it on under Developer Portal → Bot → Privileged Gateway Intents, or set DISCORD_CASE_NUMBER_REPLIES=false.',
    );
  }
  if (/invalid token|TokenInvalid|authentication failed/i.test(text)) {
    return new ConfigError('DISCORD_TOKEN was refused by Discord: reset it under Developer Portal → Bot → Reset Token and update it.');
  }
  return new Error(`Could not connect to Discord: ${error instanceof Error ? error.message : text}`, { cause: error });
}
