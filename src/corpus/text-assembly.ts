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
  // `Direktionen indstiller,` / `At …`: each clause of a recommendation on a line of its own.
  if (/^[Aa]t\s/.test(text) && /[,:]$/.test(previous)) return true;
  if (!BULLET.test(text)) return false;
  if (!/^\d/.test(text)) return true;
  if (MONTH_AFTER_NUMBER.test(text)) return false;
  return /[.:;]$/.test(previous) || /^\d{1,2}\.\s/.test(previous);
}

const ENDS_SENTENCE = /[.:;,!?)”"]$/;
/**
 * A last word after which a sentence must go on (`… afholdt den 6. september` / `2024 fra kl.
 * 10.00`): a line ending so is never a heading, however short.
 */
export const GOES_ON = /\s(?:januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december|den|de|det|en|et|i|til|fra|og|eller|at|af|for|om|med|på|kl\.|som|der|ved|mellem)$/i;

function isSubheading(text: string, prevKind: 'start' | 'break' | 'subheading' | 'text', next: SourceLine | undefined): boolean {
  if (prevKind === 'text') return false;
  // Sub-headings are short names (`Movia`, `Status for Sundhedssamarbejdsudvalget`), never clauses.
  if (text.length > 66 || ENDS_SENTENCE.test(text) || GOES_ON.test(text) || BULLET.test(text) || text.includes(',')) return false;
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
  return joinTableRows(paragraphs.map((p) => p.join('\n')))
    .join('\n\n')
    .trim();
}

/** A table row flattened to a line: a short label and a number or a dash (`Gentofte 14`, `Ballerup -`). */
export const TABLE_ROW = /^[\p{L}][\p{L}\d .,'’()/&-]{0,60}?\s+(?:-|–|\d[\d.,]*(?:\s*(?:%|pct\.?|kr\.?|mio\.?(?: kr\.?)?|mia\.?(?: kr\.?)?))?)$/u;
/** A cell that is only an amount (`2.941.813,70`, `4.600.000 kr.`). */
const AMOUNT = /^-?\d[\d.,]*(?:\s*(?:kr\.?|mio\.?|mia\.?|%|pct\.?))?$/u;
/** A short label without a sentence's punctuation (`Hovedentreprisen`, `Region Hovedstaden`). */
const LABEL = /^[\p{L}][^.!?:;]{0,60}$/u;

/**
 * Extractions put a blank line between the rows of a table, or between a row's label and its
 * amount. Rows belong together, one a line, so that `Gentofte 14` can be shown as the answer and
 * read as a row: single-line paragraphs that are rows are joined, and a label paragraph followed by
 * an amount paragraph becomes one row.
 */
function joinTableRows(paragraphs: string[]): string[] {
  const rows: string[] = [];
  for (let i = 0; i < paragraphs.length; i++) {
    const p = paragraphs[i]!;
    const next = paragraphs[i + 1];
    if (!p.includes('\n') && next !== undefined && !next.includes('\n') && LABEL.test(p) && AMOUNT.test(next) && !AMOUNT.test(p)) {
      rows.push(`${p} ${next}`);
      i++;
    } else rows.push(p);
  }
  const isRow = (p: string) => !p.includes('\n') && TABLE_ROW.test(p);
  const out: string[] = [];
  for (let i = 0; i < rows.length; i++) {
    const p = rows[i]!;
    const runStart = isRow(p) || (LABEL.test(p) && !p.includes('\n') && isRow(rows[i + 1] ?? '') && isRow(rows[i + 2] ?? ''));
    if (!runStart) {
      out.push(p);
      continue;
    }
    let j = i + 1;
    while (j < rows.length && isRow(rows[j]!)) j++;
    // Two rows or more make a table; one `label number` line alone is just a short paragraph.
    if (j - i >= 2) {
      out.push(rows.slice(i, j).join('\n'));
      i = j - 1;
    } else out.push(p);
  }
  return out;
}
