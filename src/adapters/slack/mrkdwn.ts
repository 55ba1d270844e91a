/**
 * Slack `mrkdwn` built from pieces, so that text from the agendas is always escaped and a message
 * can be cut to Slack's limits without splitting an escape (`&amp;`), a link or a bold pair.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * Escapes text from the material for mrkdwn. `&`, `<` and `>` are the only characters Slack
 * parses as control sequences (`<!channel>`, `<http://x|label>`, `<@U123>`); escaping them means
 * no agenda text can ping a channel or form a link. Bare `@channel`/`@here`/`@everyone` get an
 * invisible word joiner after the `@`, so they stay inert even if a client parses them.
 *
 * @example escapeMrkdwn('A & B <!channel>') // 'A &amp; B &lt;!channel&gt;'
 */
export function escapeMrkdwn(text: string): string {
  return text
    .replace(/[&<>]/g, (c) => ESCAPES[c]!)
    .replace(/@(channel|here|everyone)\b/gi, '@\u2060$1');
}

/**
 * The URL if it is one we are willing to link to: http(s), no spaces, none of the characters that
 * end a Slack link early (`|`, `>`). `&` is escaped as Slack expects inside `<…>`.
 * Returns undefined for anything else, so the caller shows the label without a link.
 */
export function safeUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  const trimmed = url.trim();
  if (!/^https?:\/\/[^\s<>|"`]+$/i.test(trimmed)) return undefined;
  return trimmed.replace(/&/g, '&amp;');
}

/** A piece of a mrkdwn text: material text (escaped when rendered), a link, or our own markup. */
export type Piece =
  | { kind: 'text'; text: string; bold?: boolean; italic?: boolean }
  | { kind: 'link'; url: string | undefined; label: string; bold?: boolean }
  /** Markup written by us (never material text); kept whole or dropped, never cut. */
  | { kind: 'markup'; mrkdwn: string };

/** Material text, escaped when rendered. */
export const text = (t: string): Piece => ({ kind: 'text', text: t });
/** Material text in bold. */
export const bold = (t: string): Piece => ({ kind: 'text', text: t, bold: true });
/** Material text in italics. */
export const italic = (t: string): Piece => ({ kind: 'text', text: t, italic: true });
/** A link to the material; without a safe URL only the label shows. */
export const link = (url: string | undefined, label: string, isBold = false): Piece => ({
  kind: 'link',
  url,
  label,
  bold: isBold,
});
/** Our own trusted markup, e.g. a line break or a bold Danish label. */
export const markup = (m: string): Piece => ({ kind: 'markup', mrkdwn: m });

function wrap(escaped: string, marker: string): string {
  // Slack only honours `*x*` when the markers touch the text, so spaces go outside them.
  const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(escaped)!;
  if (m[2] === '') return escaped;
  return `${m[1]}${marker}${m[2]}${marker}${m[3]}`;
}

export function renderText(t: string, isBold?: boolean, isItalic?: boolean): string {
  let out = escapeMrkdwn(t);
  if (isItalic) out = wrap(out, '_');
  if (isBold) out = wrap(out, '*');
  return out;
}

export function renderPiece(piece: Piece): string {
  switch (piece.kind) {
    case 'text':
      return renderText(piece.text, piece.bold, piece.italic);
    case 'markup':
      return piece.mrkdwn;
    case 'link': {
      const url = safeUrl(piece.url);
      const label = escapeMrkdwn(piece.label.replace(/\s+/g, ' ').trim());
      const out = url === undefined ? label : `<${url}|${label}>`;
      return piece.bold ? wrap(out, '*') : out;
    }
  }
}

/** Renders pieces without any limit. */
export function renderPieces(pieces: readonly Piece[]): string {
  return pieces.map(renderPiece).join('');
}
