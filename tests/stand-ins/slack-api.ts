import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local HTTP server on 127.0.0.1 that stands in for Slack's Web API and for `response_url`s,
 * and records what the app sends. Point the app at it with `SLACK_API_URL = server.apiUrl`
 * (Bolt: `clientOptions: { slackApiUrl }`) and put `server.responseUrl()` in slash-command and
 * button payloads.
 *
 * It answers `auth.test` as a bot in a test workspace (see `SLACK_TEST_IDENTITY`), `chat.postMessage`
 * with a fresh `ts`, and every other method with `{ ok: true }`.
 *
 * @example
 * const slack = await startSlackApiServer();
 * // … start the app with apiUrl: slack.apiUrl, post something …
 * const post = await slack.nextCall('chat.postMessage');
 * expect(post.args.channel).toBe('C0DIGEST');
 * expect(post.args.blocks).toBeInstanceOf(Array);
 * await slack.close();
 */

/** Who the bot is in the fake workspace (what `auth.test` answers). */
export const SLACK_TEST_IDENTITY = {
  teamId: 'T0TESTTEAM',
  botUserId: 'U0MOEDEBOT',
  botId: 'B0MOEDEBOT',
  appId: 'A0MOEDEBOT',
} as const;

/** One Web API call as the app made it. */
export interface RecordedApiCall {
  /** `chat.postMessage`, `auth.test`, … */
  method: string;
  /** The arguments, with JSON-valued form fields (`blocks`, `attachments`) parsed. */
  args: Record<string, unknown>;
  /** The bearer token the call carried. */
  token: string | undefined;
}

/** One post to a response_url. */
export interface RecordedResponse {
  /** The path of the response_url, e.g. `/response/3`. */
  path: string;
  body: Record<string, unknown>;
  /** 200, or 429 when it was refused as rate-limited. */
  status: number;
}

