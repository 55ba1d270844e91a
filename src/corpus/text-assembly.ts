/**
 * Turns the physical lines of an extracted PDF back into readable text: words hyphenated across
 * lines are rejoined, bullets and sub-headings stay on lines of their own, paragraphs are
 * separated by a blank line.
 */

/** Words after which a trailing hyphen is a suspended compound (`Social- og Boligstyrelsen`). */
const SUSPENSION_FOLLOWERS = /^(og|eller|samt|til|som|and|or)\b/;

/** A line that starts a list entry: `– x`, `- x`, `• x`, `1. x`, `a) x`. */
export const BULLET = /^(?:[–\-•▪●]\s+|\d{1,2}\.\s+(?=\p{L})|[a-z]\)\s+)/u;

/** Joins two physical lines of one paragraph, undoing hyphenation at the line break. */
export function joinLines(prev: string, next: string): string {
  if (prev === '') return next;
  if (next === '') return prev;
  const hyphen = /(\S)-$/u.exec(prev);
  if (!hyphen) return `${prev} ${next}`;
  const before = hyphen[1]!;
  if (SUSPENSION_FOLLOWERS.test(next)) return `${prev} ${next}`;
  // `EPX-`/`uddannelse`, `KKR-`/`Hovedstaden`, `2023-`/`2024`: the hyphen is part of the word.
  if (/[\p{Lu}\d]/u.test(before) || !/^\p{Ll}/u.test(next)) return `${prev}${next}`;
  if (/\p{Ll}/u.test(before)) return `${prev.slice(0, -1)}${next}`;
  return `${prev}${next}`;
}

/** One logical line of the source: text, or a paragraph break. */
export type SourceLine = { kind: 'text'; text: string } | { kind: 'break' };

const MONTH_AFTER_NUMBER = /^\d{1,2}\.\s+(jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec)/i;

/**
 * A dash or bullet always starts a list entry; a number only after a line that ended a sentence or
 * a colon, so that `… møde den` / `11. april 2025.` stays one sentence.
 */
function startsListEntry(text: string, previous: string): boolean {
  if (!BULLET.test(text)) return false;
  if (!/^\d/.test(text)) return true;
  if (MONTH_AFTER_NUMBER.test(text)) return false;
  return /[.:;]$/.test(previous) || /^\d{1,2}\.\s/.test(previous);
}

const ENDS_SENTENCE = /[.:;,!?)”"]$/;

function isSubheading(text: string, prevKind: 'start' | 'break' | 'subheading' | 'text', next: SourceLine | undefined): boolean {
  if (prevKind === 'text') return false;
  // Sub-headings are short names (`Movia`, `Status for Sundhedssamarbejdsudvalget`), never clauses.
  if (text.length > 66 || ENDS_SENTENCE.test(text) || BULLET.test(text) || text.includes(',')) return false;
  if (!/^[\p{Lu}\d]/u.test(text)) return false;
  if (next === undefined || next.kind === 'break') return true;
  return /^(?:[\p{Lu}\d]|[–\-•]|\.\/\.)/u.test(next.text);
}

/**
 * Assembles logical lines into text: paragraphs separated by `\n\n`, bullets and sub-headings on
 * lines of their own, `./.` attachment markers removed.
 */
export function assembleText(lines: readonly SourceLine[], options: { subheadings?: boolean } = {}): string {
  const detectSubheadings = options.subheadings ?? true;
  const paragraphs: string[][] = [];
  let current: string[] = [];
  let prevKind: 'start' | 'break' | 'subheading' | 'text' = 'start';
  const flush = () => {
    if (current.length > 0) paragraphs.push(current);
    current = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.kind === 'break') {
      flush();
      prevKind = 'break';
      continue;
    }
    const text = line.text.replace(/^\s*\.\/\.\s*/, '').replace(/\s+/g, ' ').trim();
    if (text === '') continue;
    if (detectSubheadings && isSubheading(text, prevKind, lines[i + 1])) {
      flush();
      paragraphs.push([text]);
      prevKind = 'subheading';
      continue;
    }
    if (current.length === 0 || startsListEntry(text, current[current.length - 1]!)) {
      current.push(text);
    } else {
      current[current.length - 1] = joinLines(current[current.length - 1]!, text);
    }
    prevKind = 'text';
  }
  flush();
  return paragraphs
    .map((p) => p.join('\n'))
    .join('\n\n')
    .trim();
}
