import { randomBytes } from 'node:crypto';
import { failureText } from '../answer/texts.js';
import type { Logger } from '../log.js';

/** Letters and digits that cannot be mistaken for each other when read aloud or retyped (no 0/O, 1/I/L). */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** A short id for one failure, e.g. `K7Q2XM`: the user is shown it, the log line carries it. */
export function newErrorId(): string {
  return [...randomBytes(6)].map((b) => ALPHABET[b % ALPHABET.length]).join('');
}

/** A failure as the user is told about it: the Danish sentence and its id. */
export interface Failure {
  errorId: string;
  text: string;
}

/**
 * The adapter edge of every failure a user can meet: logs the error in full with a new error id
 * (`errorId` in the JSON line) and gives the short Danish sentence with the same id to show.
 *
 * @example
 * const failure = logFailure(log, error, 'slash command');
 * await respond(renderError(failure.errorId));
 */
export function logFailure(log: Logger, error: unknown, what: string): Failure {
  const errorId = newErrorId();
  log.error({ err: error, errorId }, `${what} failed (error id ${errorId})`);
  return { errorId, text: failureText(errorId) };
}

/**
 * Tells the user about a failure, trying each way in turn (the reply as intended, then a plainer
 * one), and logs when none worked. Never throws: one bad request cannot stop the bot.
 */
export async function tellFailure(log: Logger, failure: Failure, ways: ReadonlyArray<() => Promise<unknown>>): Promise<boolean> {
  for (const way of ways) {
    try {
      await way();
      return true;
    } catch (err) {
      log.warn({ err, errorId: failure.errorId }, 'could not tell the user about the failure this way');
    }
  }
  log.error({ errorId: failure.errorId }, 'the user could not be told about the failure');
  return false;
}
