import { cutText } from '../../answer/shorten.js';
/**
 * The small part of the Adaptive Card format mødebot uses, and the rules every card text passes
 * through: document text is escaped so it cannot format, link or mention, and a card is kept within
 * what Teams accepts in one message.
 */

/** An element of a card body (TextBlock, Container, FactSet, ColumnSet, ActionSet). */
export type CardElement = { type: string } & Record<string, unknown>;

/** A card button. */
export type CardAction =
  | { type: 'Action.OpenUrl'; title: string; url: string }
  | { type: 'Action.Submit'; title: string; data: Record<string, unknown> };

/** An Adaptive Card as Teams receives it in an attachment of content type `application/vnd.microsoft.card.adaptive`. */
export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: string;
  body: CardElement[];
  actions?: CardAction[];
  /** Teams only: use the whole width of the conversation. */
  msteams?: { width: 'Full' };
}

/**
 * Version 1.5 is what current Teams desktop, web and mobile clients render; the features used here
 * (TextBlock, FactSet, Container.selectAction, Action.Submit/OpenUrl) exist since 1.2.
 */
export const CARD_VERSION = '1.5';

/** A card with the common envelope. */
export function card(body: CardElement[], actions: CardAction[] = []): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_VERSION,
    body,
    ...(actions.length > 0 ? { actions } : {}),
    msteams: { width: 'Full' },
  };
}

/**
 * Makes document text inert in a TextBlock: Teams renders a markdown subset there, so `*`, `_`,
 * `[x](y)` and friends in an agenda would format text or create links the material never had.
 * `<` and `>` become look-alike full-width signs rather than `\<`: some Teams clients hand text
 * containing angle brackets to an HTML renderer, where `<at>…</at>` is a mention. Character
 * references such as `&lt;` are broken for the same reason.
 */
export function escapeText(text: string): string {
  return text
    .replace(/[\\*_~`[\]]/g, (c) => `\\${c}`)
    .replace(/</g, '\uFF1C')
    .replace(/>/g, '\uFF1E')
    .replace(/&(?=#?[a-z0-9]+;)/gi, '\uFF06');
}

/** Bold in a TextBlock; the text is escaped. Whitespace stays outside the markers, or they would not render. */
export function bold(text: string): string {
  const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(text)!;
  if (m[2] === '') return text;
  return `${m[1]}**${escapeText(m[2]!)}**${m[3]}`;
}

/**
 * Shortens plain text to at most `max` characters at a word boundary, ending in `…` (the core's
 * shortening). Cut before escaping, so an escape is never split.
 */
export function truncate(text: string, max: number): { text: string; truncated: boolean } {
  const { text: shown, cut } = cutText(text, max);
  return { text: shown, truncated: cut };
}

/**
 * Collapses the whitespace of extracted PDF text: runs of spaces become one, single line breaks
 * inside a paragraph stay (numbered points of a recommendation are on their own lines), blank lines
 * become one paragraph break.
 */
export function tidy(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\f\v\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export interface TextOptions {
  weight?: 'Bolder' | 'Default';
  size?: 'Small' | 'Default' | 'Medium' | 'Large';
  isSubtle?: boolean;
  color?: 'Default' | 'Attention' | 'Warning' | 'Good' | 'Accent';
  spacing?: 'None' | 'Small' | 'Default' | 'Medium' | 'Large';
  separator?: boolean;
  maxLines?: number;
}

/** A wrapping TextBlock whose `markdown` is already escaped by the caller. */
export function markdownBlock(markdown: string, options: TextOptions = {}): CardElement {
  return { type: 'TextBlock', text: markdown, wrap: true, ...options };
}

/** A wrapping TextBlock of plain text, escaped. */
export function textBlock(text: string, options: TextOptions = {}): CardElement {
  return markdownBlock(escapeText(text), options);
}

/** A FactSet; titles and values are escaped. */
export function factSet(facts: ReadonlyArray<readonly [string, string]>): CardElement {
  return {
    type: 'FactSet',
    facts: facts.map(([title, value]) => ({ title: escapeText(title), value: escapeText(value) })),
  };
}

/** A card link is only offered for web addresses; anything else (file:, javascript:) is dropped. */
export function safeUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.toString() : undefined;
  } catch {
    return undefined;
  }
}

export function openUrl(title: string, url: string): CardAction {
  return { type: 'Action.OpenUrl', title, url };
}
