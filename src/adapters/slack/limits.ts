import { renderPiece, renderPieces, renderText, type Piece } from './mrkdwn.js';

/**
 * Slack's Block Kit limits that a message from mødebot can reach. Slack refuses a whole message
 * (`invalid_blocks`) when one of them is exceeded, so the renderers cut to these numbers rather
 * than hoping agenda text is short.
 * @see https://docs.slack.dev/reference/block-kit/blocks
 */
export const SLACK_LIMITS = {
  /** Characters of a section block's text (and of any text object). */
  sectionText: 3000,
  /** Characters of a header block's plain text. */
  headerText: 150,
  /** Blocks in one message. */
  blocksPerMessage: 50,
  /** Characters of a button's label. */
  buttonText: 75,
  /** Characters of a button's `value`, which comes back to us when it is clicked. */
  actionValue: 2000,
  /** Characters of a button's `url`. */
  buttonUrl: 3000,
  /** Elements of a context block. */
  contextElements: 10,
  /** Elements of an actions block. */
  actionsElements: 25,
  /**
   * Characters of the message's top-level `text` (the notification and screen-reader fallback).
   * Slack accepts 40,000 but recommends at most 4,000; a notification needs far less.
   */
  fallbackText: 3000,
} as const;

/*
 * Fitting mrkdwn and plain text into those limits: cut at a word, never inside an escape (`&amp;`),
 * a link or a bold pair, the cut shown with `…` and, where there is room, a link to the material.
 */

/** The longest prefix of `raw`, cut at a word boundary when one is near, whose rendering fits. */
function fittingPrefix(raw: string, budget: number, render: (s: string) => string): string {
  if (budget <= 0) return '';
  let lo = 0;
  let hi = raw.length;
  // Escaping only ever lengthens text, so the rendered length grows with the prefix.
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (render(raw.slice(0, mid)).length <= budget) lo = mid;
    else hi = mid - 1;
  }
  let cut = raw.slice(0, lo);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  if (lo < raw.length) {
    const lastSpace = cut.search(/\s\S*$/);
    if (lastSpace > cut.length * 0.6) cut = cut.slice(0, lastSpace);
  }
  return cut.trimEnd();
}

/**
 * Renders pieces into at most `max` characters. When they do not fit, the text is cut at a word,
 * `…` is added and then `overflow` (typically a link to the full material), which always fits.
 *
 * @example fitMrkdwn([bold('Indstilling'), markup('\n'), text(long)], 3000, [markup(' '), link(url, 'Læs resten')])
 */
export function fitMrkdwn(pieces: readonly Piece[], max: number, overflow: readonly Piece[] = []): string {
  const full = renderPieces(pieces);
  if (full.length <= max) return full;

  let tail = '…' + renderPieces(overflow);
  if (tail.length > max) tail = '…';
  const budget = max - tail.length;
  let out = '';
  for (const piece of pieces) {
    const rendered = renderPiece(piece);
    if (out.length + rendered.length <= budget) {
      out += rendered;
      continue;
    }
    if (piece.kind === 'text') {
      const room = budget - out.length;
      const prefix = fittingPrefix(piece.text, room, (s) => renderText(s, piece.bold, piece.italic));
      if (prefix !== '') out += renderText(prefix, piece.bold, piece.italic);
    }
    break;
  }
  return out.trimEnd() + tail;
}

/**
 * Cuts plain text (button labels, headers, where Slack does not parse markup) to `max` characters,
 * ending in `…` when cut.
 */
export function fitPlain(t: string, max: number): string {
  const flat = t.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  return fittingPrefix(flat, max - 1, (s) => s) + '…';
}
