import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, SocketModeReceiver, type webApi } from '@slack/bolt';
import type { AnswerEngine } from '../../answer/types.js';
import type { SlackConfig } from '../../config.js';
import { statelessChat, type ChatServices } from '../../conversation/chat-services.js';
import type { WatchTarget } from '../../watches/topic-watcher.js';
import type { DigestTarget } from '../../digest/types.js';
import { ConfigError } from '../../errors.js';
import type { Logger } from '../../log.js';
import type { RunningAdapter } from '../adapter.js';
import type { PlatformState } from '../../service/health.js';
import { Requests } from '../../service/requests.js';
import { takeTurn } from '../../service/take-turn.js';
import { boltLogger } from './bolt-logger.js';
import { slackDigestTarget, slackWatchTarget } from './targets.js';
import { registerHandlers } from './handlers/index.js';

/** The running Slack app as the start-up code and the digest see it. */
export interface RunningSlack extends RunningAdapter {
  name: 'slack';
  /** HTTP mode: the port actually listened on (differs from `config.port` when that is 0). */
  port?: number;
  /** Posts the daily digest with chat.postMessage. */
  digestTarget: DigestTarget;
  /** Posts topic-watch matches with chat.postMessage. */
  watchTarget: WatchTarget;
}

/**
 * Retries of Slack Web API calls. Bolt's default keeps retrying for about 30 minutes, which would
 * leave a user waiting and hide a wrong SLACK_API_URL at start; a few quick retries cover blips.
 * A call refused with HTTP 429 is retried by the client after the Retry-After Slack names
 * (`rejectRateLimitedCalls` stays false).
 */
const RETRY: webApi.RetryOptions = { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 4000 };

export interface SlackStartOptions {
  /** Tracks and logs each request; default one of its own. */
  requests?: Requests;
  /** HTTP mode: answers `GET /healthz` on the app's port. */
  healthz?: (req: IncomingMessage, res: ServerResponse) => void;
  /** Threads, watches and feedback; default none kept (answers only). */
  chat?: ChatServices;
}

/** What a request was, for its one log line. */
function describeRequest(body: Record<string, any>): { kind: string; [field: string]: unknown } {
  if (typeof body.command === 'string') return { kind: 'slash_command', user: body.user_id, channel: body.channel_id };
  if (body.type === 'event_callback') return { kind: `event:${String(body.event?.type)}`, user: body.event?.user, channel: body.event?.channel };
  if (typeof body.type === 'string') return { kind: body.type, user: body.user?.id, channel: body.channel?.id ?? body.container?.channel_id };
  return { kind: 'unknown' };
}

/** Slack's answers to auth.test that mean the token itself is wrong. */
const TOKEN_ERRORS = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired']);

function slackErrorCode(error: unknown): string | undefined {
  const data = (error as { data?: { error?: unknown } } | undefined)?.data;
  return typeof data?.error === 'string' ? data.error : undefined;
}

/**
 * Starts the Slack app and resolves once it is serving.
 *
 * - Socket Mode (`SLACK_MODE=socket`, the default): connects out to Slack with the app-level token;
 *   no public URL needed.
 * - HTTP mode (`SLACK_MODE=http`): listens on `config.port` for `/slack/events` (slash commands,
 *   events and button clicks), verifying Slack's request signature with the signing secret.
 *
 * `config.apiUrl` (SLACK_API_URL) points the Web API client elsewhere, e.g. a local stand-in in tests.
 * The bot token is checked with auth.test before serving, so a wrong token stops start-up with one
 * clear line instead of failing on the first question.
 *
 * @throws ConfigError when Slack refuses the bot token, Socket Mode has no app token or PORT is taken.
 */
export async function startSlack(engine: AnswerEngine, config: SlackConfig, logger: Logger, options: SlackStartOptions = {}): Promise<RunningSlack> {
  const log = logger.child({ adapter: 'slack', mode: config.mode });
  const requests = options.requests ?? new Requests(log);
  let socketState: PlatformState = 'connecting';
  const clientOptions: webApi.WebClientOptions = {
    retryConfig: RETRY,
    ...(config.apiUrl !== undefined ? { slackApiUrl: config.apiUrl } : {}),
  };
  const common = {
    token: config.botToken,
    logger: boltLogger(log),
    clientOptions,
    // Initialised below, so a refused token becomes a clear start-up error.
    deferInitialization: true,
  };

  let app: App;
  if (config.mode === 'socket') {
    if (config.appToken === undefined) {
      throw new ConfigError('SLACK_APP_TOKEN is not set; it is required in Socket Mode (SLACK_MODE=socket, the default).');
    }
    const receiver = new SocketModeReceiver({
      appToken: config.appToken,
      logger: boltLogger(log),
      // The Socket Mode client opens its connection through the Web API, so it needs the same base URL.
      installerOptions: { clientOptions },
    });
    receiver.client.on('connected', () => (socketState = 'connected'));
    receiver.client.on('reconnecting', () => (socketState = 'connecting'));
    receiver.client.on('disconnected', () => (socketState = 'disconnected'));
    app = new App({ ...common, receiver, socketMode: true });
  } else {
    const healthz = options.healthz;
    app = new App({
      ...common,
      signingSecret: config.signingSecret,
      port: config.port,
      ...(healthz ? { customRoutes: [{ path: '/healthz', method: ['GET', 'HEAD'], handler: (req, res) => healthz(req, res) }] } : {}),
    });
  }

  // Every request once in the log, with the id its handler's lines carry; shutdown waits for these.
  app.use(async ({ body, next }) => {
    await requests.handle({ platform: 'slack', ...describeRequest(body as Record<string, any>) }, async () => {
      // Events are acknowledged before this point; commands and buttons take their turn after their ack.
      if ((body as { type?: unknown }).type === 'event_callback') await takeTurn();
      await next();
    });
  });
  registerHandlers(app, { chat: options.chat ?? statelessChat(engine, log), config, logger: log });
  app.error(async (error) => {
    log.error({ err: error }, 'Slack request failed outside a handler');
  });

  try {
    await app.init();
  } catch (error) {
    const code = slackErrorCode(error);
    if (code !== undefined && TOKEN_ERRORS.has(code)) {
      throw new ConfigError(`SLACK_BOT_TOKEN was refused by Slack (${code}); copy the Bot User OAuth Token again (OAuth & Permissions).`);
    }
    throw error;
  }

  let started: unknown;
  try {
    started = await app.start();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new ConfigError(`PORT ${config.port} is already in use; stop the other program or set PORT to a free port.`);
    }
    throw error;
  }
  let port: number | undefined;
  if (config.mode === 'http') {
    const address = (started as Server).address() as AddressInfo | null;
    port = address?.port ?? config.port;
    log.info({ port }, 'Slack app listening for /slack/events');
  } else {
    log.info('Slack app connected in Socket Mode');
  }

  let stopped = false;
  return {
    name: 'slack',
    ...(port !== undefined ? { port } : {}),
    digestTarget: slackDigestTarget(app.client),
    watchTarget: slackWatchTarget(app.client),
    state: () => (stopped ? 'stopped' : config.mode === 'http' ? 'connected' : socketState),
    async stop(): Promise<void> {
      if (stopped) return;
      stopped = true;
      // Closing the socket or the HTTP server ends the intake; answers already acknowledged still go out.
      await app.stop();
      await requests.idle();
      log.info('Slack app stopped');
    },
  };
}
