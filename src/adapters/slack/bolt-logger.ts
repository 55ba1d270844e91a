import { format } from 'node:util';
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../log.js';

/**
 * Bolt's logger interface on top of our pino logger, so Bolt's own messages land in the same JSON
 * log. Bolt's debug output includes whole request bodies, so it is sent to pino's `trace` level
 * and only appears when LOG_LEVEL=trace.
 */
export function boltLogger(logger: Logger): BoltLogger {
  const log = logger.child({ component: 'bolt' });
  const text = (msg: unknown[]) => format(...msg);
  const errorOf = (msg: unknown[]) => msg.find((m): m is Error => m instanceof Error);
  return {
    debug: (...msg: unknown[]) => log.trace(text(msg)),
    info: (...msg: unknown[]) => log.info(text(msg)),
    warn: (...msg: unknown[]) => log.warn(text(msg)),
    error: (...msg: unknown[]) => {
      const err = errorOf(msg);
      if (err) log.error({ err }, text(msg.filter((m) => m !== err)) || err.message);
      else log.error(text(msg));
    },
    // The level is ours (LOG_LEVEL); Bolt asking to change it is ignored.
    setLevel: () => {},
    getLevel: () => (log.isLevelEnabled('trace') ? LogLevel.DEBUG : LogLevel.INFO),
    setName: () => {},
  };
}
