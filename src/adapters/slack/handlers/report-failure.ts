import type { Logger } from '../../../log.js';
import { renderError, type SlackMessage } from '../render.js';

/**
 * The adapter edge: logs the full error, then tells the user in one short Danish sentence.
 * A failure to tell the user is logged too, never thrown, so one bad request cannot stop the bot.
 */
export async function reportFailure(
  log: Logger,
  error: unknown,
  what: string,
  tell: (message: SlackMessage) => Promise<unknown>,
): Promise<void> {
  log.error({ err: error }, `${what} failed`);
  try {
    await tell(renderError());
  } catch (tellError) {
    log.error({ err: tellError }, `${what}: could not tell the user about the failure`);
  }
}
