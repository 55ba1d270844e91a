import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for Slack, for `npm run load`: answers the Web API's `auth.test` (and every other
 * method with `{ ok: true }`), and receives response_url posts, noting when each arrived, so the
 * benchmark can tell when every answer was complete. Requests into the app are signed the way Slack
 * signs them.
 */
export interface SlackStandIn {
  apiUrl: string;
  /** A response_url whose post is recorded under `id`. */
  responseUrl(id: number): string;
  /** When the answer for `id` arrived (performance.now()), once it has. */
  answeredAt: Map<number, number>;
  /** Resolves once `n` answers have arrived. */
  answers(n: number): Promise<void>;
  close(): Promise<void>;
}

export async function startSlackStandIn(): Promise<SlackStandIn> {
  const answeredAt = new Map<number, number>();
  const waiters: Array<{ n: number; resolve: () => void }> = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const response = /^\/response\/(\d+)$/.exec(url.pathname);
      if (response) {
        answeredAt.set(Number(response[1]), performance.now());
        for (const w of waiters.filter((w) => answeredAt.size >= w.n)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve();
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
        return;
      }
      const body = url.pathname === '/api/auth.test' ? { ok: true, team_id: 'T0LOAD', user_id: 'U0BOT', bot_id: 'B0BOT', url: 'https://load.slack.com/' } : { ok: true };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    apiUrl: `${base}/api/`,
    responseUrl: (id) => `${base}/response/${id}`,
    answeredAt,
    answers: (n) => (answeredAt.size >= n ? Promise.resolve() : new Promise((resolve) => waiters.push({ n, resolve }))),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Slack's request signature headers for `body` (`v0=` HMAC-SHA256 of `v0:timestamp:body`). */
export function slackSignature(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
  const hmac = createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');
  return { 'x-slack-signature': `v0=${hmac}`, 'x-slack-request-timestamp': String(timestamp) };
}
