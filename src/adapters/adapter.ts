import type { DigestTarget } from '../digest/types.js';
import type { PlatformState } from '../service/health.js';
import type { WatchTarget } from '../watches/topic-watcher.js';

/**
 * A chat platform connection as the start-up code sees it. Each adapter's `start…()` resolves
 * once it is serving and returns this.
 */
export interface RunningAdapter {
  name: 'slack' | 'discord' | 'teams' | 'terminal';
  /**
   * Stops taking new requests (closes its server or socket), waits for the answers in flight, then
   * closes what is left so the process can exit. The caller bounds the wait (SHUTDOWN_GRACE_MS).
   */
  stop(): Promise<void>;
  /** Whether the platform is reachable right now (for `/healthz`); `connected` when absent. */
  state?(): PlatformState;
  /** Present when the platform can post the daily digest. */
  digestTarget?: DigestTarget;
  /** Present when the platform can post topic-watch matches. */
  watchTarget?: WatchTarget;
}
