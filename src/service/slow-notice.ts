import type { Logger } from '../log.js';

/** How long an answer may take before the asker is told it is coming: under Slack's 3 s, so no silence reads as a failure. */
export const SLOW_ANSWER_MS = 2500;

/**
 * Tells the asker that the answer is on its way when it takes longer than `afterMs` (answers wait
 * their turn behind others under load; the platform may be slow to take the reply). Call `done()`
 * as soon as the answer is ready; a notice already under way is not taken back. A failing notice
 * is only logged: the answer itself still comes.
 *
 * @example
 * const slow = noticeWhenSlow(() => respond({ response_type: 'ephemeral', text: SLOW_ANSWER_TEXT }), log);
 * const message = answer();
 * slow.done();
 */
export function noticeWhenSlow(notify: () => Promise<unknown>, log: Logger, afterMs: number = SLOW_ANSWER_MS): { done(): void } {
  let finished = false;
  const timer = setTimeout(() => {
    if (finished) return;
    notify().catch((err: unknown) => log.warn({ err }, 'could not say that the answer is on its way'));
  }, afterMs);
  timer.unref();
  return {
    done() {
      finished = true;
      clearTimeout(timer);
    },
  };
}
