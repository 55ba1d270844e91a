import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the bot made to the Bot Connector. */
export interface ConnectorCall {
  method: string;
  /** Decoded path, e.g. `/v3/conversations/a:personal-1/activities/act-1`. */
  path: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

/**
 * A local stand-in for the Bot Connector service (Teams' `serviceUrl`): it accepts
 * `POST /v3/conversations/:id/activities[/:replyToId]` as the real one does and records the calls.
 */
export class FakeConnector {
  readonly calls: ConnectorCall[] = [];
  private server: Server | undefined;
  private counter = 0;
  private rateLimited: number | undefined;
  url = '';

  /** Refuses the next call as rate-limited: HTTP 429 with `Retry-After: seconds` (it is still recorded). */
  rateLimitNext(seconds: number): void {
    this.rateLimited = seconds;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        this.calls.push({
          method: req.method ?? '',
          path: decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname),
          headers: req.headers,
          body: raw ? (JSON.parse(raw) as Record<string, unknown>) : {},
        });
        res.setHeader('content-type', 'application/json');
        if (this.rateLimited !== undefined) {
          res.statusCode = 429;
          res.setHeader('retry-after', String(this.rateLimited));
          this.rateLimited = undefined;
          res.end(JSON.stringify({ error: { code: 'TooManyRequests' } }));
          return;
        }
        res.end(JSON.stringify({ id: `sent-${++this.counter}` }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  /** Forgets the calls so far. */
  clear(): void {
    this.calls.length = 0;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server?.close(() => resolve());
      this.server?.closeAllConnections();
    });
  }
}
