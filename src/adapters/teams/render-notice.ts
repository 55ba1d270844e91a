import { failureText } from '../../answer/texts.js';
import { card, textBlock, truncate, type AdaptiveCard } from './card.js';

/** A short notice of the core's (watches, follow-ups) as a card. */
export function renderNotice(text: string): AdaptiveCard {
  return card([textBlock(truncate(text, 2000).text)]);
}

/** What the user sees when answering failed: one Danish sentence and the error id that is also in the log. */
export function renderError(errorId: string): AdaptiveCard {
  return card([textBlock(failureText(errorId), { color: 'Attention' })]);
}
