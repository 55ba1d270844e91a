import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DatabaseState } from '../db/database.js';

/** Where a chat platform's connection stands. */
export type PlatformState = 'connecting' | 'connected' | 'disconnected' | 'failed' | 'stopped';

/** What `GET /healthz` answers. */
export interface HealthReport {
  /**
   * `ok` (HTTP 200) when the index is loaded, every platform is connected, the database (when one
   * is configured) answers and the bot is not stopping; else `unavailable` (503).
   */
  status: 'ok' | 'unavailable';
  index: { loaded: boolean; meetings: number; items: number };
  platforms: Record<string, PlatformState>;
  /** Present when DATABASE_URL is set: whether the database answered its last check. */
  database?: DatabaseState;
  stopping: boolean;
}

export const HEALTH_PATH = '/healthz';

/**
 * The bot's health as a load balancer, container runtime or supervisor asks for it:
 * `GET /healthz` on the bot's HTTP ports (Slack in HTTP mode, Teams, and HEALTH_PORT) answers
 * 200 or 503 with a {@link HealthReport} as JSON.
 */
export class Health {
  private index = { loaded: false, meetings: 0, items: 0 };
  private readonly platforms = new Map<string, () => PlatformState>();
  private stopping = false;
  private databaseState: (() => DatabaseState) | undefined;

  indexLoaded(meetings: number, items: number): void {
    this.index = { loaded: true, meetings, items };
  }

  /** Registers a platform; `state` is asked at every health check. */
  platform(name: string, state: () => PlatformState): void {
    this.platforms.set(name, state);
  }

  /** Registers the database the state (and search) live in; `state` is asked at every health check. */
  database(state: () => DatabaseState): void {
    this.databaseState = state;
  }

  /** From now on the bot reports itself unavailable, so traffic moves elsewhere while it stops. */
  markStopping(): void {
    this.stopping = true;
  }

  report(): HealthReport {
    const platforms = Object.fromEntries([...this.platforms].map(([name, state]) => [name, state()]));
    const database = this.databaseState?.();
    const ok = this.index.loaded && !this.stopping && Object.values(platforms).every((s) => s === 'connected') && (database === undefined || database === 'up');
    return { status: ok ? 'ok' : 'unavailable', index: { ...this.index }, platforms, ...(database ? { database } : {}), stopping: this.stopping };
  }

  /** Answers `GET /healthz` (and HEAD); for use as a route of an existing HTTP server. */
  readonly serve = (req: IncomingMessage, res: ServerResponse): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const report = this.report();
    res.writeHead(report.status === 'ok' ? 200 : 503, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : `${JSON.stringify(report)}\n`);
  };

  /** Whether `req` asks for the health check. */
  static isHealthRequest(req: IncomingMessage): boolean {
    return new URL(req.url ?? '/', 'http://localhost').pathname === HEALTH_PATH;
  }
}

/** A server on `port` answering only `GET /healthz` (HEALTH_PORT), for deployments with no HTTP platform. */
export async function startHealthServer(health: Health, port: number): Promise<{ port: number; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    if (Health.isHealthRequest(req)) health.serve(req, res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
