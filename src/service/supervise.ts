import type { RunningAdapter } from '../adapters/adapter.js';
import type { DigestTarget } from '../digest/types.js';
import { ConfigError } from '../errors.js';
import type { Logger } from '../log.js';
import type { WatchTarget } from '../watches/topic-watcher.js';
import type { PlatformState } from './health.js';

export interface SuperviseOptions {
  name: RunningAdapter['name'];
  /** One attempt to start the platform. */
  start: () => Promise<RunningAdapter>;
  logger: Logger;
  /** First wait after a failed attempt; doubled after each failure (default 1 s). */
  firstDelayMs?: number;
  /** Longest wait between attempts (default 60 s). */
  maxDelayMs?: number;
  /** How long `firstAttempt` waits for an attempt that neither succeeds nor fails (default 15 s). */
  startWaitMs?: number;
}

/**
 * A platform started with retries: when it is down at start (Slack's socket refused, Discord's
 * gateway closed, the network not up yet), the attempt is retried with exponential back-off and
 * jitter while the other platforms serve. A refused setting (`ConfigError`: a wrong token, a
 * privileged intent not granted) is not retried: on the first attempt it stops start-up with its
 * one clear line; later it is logged and the platform stays down.
 *
 * Once started, each SDK reconnects by itself; `state()` then reports what the adapter says.
 */
export class SupervisedAdapter implements RunningAdapter {
  readonly name: RunningAdapter['name'];
  /**
   * Settles once the first attempt has succeeded, failed in a way worth retrying, or taken
   * `startWaitMs`; rejects with the ConfigError when the first attempt was refused.
   */
  readonly firstAttempt: Promise<void>;
  /** Posts through the platform once it is up; fails (and the digest retries) while it is not. */
  readonly digestTarget: DigestTarget;
  /** Posts topic-watch matches once the platform is up; fails (and the watcher retries) while it is not. */
  readonly watchTarget: WatchTarget;
  private current: RunningAdapter | undefined;
  private status: PlatformState = 'connecting';
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private attempts = 0;

  constructor(private readonly options: SuperviseOptions) {
    this.name = options.name;
    this.digestTarget = {
      platform: options.name,
      post: (channel, digest) => {
        const target = this.current?.digestTarget;
        if (target === undefined) return Promise.reject(new Error(`${this.name} is not connected yet`));
        return target.post(channel, digest);
      },
    };
    this.watchTarget = {
      platform: options.name,
      post: (channel, match) => {
        const target = this.current?.watchTarget;
        if (target === undefined) return Promise.reject(new Error(`${this.name} is not connected yet`));
        return target.post(channel, match);
      },
    };
    let settle!: (error?: unknown) => void;
    this.firstAttempt = new Promise<void>((resolve, reject) => {
      let done = false;
      settle = (error?: unknown) => {
        if (done) return;
        done = true;
        if (error === undefined) resolve();
        else reject(error);
      };
    });
    const wait = setTimeout(() => {
      // The SDK may be retrying by itself (Slack's Socket Mode client does, every few seconds).
      if (this.current === undefined && this.status === 'connecting') {
        options.logger.warn({ adapter: this.name }, `${this.name} is not connected yet; start-up goes on and it keeps trying`);
      }
      settle();
    }, options.startWaitMs ?? 15_000);
    wait.unref();
    void this.attempt(settle).finally(() => clearTimeout(wait));
  }

  state(): PlatformState {
    if (this.stopped) return 'stopped';
    if (this.current !== undefined) return this.current.state?.() ?? 'connected';
    return this.status;
  }

  private async attempt(settle: (error?: unknown) => void): Promise<void> {
    this.attempts++;
    const log = this.options.logger.child({ adapter: this.name });
    try {
      const adapter = await this.options.start();
      if (this.stopped) {
        await adapter.stop();
        return;
      }
      this.current = adapter;
      if (this.attempts > 1) log.info({ attempts: this.attempts }, `${this.name} connected after ${this.attempts} attempts`);
      settle();
    } catch (error) {
      if (error instanceof ConfigError) {
        this.status = 'failed';
        log.error({ err: error }, `${this.name} refused: ${error.message}`);
        settle(error);
        return;
      }
      const delay = this.delay();
      log.warn({ err: error, attempt: this.attempts, retryInMs: delay }, `${this.name} could not start; retrying in ${Math.round(delay / 1000)} s`);
      this.status = 'disconnected';
      settle();
      if (this.stopped) return;
      this.timer = setTimeout(() => {
        this.timer = undefined;
        void this.attempt(() => undefined);
      }, delay);
    }
  }

  /** 1 s, 2 s, 4 s … up to the maximum, each ±20 % so restarted bots do not retry in step. */
  private delay(): number {
    const first = this.options.firstDelayMs ?? 1000;
    const max = this.options.maxDelayMs ?? 60_000;
    const base = Math.min(max, first * 2 ** Math.min(this.attempts - 1, 30));
    return Math.round(base * (0.8 + 0.4 * Math.random()));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    // An attempt under way is waited for only as long as the caller's grace allows; its adapter is then stopped.
    const current = this.current;
    this.current = undefined;
    if (current !== undefined) await current.stop();
  }
}
