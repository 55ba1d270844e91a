/**
 * Text made safe for a terminal. A question or an agenda can hold anything (escape sequences that
 * move the cursor or retitle the window, NUL, bidirectional overrides that reorder what is shown,
 * lone surrogates); on a terminal those act instead of showing. So everything the chat writes
 * goes through {@link terminalText}: control characters are dropped (tabs become spaces, line
 * breaks stay), and the only escape sequences in the output are the chat's own bold on and off.
 */

/** Marks bold while rendering: Unicode noncharacters, which no text is meant to contain. */
const BOLD_ON = '\uFDD0';
const BOLD_OFF = '\uFDD1';

/** C0 (but line feed) and C1 controls, DEL, bidirectional marks, embeddings, overrides and isolates. */
const CONTROLS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function clean(text: string): string {
  return text
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(/\r\n?/g, '\n')
    .replace(CONTROLS, (c) => (c === '\t' ? ' ' : ''));
}

/** Wraps `s` in the bold marks; {@link terminalText} turns them into bold on a terminal, or drops them. */
export function markBold(s: string): string {
  return `${BOLD_ON}${s}${BOLD_OFF}`;
}

/** A typed line as a question: no control characters, no bold marks, one line. */
export function typedText(line: string): string {
  return clean(line).replace(/[\n\uFDD0\uFDD1]/g, ' ');
}

/**
 * What the chat writes: `text` (which may hold {@link markBold} marks) without control characters;
 * the marks become SGR bold on and off when `bold`, else they are dropped.
 */
export function terminalText(text: string, bold: boolean): string {
  return clean(text).replace(/[\uFDD0\uFDD1]/g, (m) => (bold ? (m === BOLD_ON ? '\u001b[1m' : '\u001b[22m') : ''));
}
