import type { DigestTarget } from '../digest/types.js';

/**
 * A chat platform connection as the start-up code sees it. Each adapter's `start…()` resolves
 * once it is serving and returns this; `stop()` closes servers and sockets so the process can exit.
 */
export interface RunningAdapter {
  name: 'slack' | 'discord' | 'teams' | 'terminal';
  stop(): Promise<void>;
  /** Present when the platform can post the daily digest. */
  digestTarget?: DigestTarget;
}
