import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CloudAdapter, MessageFactory } from '@microsoft/agents-hosting';
import type { AnswerEngine } from '../../answer/types.js';
import type { TeamsConfig } from '../../config.js';
import type { DigestTarget } from '../../digest/types.js';
import type { Logger } from '../../log.js';
import type { RunningAdapter } from '../adapter.js';
import { statelessChat, type ChatServices } from '../../conversation/chat-services.js';
import { logFailure } from '../../service/failure.js';
import { Requests } from '../../service/requests.js';
import type { WatchTarget } from '../../watches/topic-watcher.js';
import { authConfiguration, authenticate, authMode } from './auth.js';
import { FileConversationStore, type ConversationStore } from './conversation-store.js';
import { teamsDigestTarget, teamsWatchTarget } from './targets.js';
import { handleTurn } from './handle-turn.js';
import { HttpError, readJsonBody, toRequest, toWebResponse } from './node-http.js';

/** Where Teams (the Bot Connector) posts activities; the messaging endpoint of the Azure Bot. */
export const TEAMS_MESSAGES_PATH = '/api/messages';

export interface TeamsStartOptions {
  /** Folder for `teams-conversations.json` (default `data`, as DATA_DIR) when `conversations` is not given. */
  dataDir?: string;
  /** Where the conversations the bot has seen are kept; default the file in `dataDir`. */
  conversations?: ConversationStore;
  /** Interface to listen on (default: all, as a reverse proxy or tunnel forwards to it). */
  host?: string;
  /** Tracks and logs each request; default one of its own. */
  requests?: Requests;
  /** Answers `GET /healthz` on the Teams port. */
  healthz?: (req: IncomingMessage, res: ServerResponse) => void;
  /** Threads, watches and feedback; default none kept (answers only). */
  chat?: ChatServices;
}

/** The running Teams adapter; `port` is the bound port (useful with TEAMS_PORT=0). */
export interface TeamsAdapter extends RunningAdapter {
  name: 'teams';
  port: number;
  digestTarget: DigestTarget;
  watchTarget: WatchTarget;
}

/**
 * Serves the Teams bot on `config.port` at `/api/messages` with the Microsoft 365 Agents SDK.
 * Requests are authenticated unless `config.allowUnauthenticated` (see `./auth.ts`). Resolves once
 * listening; `stop()` closes the server.
 *
 * @throws ConfigError when credentials are incomplete and development mode is not asked for.
 * @example
 * const teams = await startTeams(engine, config.teams, logger, { dataDir: config.dataDir });
 */
export async function startTeams(
  engine: AnswerEngine,
  config: TeamsConfig,
  logger: Logger,
  options: TeamsStartOptions = {},
): Promise<TeamsAdapter> {
  const log = logger.child({ adapter: 'teams' });
  const requests = options.requests ?? new Requests(log);
  const mode = authMode(config);
  const store = options.conversations ?? (await FileConversationStore.open(options.dataDir ?? 'data', log));
  // validateServiceUrl: a token issued for one Bot Connector host cannot send us activities
  // whose replies would go to another.
  const adapter = new CloudAdapter(authConfiguration(config), undefined, undefined, { validateServiceUrl: true });
  adapter.onTurnError = async (context, error) => {
    const failure = logFailure(log, error, 'teams turn in the SDK');
    await context.sendActivity(MessageFactory.text(failure.text));
  };
  const deps = { chat: options.chat ?? statelessChat(engine, log), store, logger: log };

  const server = createServer((req, res) => {
    if (options.healthz && new URL(req.url ?? '/', 'http://localhost').pathname === '/healthz') {
      options.healthz(req, res);
      return;
    }
    void requests.handle({ platform: 'teams', kind: 'activity' }, () => serve(req, res)).catch((err: unknown) => {
      log.error({ err }, 'teams request failed');
      if (!res.headersSent) {
        res.statusCode = 500;
        res.end();
      } else if (!res.writableEnded) {
        res.end();
      }
    });
  });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== TEAMS_MESSAGES_PATH) {
      res.statusCode = 404;
      res.end();
      return;
    }
    if (req.method !== 'POST') {
      res.statusCode = 405;
      res.setHeader('allow', 'POST');
      res.end();
      return;
    }
    let body: Record<string, unknown>;
    try {
      body = await readJsonBody(req);
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      res.statusCode = err.status;
      res.end();
      return;
    }
    const request = toRequest(req, body);
    const response = toWebResponse(res);
    const allowed = await authenticate(mode, request, response, (q, r, next) => adapter.authorizeRequest(q, r, next));
    if (!allowed) {
      log.warn({ status: res.statusCode }, 'teams request refused: not authenticated');
      if (!res.writableEnded) {
        if (!res.headersSent) res.statusCode = 401;
        res.end();
      }
      return;
    }
    await adapter.process(request, response, (context) => handleTurn(context, deps));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  log.info({ port, path: TEAMS_MESSAGES_PATH, auth: mode }, 'teams adapter listening');
  if (mode === 'development') {
    log.warn('teams: accepting unauthenticated requests (TEAMS_ALLOW_UNAUTHENTICATED); for local development only');
  }

  return {
    name: 'teams',
    port,
    digestTarget: teamsDigestTarget(adapter, store, mode === 'authenticated' ? config.appId : undefined, log),
    watchTarget: teamsWatchTarget(adapter, store, mode === 'authenticated' ? config.appId : undefined),
    async stop() {
      // No new connections; requests under way (an answer being sent to the Bot Connector) finish.
      const closed = new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
      server.closeIdleConnections();
      await requests.idle();
      await closed;
    },
  };
}