export interface SlackApiServer {
  /** Base URL of the fake Web API, ending in `/api/`. */
  readonly apiUrl: string;
  /** Every Web API call so far, oldest first. */
  readonly calls: readonly RecordedApiCall[];
  /** Every response_url post so far, oldest first. */
  readonly responses: readonly RecordedResponse[];
  /** Response_url posts refused as rate-limited (see `rateLimitNextResponse`). */
  readonly refusedResponses: readonly RecordedResponse[];
  /** A fresh response_url on this server. */
  responseUrl(): string;
  /**
   * The next call of `method` not yet returned by `nextCall`, waiting for it if needed.
   * Rejects after `timeoutMs` (default 10 s) with a list of what was recorded.
   */
  nextCall(method: string, timeoutMs?: number): Promise<RecordedApiCall>;
  /** The next response_url post not yet returned by `nextResponse`, waiting for it if needed. */
  nextResponse(timeoutMs?: number): Promise<RecordedResponse>;
  /** The calls of one method so far. */
  callsOf(method: string): RecordedApiCall[];
  /** Makes the next call of `method` fail as Slack does: HTTP 200 with `{ ok: false, error }`. */
  failNext(method: string, error: string): void;
  /** Refuses the next call of `method` as rate-limited: HTTP 429 with `Retry-After: seconds`. */
  rateLimitNext(method: string, seconds: number): void;
  /** Refuses the next response_url post as rate-limited: HTTP 429 with `Retry-After: seconds`. */
  rateLimitNextResponse(seconds: number): void;
  /**
   * Answers every later call of `method` with `body` (merged over `{ ok: true }`), e.g.
   * `respondWith('apps.connections.open', { url: 'ws://127.0.0.1:…' })` for Socket Mode.
   */
  respondWith(method: string, body: Record<string, unknown>): void;
  /**
   * From now on, response_url posts are recorded as they arrive but not answered until `release()`
   * (an answer still in flight, e.g. while the bot is asked to stop).
   */
  holdResponses(): { release(): void };
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseArgs(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (raw === '') return {};
  if (contentType?.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    // The Web API client sends objects and arrays as JSON inside form fields.
    if (/^[[{]/.test(value)) {
      try {
        args[key] = JSON.parse(value);
        continue;
      } catch {
        // a plain string that happens to start with a bracket
      }
    }
    args[key] = value;
  }
  return args;
}

interface Waiter<T> {
  accept: (x: T) => boolean;
  resolve: (x: T) => void;
}

/** Starts the fake on a free port of 127.0.0.1. */
export async function startSlackApiServer(): Promise<SlackApiServer> {
  const calls: RecordedApiCall[] = [];
  const responses: RecordedResponse[] = [];
  const refused: RecordedResponse[] = [];
  const consumedCalls = new Set<RecordedApiCall>();
  let responsesConsumed = 0;
  const callWaiters: Array<Waiter<RecordedApiCall>> = [];
  const responseWaiters: Array<Waiter<RecordedResponse>> = [];
  const failures = new Map<string, string[]>();
  const canned = new Map<string, Record<string, unknown>>();
  const rateLimited = new Map<string, number>();
  let rateLimitResponse: number | undefined;
  let nextTs = 1;
  let nextResponseId = 1;
  let held: Array<() => void> | undefined;

  const answer = (call: RecordedApiCall): Record<string, unknown> => {
    const queued = failures.get(call.method);
    if (queued && queued.length > 0) return { ok: false, error: queued.shift() };
    const fixed = canned.get(call.method);
    if (fixed) return { ok: true, ...fixed };
    switch (call.method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://moedebot-test.slack.com/',
          team: 'Test',
          user: 'moedebot',
          team_id: SLACK_TEST_IDENTITY.teamId,
          user_id: SLACK_TEST_IDENTITY.botUserId,
          bot_id: SLACK_TEST_IDENTITY.botId,
          is_enterprise_install: false,
        };
      case 'chat.postMessage': {
        const ts = `1700000000.${String(nextTs++).padStart(6, '0')}`;
        return {
          ok: true,
          channel: call.args.channel,
          ts,
          message: { type: 'message', text: call.args.text, bot_id: SLACK_TEST_IDENTITY.botId, ts },
        };
      }
      default:
        return { ok: true };
    }
  };

  const server: Server = createServer((req, res) => {
    void (async () => {
      const raw = await readBody(req);
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (req.method === 'POST' && url.pathname.startsWith('/api/')) {
        const auth = req.headers.authorization;
        const call: RecordedApiCall = {
          method: url.pathname.slice('/api/'.length),
          args: parseArgs(raw, req.headers['content-type']),
          token: auth?.startsWith('Bearer ') ? auth.slice('Bearer '.length) : undefined,
        };
        calls.push(call);
        const limited = rateLimited.get(call.method);
        if (limited !== undefined) {
          rateLimited.delete(call.method);
          res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(limited) }).end('{"ok":false,"error":"ratelimited"}');
          return;
        }
        const body = answer(call);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
        const i = callWaiters.findIndex((w) => w.accept(call));
        if (i >= 0) callWaiters.splice(i, 1)[0]!.resolve(call);
        return;
      }
      if (req.method === 'POST' && url.pathname.startsWith('/response/')) {
        if (rateLimitResponse !== undefined) {
          const seconds = rateLimitResponse;
          rateLimitResponse = undefined;
          refused.push({ path: url.pathname, body: parseArgs(raw, req.headers['content-type']), status: 429 });
          res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(seconds) }).end('{"ok":false,"error":"rate_limited"}');
          return;
        }
        const response: RecordedResponse = { path: url.pathname, body: parseArgs(raw, req.headers['content-type']), status: 200 };
        responses.push(response);
        const reply = () => void res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
        if (held) held.push(reply);
        else reply();
        const waiter = responseWaiters.shift();
        if (waiter) {
          responsesConsumed++;
          waiter.resolve(response);
        }
        return;
      }
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"ok":false,"error":"unknown_method"}');
    })().catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;

  const summary = () =>
    `recorded calls: [${calls.map((c) => c.method).join(', ')}]; response_url posts: ${responses.length}`;

  function timeout<T>(waiters: Array<Waiter<T>>, waiter: Waiter<T>, ms: number, what: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        const i = waiters.indexOf(waiter);
        if (i >= 0) waiters.splice(i, 1);
        reject(new Error(`fake Slack API: no ${what} within ${ms} ms; ${summary()}`));
      }, ms);
      waiter.resolve = (x: T) => {
        clearTimeout(timer);
        resolve(x);
      };
      waiters.push(waiter);
    });
  }

  return {
    apiUrl: `${base}/api/`,
    calls,
    responses,
    responseUrl: () => `${base}/response/${nextResponseId++}`,
    callsOf: (method) => calls.filter((c) => c.method === method),
    respondWith(method, body) {
      canned.set(method, body);
    },
    holdResponses() {
      const queue: Array<() => void> = [];
      held = queue;
      return {
        release() {
          if (held === queue) held = undefined;
          for (const reply of queue.splice(0)) reply();
        },
      };
    },
    failNext(method, error) {
      failures.set(method, [...(failures.get(method) ?? []), error]);
    },
    rateLimitNext(method, seconds) {
      rateLimited.set(method, seconds);
    },
    rateLimitNextResponse(seconds) {
      rateLimitResponse = seconds;
    },
    refusedResponses: refused,
    nextCall(method, timeoutMs = 10_000) {
      const ready = calls.find((c) => c.method === method && !consumedCalls.has(c));
      if (ready) {
        consumedCalls.add(ready);
        return Promise.resolve(ready);
      }
      const waiter: Waiter<RecordedApiCall> = {
        accept: (c) => c.method === method && !consumedCalls.has(c),
        resolve: () => {},
      };
      return timeout(callWaiters, waiter, timeoutMs, `${method} call`).then((c) => {
        consumedCalls.add(c);
        return c;
      });
    },
    nextResponse(timeoutMs = 10_000) {
      if (responsesConsumed < responses.length) return Promise.resolve(responses[responsesConsumed++]!);
      return timeout(responseWaiters, { accept: () => true, resolve: () => {} }, timeoutMs, 'response_url post');
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
