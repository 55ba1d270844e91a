import { ITEM_GONE_TEXT, failureText } from '../../answer/texts.js';
import { fallback, section, type SlackMessage } from './block-kit.js';
import { text } from './mrkdwn.js';

/**
 * Short messages of one sentence or a few: the core's notices (watches, feedback, follow-ups),
 * an item that is gone, and failures. The text is the core's Danish; it is escaped here like any
 * other text, since it can quote what a user typed.
 */
export function renderNotice(message: string): SlackMessage {
  // Slack refuses a message without text; the core never sends an empty notice, but nothing relies on that.
  if (message.trim() === '') message = '…';
  return { text: fallback([text(message)]), blocks: [section([text(message)])] };
}

/** What the user sees when something failed: one Danish sentence and the error id that is also in the log. */
export function renderError(errorId: string): SlackMessage {
  return renderNotice(failureText(errorId));
}

/** The answer to "Vis hele punktet" when the item is no longer in the corpus. */
export function renderItemGone(): SlackMessage {
  return renderNotice(ITEM_GONE_TEXT);
}
