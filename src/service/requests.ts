import type { Logger } from '../log.js';
import { inRequest, newRequestId } from '../logging/request-context.js';

/** What a request was, for its log line: `{ platform: 'slack', kind: 'slash_command' }` and any ids worth finding it by. */
export interface RequestInfo {
  platform: string;
  kind: string;
  [field: string]: unknown;
}

/**
 * The requests an adapter is handling. Each is logged once when it ends (`request`, with its
 * correlation id `reqId`, duration and outcome; every line logged while handling it carries the
 * same `reqId`), and `idle()` lets shutdown wait for the answers still in flight.
 *
 * @example
 * const requests = new Requests(logger);
 * await requests.handle({ platform: 'slack', kind: 'slash_command' }, () => answer());
 * // on SIGTERM, after closing the intake:
 * await requests.idle();
 */
export class Requests {
  private active = 0;
  private waiters: Array<() => void> = [];

  /** @param level the level of the summary line; `debug` for the terminal chat, whose user sees the answer anyway. */
  constructor(
    private readonly logger: Logger,
    private readonly level: 'info' | 'debug' = 'info',
  ) {}

  /** Requests started and not yet finished. */
  get inFlight(): number {
    return this.active;
  }

  /** Runs one request with its own correlation id; rethrows what `fn` throws, after logging it. */
  async handle<T>(info: RequestInfo, fn: () => Promise<T> | T): Promise<T> {
    const context = { reqId: newRequestId() };
    const started = performance.now();
    this.active++;
    let failure: unknown;
    let failed = false;
    try {
      return await inRequest(context, fn);
    } catch (error) {
      failed = true;
      failure = error;
      throw error;
    } finally {
      this.active--;
      const ms = Math.round(performance.now() - started);
      inRequest(context, () => {
        if (failed) this.logger.error({ ...info, ms, outcome: 'error', err: failure }, 'request');
        else this.logger[this.level]({ ...info, ms, outcome: 'ok' }, 'request');
      });
      if (this.active === 0) for (const wake of this.waiters.splice(0)) wake();
    }
  }

  /** Resolves once no request is in flight. */
  idle(): Promise<void> {
    return this.active === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }
}
