import { once } from 'node:events';
import { Client, Events, GatewayIntentBits, Partials, type ClientOptions } from 'discord.js';
import type { AnswerEngine } from '../../answer/types.js';
import type { DiscordConfig } from '../../config.js';
import { ConfigError } from '../../errors.js';
import type { Logger } from '../../log.js';
import type { RunningAdapter } from '../adapter.js';
import { statelessChat, type ChatServices } from '../../conversation/chat-services.js';
import type { PlatformState } from '../../service/health.js';
import { Requests } from '../../service/requests.js';
import { NO_MENTIONS, type DiscordContext } from './reply-message.js';
import { ButtonIds } from './custom-ids.js';
import { discordDigestTarget, discordWatchTarget } from './targets.js';
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
  /** Tracks and logs each request; default one of its own. */
  requests?: Requests;
  /** How long login may take to reach READY before the attempt is given up (default 30 s). */
  readyTimeoutMs?: number;
  /** Threads, watches and feedback; default none kept (answers only). */
  chat?: ChatServices;
}

/**
 * The gateway intents the bot asks for. Message Content is privileged (it must be switched on in
 * the Developer Portal), so it is only requested when case-number replies or follow-ups in threads
 * without a mention are on; slash commands, buttons, mentions and DMs work without it.
 */
export function discordIntents(config: Pick<DiscordConfig, 'caseNumberReplies' | 'threadFollowUps'>): GatewayIntentBits[] {
  return [
    GatewayIntentBits.Guilds,
    GatewayIntentBits.GuildMessages,
    GatewayIntentBits.DirectMessages,
    ...(config.caseNumberReplies || config.threadFollowUps ? [GatewayIntentBits.MessageContent] : []),
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
  const requests = options.requests ?? new Requests(log);
  const api = options.api ?? config.apiUrl;
  const client = new Client({
    ...options.clientOptions,
    intents: discordIntents(config),
    // DM channels are not cached before their first message; without this partial those messages are dropped.
    partials: [Partials.Channel],
    allowedMentions: NO_MENTIONS,
    rest: { ...options.clientOptions?.rest, ...(api !== undefined ? { api } : {}) },
  });
  const ctx: DiscordContext = { chat: options.chat ?? statelessChat(engine, log), ids: new ButtonIds(), logger: log, ephemeral: config.response === 'ephemeral' };
  let accepting = true;
  let state: PlatformState = 'connecting';

  client.on(Events.InteractionCreate, (interaction) => {
    // While stopping, new interactions are left to time out: Discord tells the user, and nothing is half answered.
    if (!accepting) return;
    const kind = interaction.isChatInputCommand() ? 'command' : interaction.isAutocomplete() ? 'autocomplete' : interaction.isButton() ? 'button' : `interaction:${interaction.type}`;
    void requests
      .handle({ platform: 'discord', kind, user: interaction.user.id, channel: interaction.channelId }, () => dispatchInteraction(interaction, ctx))
      .catch((err: unknown) => log.error({ err }, 'discord interaction handler crashed'));
  });
  client.on(Events.MessageCreate, (message) => {
    if (!accepting || message.author.bot) return;
    // Only messages for the bot are requests; the rest of a channel's talk is not logged.
    const me = client.user;
    const addressed =
      message.channel.isDMBased() || (me !== null && message.mentions.users.has(me.id)) || config.caseNumberReplies || (config.threadFollowUps && message.channel.isThread());
    if (!addressed) return;
    void requests
      .handle({ platform: 'discord', kind: 'message', user: message.author.id, channel: message.channelId }, () =>
        handleMessage(message, ctx, { caseNumberReplies: config.caseNumberReplies, threadFollowUps: config.threadFollowUps === true }),
      )
      .catch((err: unknown) => log.error({ err }, 'discord message handler crashed'));
  });
  client.on(Events.ShardReady, () => (state = 'connected'));
  client.on(Events.ShardResume, () => (state = 'connected'));
  client.on(Events.ShardReconnecting, () => (state = 'connecting'));
  client.on(Events.ShardDisconnect, () => (state = 'disconnected'));
  client.on(Events.Error, (err) => log.error({ err }, 'discord client error'));
  client.on(Events.ShardError, (err) => log.warn({ err }, 'discord connection error'));
  client.on(Events.Warn, (message) => log.warn(message));
  client.on(Events.Debug, (message) => log.debug(message));

  const ready = once(client, Events.ClientReady);
  let readyTimer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    readyTimer = setTimeout(() => reject(new Error('the Discord gateway did not become ready in time')), options.readyTimeoutMs ?? 30_000);
  });
  try {
    await Promise.race([client.login(config.token).then(() => ready), timeout]);
    state = 'connected';
  } catch (error) {
    await client.destroy().catch(() => undefined);
    throw explainLoginFailure(error);
  } finally {
    clearTimeout(readyTimer);
  }
  log.info({ user: client.user?.tag, caseNumberReplies: config.caseNumberReplies, threadFollowUps: config.threadFollowUps, response: config.response }, 'discord bot is ready');

  return {
    name: 'discord',
    digestTarget: discordDigestTarget(client.rest),
    watchTarget: discordWatchTarget(client.rest, ctx.ids),
    state: () => (accepting ? state : 'stopped'),
    async stop() {
      accepting = false;
      // Answers in flight still reply over REST, which the gateway's closing does not need.
      await requests.idle();
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
