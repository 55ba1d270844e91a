import { failureText } from '../../answer/texts.js';
import type { DiscordReply } from './render-answer.js';
import { LIMITS, truncate } from './limits.js';
import { safeText } from './markdown.js';

/** Colours: the bot's blue for answers, grey for "nothing found", red-brown for problems. */
export const COLOURS = { answer: 0x1d5c96, other: 0x6b7b8c, notFound: 0x8a8f98, problem: 0xa3472f } as const;

/** A short notice: the core's sentence (watches, follow-ups, an expired button, a filter not understood). */
export function renderNotice(text: string, colour: number = COLOURS.other): DiscordReply {
  return { embeds: [{ color: colour, description: truncate(safeText(text), LIMITS.description) }], components: [] };
}

/** What a user sees when answering failed: one Danish sentence and the error id that is also in the log. */
export function renderError(errorId: string): DiscordReply {
  return renderNotice(failureText(errorId), COLOURS.problem);
}
