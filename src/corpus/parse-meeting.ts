import type { MeetingKind, NextMeeting, Section, SectionRole } from './types.js';
import { assembleText, joinLines, TABLE_ROW, type SourceLine } from './text-assembly.js';
import { documentLines, stripGlyph, type DocumentSource, type Line } from './document-lines.js';
import { classifySectionHeading, type SectionHeading } from './section-headings.js';
import { parseCaseLine, parseRunningNumber, type CaseLine } from './case-numbers.js';
import { readMeetingHeader } from './meeting-header.js';
import { findAnyDate, findDanishDate } from './danish-dates.js';
import { isCommitteeName } from './committees.js';
import { detectPublisher } from './publishers.js';
import { sectionText } from './sections.js';

export type { DocumentSource } from './document-lines.js';

/**
 * Reads one meeting document (agenda or minutes, any Danish publisher's layout) into items.
 *
 * Items are found by what marks them, strongest first:
 * 1. numbered headings (`3.6. Title`, `82. Title`, `Punkt 3: Title`, `Pkt. 42` / `Title`, `• 1 Title`)
 *    that a case line or a section heading follows — a numbered line that nothing confirms is a
 *    list entry or a table of contents' line;
 * 2. `Sag nr. 130` under a bare title (the item's running number in some minutes);
 * 3. without numbers: a case line of its own (`Sagsid.: 20/348`), or a section heading that the
 *    current item already has (`Resume` again: a new item, titled by the line above it).
 * A table of contents gives every item once: its entries join the items of the body, and an entry
 * whose body is missing (a cut-off file) is still an item with its title.
 */

/** An item as the document gives it; the loader adds committee, date, id and link. */
export interface ParsedItem {
  number: string;
  heading: string;
  title: string;
  untitled?: boolean;
  caseNumber: string;
  caseOfficers: string[];
  background: string;
  recommendation: string;
  presentation: string;
  decision: string | null;
  sections: Section[];
  attachments: string[];
  links: string[];
  page?: number;
}

export interface ParsedDocument {
  /** What the document itself says; the manifest may override each. */
  committee?: string;
  meetingDate?: string;
  kind: MeetingKind;
  publisher?: string;
  /** The document's first heading, the title of an unstructured document. */
  title?: string;
  items: ParsedItem[];
  /** Numbered headings with no items under them (`5. Eventuelt` on KL's agendas). */
  emptyHeadings: Array<{ number: string; title: string }>;
  nextMeeting?: NextMeeting;
  /** False when no item could be recognised and the document is one plain-text item. */
  structured: boolean;
  /** Things a user should know about the file (a repeated item number), in words they can act on. */
  notices: string[];
}

type Mark =
  | { type: 'item'; number: string; title: string }
  | { type: 'toc'; number: string; title: string }
  | { type: 'running'; number: string }
  | { type: 'case'; value: CaseLine }
  | { type: 'section'; heading: SectionHeading }
  | { type: 'group'; label: string; title: string }
  | { type: 'flag'; treatment: boolean }
  | { type: 'meta' }
  | { type: 'text' }
  | { type: 'other' };

const NUMBERED = /^(\d{1,3}(?:\.\d{1,3}){0,2})\.?\s+(\S.*)$/u;
const PUNKT = /^(?:punkt|pkt\.?|dagsordenspunkt|sag\s+nr\.?)\s*(\d{1,4}(?:\.\d{1,3})?)\.?(?:\s*[:.\-–]\s*|\s+|$)(.*)$/iu;
const TOC_ENTRY = /^(?:åben|åbent|lukket)(?:\s+(?:punkt|sag))?\s+(\d{1,4})\.?\s+(\S.*)$/iu;
const GROUP = /^([A-H])\s*[:.)]\s+(\S.*)$/u;
const FLAG = /^\(?(?:åben|åbent|lukket)(?:\s+(?:punkt|sag|dagsorden))?\)?$/iu;
/** Bookkeeping under a heading: `Sagsansvarlig: Jens Hansen`, `Mødedato: 12-03-2024`, `Dok.nr.: 123`. */
const META = /^(?:sagsansvarlig|ansvarlig|sagsbehandler|forfatter|dokumentnr|dok\.?\s?nr|dokument|mødedato|behandlet|behandles i|sagstype|emne|kle(?:-nr)?|afdeling|center|forvaltning|område|initialer|sagsinitialer|udvalg|åben\/lukket)\.?\s*:/iu;
const TREATMENT = /^(?:behandling|mødedato)$/iu;
const MONTH_WORD = /^(?:jan(?:uar)?|feb(?:ruar)?|mar(?:ts)?|apr(?:il)?|maj|jun[i]?|jul[i]?|aug(?:ust)?|sep(?:t(?:ember)?)?|okt(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b/iu;
/** Who attended: a note within the decision, not a section that ends it. */
const ATTENDANCE = /^(?:fraværende|afbud|til stede|deltagere|mødt)$/iu;
/** Lines that are file names only: attachments a web page lists by name. */
const FILE_NAMES = /^(?:\S+\.(?:pdf|docx?|xlsx?|pptx?|msg|jpe?g|png|odt)\s*)+$/iu;
/** A dot leader and page number at the end of a table-of-contents line. */
const TOC_PAGE = /\s*(?:\.{3,}|…+|\s{3,})\s*\d{1,4}$/u;

/** Whether text after an item number reads like a title rather than a list entry or a sentence. */
function titleLike(text: string): boolean {
  const t = text.trim();
  if (t.length < 2 || t.length > 250) return false;
  if (!/^[\p{Lu}\d"'“”«§(]/u.test(t)) return false;
  if (/^(?:at|og|samt|eller|der|som|men)\b/iu.test(t)) return false;
  if (/[,;]$/.test(t)) return false;
  if (/[.!]$/.test(t) && (t.length > 90 || t.split(/\s+/).length > 12)) return false;
  if (/\bat\s/u.test(t) && /[.]$/.test(t)) return false;
  return true;
}

/** The line just read as a numbered heading candidate, or undefined. */
function numberedCandidate(bare: string): { number: string; title: string; toc: boolean } | undefined {
  const toc = TOC_ENTRY.exec(bare);
  if (toc) return { number: toc[1]!, title: toc[2]!.replace(TOC_PAGE, '').trim(), toc: true };
  const punkt = PUNKT.exec(bare);
  if (punkt) {
    const title = punkt[2]!.replace(TOC_PAGE, '').trim();
    if (title === '' || titleLike(title)) return { number: punkt[1]!, title, toc: false };
    return undefined;
  }
  // `3.` alone on its line, the title on the next.
  const alone = /^(\d{1,3}(?:\.\d{1,3}){0,2})\.$/u.exec(bare);
  if (alone) return { number: alone[1]!, title: '', toc: false };
  const m = NUMBERED.exec(bare);
  if (!m) return undefined;
  const number = m[1]!;
  // `2 (Åben) Forslag til …`: the open/closed flag is not part of the title.
  const title = m[2]!.replace(TOC_PAGE, '').replace(/^\((?:åben|åbent|lukket)\)\s*/iu, '').trim();
  // `11. april 2025`, `3.6 mio. kr.`: a date or an amount, not a heading.
  if (!number.includes('.') && Number(number) <= 31 && MONTH_WORD.test(title)) return undefined;
  if (/^(?:kr|mio|mia|pct|procent|%|t\.kr)\b/iu.test(title)) return undefined;
  if (!titleLike(title)) return undefined;
  return { number, title, toc: false };
}

function classify(line: Line): Mark {
  if (line.kind !== 'text') return { type: 'other' };
  const bare = stripGlyph(line.text);
  const running = parseRunningNumber(bare);
  if (running !== undefined) return { type: 'running', number: running };
  const heading = classifySectionHeading(bare);
  if (heading) return { type: 'section', heading };
  const value = parseCaseLine(bare);
  if (value) return { type: 'case', value };
  if (FLAG.test(bare)) return { type: 'flag', treatment: false };
  if (META.test(bare)) return { type: 'meta' };
  if (TREATMENT.test(bare)) return { type: 'flag', treatment: true };
  const candidate = numberedCandidate(bare);
  if (candidate) return { type: candidate.toc ? 'toc' : 'item', number: candidate.number, title: candidate.title };
  const group = GROUP.exec(bare);
  if (group && titleLike(group[2]!)) return { type: 'group', label: group[1]!, title: group[2]!.trim() };
  return { type: 'text' };
}

/** Dotted numbers compared part by part: `3.10` after `3.9`. */
function compareNumbers(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? -1) - (pb[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

/** Where an item starts and what its opening lines hold. */
interface Start {
  /** First line of the item (its title, or a case line printed above the title). */
  at: number;
  number: string;
  title: string;
  /** Lines that are the item's heading and case line, not its text. */
  consumed: Set<number>;
  caseLine?: CaseLine;
  /** A numbered heading confirmed by a case line: a restart of numbering is believed then. */
  strong: boolean;
  /** Lines before `at` that a table of contents or a collapsed bullet gave for this item. */
  tocTitle?: string;
}

interface Confirmation {
  result: 'item' | 'alias' | 'group' | 'none';
  titleParts: string[];
  consumed: number[];
  caseLine?: CaseLine;
  aliasOf?: number;
}

/** Looks past a numbered line for what confirms it as an item heading. */
function confirm(lines: readonly Line[], marks: readonly Mark[], i: number): Confirmation {
  const mark = marks[i] as { number: string; title?: string };
  const titleParts = !mark.title ? [] : [mark.title];
  const consumed = [i];
  // A collapsed bullet (`• Pkt. 44 Title`) repeats the heading printed a few lines further down,
  // perhaps with the attachments' names between them.
  for (let j = i + 1; j < lines.length && j <= i + 8; j++) {
    const m = marks[j]!;
    if (m.type === 'case' || m.type === 'section') break;
    if ((m.type === 'item' || m.type === 'toc' || m.type === 'running') && m.number === mark.number) return { result: 'alias', titleParts, consumed, aliasOf: j };
    if (m.type === 'item' || m.type === 'toc' || m.type === 'running') break;
  }
  let sawBreak = false;
  let texts = 0;
  for (let j = i + 1; j < lines.length && j <= i + 12; j++) {
    const line = lines[j]!;
    if (line.kind === 'break') {
      sawBreak = true;
      continue;
    }
    if (line.kind === 'url') continue;
    const m = marks[j]!;
    if (m.type === 'case') return { result: 'item', titleParts, consumed: [...consumed, j], caseLine: m.value };
    if (m.type === 'section') return { result: 'item', titleParts, consumed };
    if (m.type === 'flag' || m.type === 'meta') continue;
    // Another item's number: this line is a list entry or a table of contents' line.
    if (m.type === 'item' || m.type === 'toc' || m.type === 'running') {
      if (m.type !== 'running' && m.number.startsWith(`${mark.number}.`)) return { result: 'group', titleParts, consumed };
      return { result: 'none', titleParts, consumed };
    }
    // A wrapped title continues without a gap; a title printed under `Pkt. 42` may follow one.
    if (texts >= 3 || (sawBreak && titleParts.length > 0)) return { result: 'none', titleParts, consumed };
    if (!titleLike(line.text) && titleParts.length === 0) return { result: 'none', titleParts, consumed };
    // A sentence after a title is text, not the title's second line.
    if (titleParts.length > 0 && (/[.:;!?]$/.test(titleParts[titleParts.length - 1]!) || line.text.length > 120)) return { result: 'none', titleParts, consumed };
    texts++;
    titleParts.push(line.text);
    consumed.push(j);
  }
  return { result: 'none', titleParts, consumed };
}

function joinTitle(parts: readonly string[]): string {
  return parts.reduce((acc, part) => joinLines(acc, stripGlyph(part).replace(/\s+/g, ' ')), '').trim();
}

/**
 * The title printed directly above line `at`, as for `Title` / `Sag nr. 130` or `Title` / `Resume`:
 * the lines above it back to a paragraph break, a sentence's end or a heading, at most three.
 */
function titleAbove(lines: readonly Line[], marks: readonly Mark[], at: number, floor: number, allowGap: boolean): { title: string; from: number } | undefined {
  let j = at - 1;
  while (j > floor && lines[j]!.kind === 'url') j--;
  if (allowGap && j > floor && lines[j]!.kind === 'break') j--;
  const parts: number[] = [];
  while (j > floor && lines[j]!.kind === 'text' && marks[j]!.type === 'text' && !/[.:;!?]$/.test(lines[j]!.text)) {
    parts.unshift(j);
    j--;
    if (parts.length > 3) return undefined;
  }
  if (parts.length === 0) return undefined;
  const texts = parts.map((p) => lines[p]!.text);
  if (texts.some((t) => stripGlyph(t) !== t)) return undefined;
  const title = joinTitle(texts);
  if (!titleLike(title)) return undefined;
  return { title, from: parts[0]! };
}

/** Item starts from numbered headings and `Sag nr.` lines; the table of contents' entries aside. */
function numberedStarts(lines: readonly Line[], marks: readonly Mark[]): { starts: Start[]; toc: Array<{ number: string; title: string }>; groups: Map<number, string> } {
  const starts: Start[] = [];
  const toc: Array<{ number: string; title: string }> = [];
  const groups = new Map<number, string>();
  const aliases = new Map<number, { at: number; title: string }>();
  const headingCandidates: number[] = [];
  /** Numbered lines nothing confirmed after the first item: list entries, or items with no text (closed items). */
  const skipped: number[] = [];
  let previous: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const m = marks[i]!;
    if (m.type === 'running') {
      // `Title` / `Sag nr. 130` (Rødovre), or `Sag nr. 74` / `Title` (the title under the number).
      const above = titleAbove(lines, marks, i, starts.length > 0 ? starts[starts.length - 1]!.at : -1, false);
      if (above) starts.push({ at: above.from, number: m.number, title: above.title, consumed: new Set(range(above.from, i + 1)), strong: true });
      else {
        const below = confirm(lines, marks, i);
        const start: Start = { at: i, number: m.number, title: joinTitle(below.titleParts), consumed: new Set(below.consumed), strong: true };
        if (below.caseLine) start.caseLine = below.caseLine;
        starts.push(start);
      }
      previous = m.number;
      continue;
    }
    if (m.type === 'group') {
      const next = nextTextLine(lines, i);
      if (next !== undefined && (marks[next]!.type === 'item' || marks[next]!.type === 'case')) groups.set(i, m.title);
      continue;
    }
    if (m.type !== 'item' && m.type !== 'toc') continue;
    const c = m.type === 'toc' ? ({ result: 'none', titleParts: [m.title], consumed: [i] } as Confirmation) : confirm(lines, marks, i);
    if (c.result === 'group') {
      groups.set(i, joinTitle(c.titleParts));
      continue;
    }
    if (c.result === 'alias') {
      aliases.set(c.aliasOf!, { at: i, title: joinTitle(c.titleParts) });
      continue;
    }
    if (c.result === 'none') {
      if (starts.length === 0) toc.push({ number: m.number, title: joinTitle(c.titleParts) });
      else if (m.type === 'item' && previous?.includes('.') && !m.number.includes('.') && Number(m.number) > Number(previous.split('.')[0])) headingCandidates.push(i);
      else if (m.type === 'item') skipped.push(i);
      continue;
    }
    const strong = c.caseLine !== undefined || caseAbove(lines, marks, i) !== undefined;
    if (previous !== undefined && !strong) {
      // Numbers go up, at the depth the items so far use (`3.1 Baggrund` inside item 3 is a sub-heading).
      if (compareNumbers(m.number, previous) <= 0 || m.number.includes('.') !== previous.includes('.')) {
        if (m.type === 'item') skipped.push(i);
        continue;
      }
    }
    const alias = aliases.get(i);
    const above = caseAbove(lines, marks, i);
    const start: Start = {
      at: alias?.at ?? above?.at ?? i,
      number: m.number,
      title: joinTitle(c.titleParts),
      consumed: new Set([...c.consumed, ...(alias ? [alias.at] : []), ...(above ? [above.at] : [])]),
      strong,
      ...(alias ? { tocTitle: alias.title } : {}),
    };
    const caseLine = c.caseLine ?? above?.value;
    if (caseLine) start.caseLine = caseLine;
    starts.push(start);
    previous = m.number;
  }
  // Plain text lines up to each line, so "is there text between a and b" costs nothing (a file
  // may repeat an agenda hundreds of times).
  const plainBefore = new Int32Array(lines.length + 1);
  for (let i = 0; i < lines.length; i++) plainBefore[i + 1] = plainBefore[i]! + (lines[i]!.kind === 'text' && marks[i]!.type === 'text' ? 1 : 0);
  const textBefore = new Int32Array(lines.length + 1);
  for (let i = 0; i < lines.length; i++) textBefore[i + 1] = textBefore[i]! + (lines[i]!.kind === 'text' ? 1 : 0);
  /** Index of the first start after line `i` (starts are in line order), or `starts.length`. */
  const nextStart = (i: number) => {
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (starts[mid]!.at > i) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  // A closed item prints only its number and title: a numbered line that continues the sequence
  // exactly (`12.` between items 11 and 13) is an item without text, where a list entry is not.
  for (const [n, i] of skipped.entries()) {
    const m = marks[i] as { number: string; title: string };
    const k = nextStart(i);
    const before = starts[k - 1];
    const after = starts[k];
    if (!before || m.title === '' || !follows(before.number, m.number) || (after !== undefined && compareNumbers(after.number, m.number) <= 0)) continue;
    if (plainBefore[after?.at ?? lines.length]! - plainBefore[i + 1]! > 0) continue;
    // A title, not a sentence; and not the next entry of a list under the item before it.
    if (/\.\s+\p{L}/u.test(m.title) || (/\.$/.test(m.title) && m.title.length > 20)) continue;
    const listed = skipped[n - 1];
    if (listed !== undefined && listed > before.at && follows((marks[listed] as { number: string }).number, m.number)) continue;
    starts.splice(k, 0, { at: i, number: m.number, title: m.title, consumed: new Set([i]), strong: false });
  }
  // `5. Eventuelt` after item 4.1 is a heading when items `5.x` follow it, or nothing at all does;
  // a `2. …` inside item 1.1 with text after it is a list entry.
  for (const i of headingCandidates) {
    const m = marks[i] as { number: string; title: string };
    const next = starts[nextStart(i)];
    const textAfter = textBefore[lines.length]! - textBefore[i + 1]! > 0;
    if (next ? next.number.startsWith(`${m.number}.`) && next.at === nextTextLine(lines, i) : !textAfter) groups.set(i, m.title);
  }
  return { starts, toc, groups };
}

/** `b` is the number right after `a`: `12` after `11`, `3.7` after `3.6`. */
function follows(a: string, b: string): boolean {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  if (pa.length !== pb.length) return false;
  return pa.every((v, k) => (k < pa.length - 1 ? v === pb[k] : v + 1 === pb[k]));
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, k) => from + k);
}

/** The next text line after line `i`, within a few lines. */
function nextTextLine(lines: readonly Line[], i: number): number | undefined {
  for (let j = i + 1; j < lines.length && j <= i + 6; j++) if (lines[j]!.kind === 'text') return j;
  return undefined;
}

/** A case line printed just above a heading (`00.32.00-S00-1-19` / `82. Økonomivurdering …`). */
function caseAbove(lines: readonly Line[], marks: readonly Mark[], i: number): { at: number; value: CaseLine } | undefined {
  let j = i - 1;
  while (j >= 0 && lines[j]!.kind !== 'text') j--;
  const m = j >= 0 ? marks[j]! : undefined;
  return m?.type === 'case' ? { at: j, value: m.value } : undefined;
}

/**
 * A plain agenda: numbered lines that nothing confirms (no case lines, no section headings) but
 * that count up with text between them (`1. Godkendelse af dagsorden` / text / `2. Meddelelser` /
 * text). Lines at the top that count up with nothing between them are its table of contents.
 */
function plainNumberedStarts(lines: readonly Line[], marks: readonly Mark[]): { starts: Start[]; toc: Array<{ number: string; title: string }> } | undefined {
  const candidates: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = marks[i]!;
    if (m.type !== 'item' || m.title === '') continue;
    const last = candidates[candidates.length - 1];
    if (last !== undefined && compareNumbers(m.number, (marks[last] as { number: string }).number) <= 0) continue;
    candidates.push(i);
  }
  const hasTextBetween = (a: number, b: number) => lines.slice(a + 1, b).some((l, d) => l.kind === 'text' && marks[a + 1 + d]!.type !== 'item');
  // Entries with no text after them, before the first that has some, are the contents.
  let first = 0;
  while (first < candidates.length - 1 && !hasTextBetween(candidates[first]!, candidates[first + 1]!)) first++;
  const body = candidates.slice(first).filter((i) => !candidates.slice(0, first).includes(i));
  const withText = body.filter((c, k) => hasTextBetween(c, body[k + 1] ?? lines.length)).length;
  if (body.length < 2 || withText < body.length / 2) return undefined;
  const toc = candidates.slice(0, first).map((i) => ({ number: (marks[i] as { number: string }).number, title: (marks[i] as { title: string }).title }));
  const starts = body.map((i) => {
    const m = marks[i] as { number: string; title: string };
    return { at: i, number: m.number, title: m.title, consumed: new Set([i]), strong: false };
  });
  return { starts, toc };
}

/** A line of a document's header: a `Label: value` line, a date line, a committee's name, the document's kind. */
function headerLike(line: Line, mark: Mark): boolean {
  const t = line.text;
  if (mark.type === 'meta' || mark.type === 'flag' || mark.type === 'case') return true;
  if (/^[\p{L} .-]{2,30}:\s*\S/u.test(t)) return true;
  if (t.length <= 80 && (findAnyDate(t) !== undefined || isCommitteeName(t))) return true;
  return t.length <= 60 && /\b(?:dagsorden|referat|beslutningsprotokol)\b/iu.test(t);
}

/**
 * The only or first item of a page without item numbers (one item's page, `Title` / its opening
 * paragraph / `Indstilling` …): its title is the first line after the page's header, and the
 * paragraphs before its first heading are its text.
 */
function openingItem(lines: readonly Line[], marks: readonly Mark[], heading: number): Start {
  let from = heading;
  let texts = 0;
  for (let j = heading - 1; j >= 0 && texts < 15; j--) {
    const line = lines[j]!;
    if (line.kind !== 'text') continue;
    if (headerLike(line, marks[j]!)) break;
    from = j;
    texts++;
  }
  const first = lines[from]!;
  const titled = from < heading && first.kind === 'text' && titleLike(first.text) && !/[.:;!?]$/.test(first.text) && first.text.length <= 200;
  return { at: from, number: '', title: titled ? joinTitle([first.text]) : '', consumed: new Set(titled ? [from] : []), strong: false };
}

/** The core sections every item has one of; a second one means a new item in unnumbered layouts. */
const CORE_ROLES: ReadonlySet<SectionRole> = new Set(['background', 'recommendation', 'presentation', 'decision']);

/** Item starts in material without item numbers: case lines, and section headings seen again. */
function unnumberedStarts(lines: readonly Line[], marks: readonly Mark[]): Start[] {
  const starts: Start[] = [];
  let seen = new Set<string>();
  let open = false;
  let lastCase = -10;
  for (let i = 0; i < lines.length; i++) {
    const m = marks[i]!;
    if (m.type === 'case') {
      // A second case line right under the first (`Sagsnr.` then `J.nr.`) is the same item.
      if (open && i - lastCase <= 2) continue;
      const above = titleAbove(lines, marks, i, starts.length > 0 ? starts[starts.length - 1]!.at : -1, false);
      starts.push({ at: above?.from ?? i, number: '', title: above?.title ?? '', consumed: new Set(above ? range(above.from, i + 1) : [i]), caseLine: m.value, strong: true });
      seen = new Set();
      open = true;
      lastCase = i;
      continue;
    }
    // `Referat` on top of a page names the document; only under an item is it the decision.
    if (m.type !== 'section' || m.heading.inline !== undefined || !CORE_ROLES.has(m.heading.role) || /^referat$/i.test(m.heading.heading)) continue;
    const key = m.heading.heading.toLowerCase();
    if (!open || seen.has(key)) {
      const floor = starts.length > 0 ? starts[starts.length - 1]!.at : -1;
      const above = titleAbove(lines, marks, i, floor, true);
      // The heading line itself opens the item's first section, so only the title lines are consumed.
      if (above) starts.push({ at: above.from, number: '', title: above.title, consumed: new Set(range(above.from, i)), strong: false });
      else if (starts.length === 0) starts.push(openingItem(lines, marks, i));
      else starts.push({ at: i, number: '', title: '', consumed: new Set(), strong: false });
      seen = new Set();
      open = true;
    }
    seen.add(key);
  }
  return starts;
}


interface SectionDraft {
  heading: string;
  role: SectionRole;
  lines: SourceLine[];
  body?: string;
  date?: string;
}

interface ItemDraft {
  start: Start;
  heading: string;
  sections: SectionDraft[];
  links: string[];
  files: string[];
  page?: number;
}

/** Moves a table that a page break put under the next item back under its caption (KL's PDFs). */
function relocateTables(drafts: ItemDraft[]): void {
  for (let k = 1; k < drafts.length; k++) {
    const before = drafts[k - 1]!.sections.filter((s) => s.role !== 'attachments');
    const last = before[before.length - 1];
    if (!last) continue;
    const texts = last.lines.filter((l): l is { kind: 'text'; text: string } => l.kind === 'text');
    const caption = texts[texts.length - 1];
    const tail = last.lines.slice(last.lines.lastIndexOf(caption!) - 1);
    if (!caption || caption.text.length > 100 || /[.:;,!?]$/.test(caption.text) || tail[0]?.kind === 'text') continue;
    const captionWords = new Set((caption.text.toLowerCase().match(/\p{L}{5,}/gu) ?? []));
    for (const section of drafts[k]!.sections) {
      const block = rowBlock(section.lines);
      if (!block) continue;
      const rows = section.lines.slice(block[0], block[1]);
      const words = rows.flatMap((l) => (l.kind === 'text' ? (l.text.toLowerCase().match(/\p{L}{5,}/gu) ?? []) : []));
      if (!words.some((w) => captionWords.has(w))) continue;
      section.lines.splice(block[0], block[1] - block[0]);
      last.lines.push({ kind: 'break' }, ...rows);
      break;
    }
  }
}

/** The first paragraph of at least four lines that are mostly table rows: [from, to). */
function rowBlock(lines: readonly SourceLine[]): [number, number] | undefined {
  let from = 0;
  for (let i = 0; i <= lines.length; i++) {
    if (i === lines.length || lines[i]!.kind === 'break') {
      const para = lines.slice(from, i).filter((l): l is { kind: 'text'; text: string } => l.kind === 'text');
      const rows = para.filter((l) => TABLE_ROW.test(l.text)).length;
      if (para.length >= 4 && rows >= 4 && rows / para.length >= 0.6) return [from, i];
      from = i + 1;
    }
  }
  return undefined;
}

function attachmentTitles(lines: readonly SourceLine[]): string[] {
  const titles: string[] = [];
  let pendingJoin = false;
  for (const line of lines) {
    if (line.kind === 'break') {
      pendingJoin = false;
      continue;
    }
    const text = stripGlyph(line.text.replace(/^\s*\.\/\.\s*/, '')).replace(/\s+/g, ' ').trim();
    if (text === '') continue;
    if (titles.length > 0 && (pendingJoin || /^\p{Ll}/u.test(text))) {
      titles[titles.length - 1] = joinLines(titles[titles.length - 1]!, text);
    } else {
      titles.push(text);
    }
    pendingJoin = /\p{Ll}-$/u.test(text);
  }
  return titles;
}

/** `Teknisk Forvaltning indstiller,` / `at …`: the clauses of a recommendation read as one block. */
function tidyRecommendation(text: string): string {
  return text.replace(/\n\n(?=(?:[·•–-]\s*)?at\s)/giu, '\n');
}

/** A recommendation printed without its heading: `Staben foreslår, at Byrådet godkender …`, `Direktionen indstiller,` / `at …`. */
const UNHEADED_RECOMMENDATION = /^[\p{Lu}][^.!?]{0,100}?\b(?:indstiller|foreslår|anbefaler)\b/u;
const CLAUSE = /^(?:[·•–-]\s*|\d{1,2}\.\s*)?at\s/iu;

/** The paragraph that recommends, with the `at …` clauses that follow it as paragraphs of their own. */
function unheadedRecommendation(text: string): string | undefined {
  const paragraphs = text.split('\n\n');
  for (let k = 0; k < paragraphs.length; k++) {
    const p = paragraphs[k]!;
    if (!UNHEADED_RECOMMENDATION.test(p)) continue;
    const inline = /(?:,|:)?\s+(?:at|til)\s/u.test(p.replace(UNHEADED_RECOMMENDATION, ''));
    const clauses: string[] = [];
    for (let j = k + 1; j < paragraphs.length && CLAUSE.test(paragraphs[j]!); j++) clauses.push(paragraphs[j]!);
    if (!inline && clauses.length === 0) continue;
    return [p, ...clauses].join('\n');
  }
  return undefined;
}

const NEXT_MEETING_TITLE = /punkter til (?:næste|kommende) møde/i;

/** Date, time and expected items announced in a *Punkter til næste møde* item. */
export function parseNextMeeting(text: string): NextMeeting | undefined {
  const announce = /næste møde[^.]*?(?:den\s+)?(\d{1,2}\.\s*\p{L}+\.?\s+\d{4})/iu.exec(text);
  const date = findDanishDate(announce?.[1] ?? '');
  if (!date) return undefined;
  const time = /kl\.\s*(\d{1,2}[.:]\d{2})\s*(?:til|-|–)\s*(?:kl\.\s*)?(\d{1,2}[.:]\d{2})/i.exec(text);
  const expectedItems = text
    .split('\n')
    .filter((l) => /^[–\-•]\s*/.test(l))
    .map((l) => l.replace(/^[–\-•]\s*/, '').trim())
    .filter((l) => l !== '');
  return {
    date,
    ...(time ? { time: `${time[1]!.replace(':', '.')}-${time[2]!.replace(':', '.')}` } : {}),
    expectedItems,
  };
}

function sameBody(a: string, b: string): boolean {
  const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();
  return norm(a) === norm(b);
}

/** Turns the lines of each item into sections. */
function draftItems(lines: readonly Line[], marks: readonly Mark[], starts: readonly Start[], groups: ReadonlyMap<number, string>, paged: boolean): ItemDraft[] {
  const drafts: ItemDraft[] = [];
  const groupLines = [...groups.keys()].sort((a, b) => a - b);
  let heading = '';
  let g = 0;
  for (const [k, start] of starts.entries()) {
    while (g < groupLines.length && groupLines[g]! < start.at) heading = groups.get(groupLines[g++]!)!;
    const next = starts[k + 1]?.at ?? lines.length;
    const end = Math.min(next, groupLines[g] !== undefined && groupLines[g]! > start.at ? groupLines[g]! : next);
    const draft: ItemDraft = { start, heading, sections: [], links: [], files: [], ...(paged ? { page: lines[start.at]!.page } : {}) };
    let current: SectionDraft = { heading: '', role: 'background', lines: [] };
    draft.sections.push(current);
    let treatment = false;
    for (let i = start.at; i < end; i++) {
      if (start.consumed.has(i)) continue;
      const line = lines[i]!;
      const m = marks[i]!;
      if (line.kind === 'url') {
        draft.links.push(line.text);
        continue;
      }
      if (line.kind === 'break') {
        current.lines.push({ kind: 'break' });
        continue;
      }
      // KL-style exports print a small table (Behandling / Mødedato / committee / date / number)
      // under the heading: bookkeeping, not text.
      if (m.type === 'flag') {
        if (m.treatment) treatment = true;
        continue;
      }
      if (treatment) {
        if (line.text.length <= 60 && (isCommitteeName(line.text) || /^[\d\s.\-/]+$/.test(line.text))) continue;
        treatment = false;
      }
      if (m.type === 'section') {
        const h = m.heading;
        const section: SectionDraft = { heading: h.heading, role: h.role, lines: [], ...(h.body ? { body: h.body } : {}), ...(h.date ? { date: h.date } : {}) };
        if (h.inline !== undefined) section.lines.push({ kind: 'text', text: h.inline });
        draft.sections.push(section);
        // `Sagsforløb: ØK/BY` is a field on one line, and `Fraværende:` inside a decision a note on
        // who was there: the text after them continues the section before.
        if (!((h.inline !== undefined && h.role === 'other') || ATTENDANCE.test(h.heading))) current = section;
        continue;
      }
      // `Sagsansvarlig: …` under the heading is bookkeeping, not the case's text.
      if (m.type === 'meta' && draft.sections.length === 1) continue;
      if (m.type === 'case' && draft.start.caseLine === undefined && i - start.at <= 6) {
        draft.start.caseLine = m.value;
        continue;
      }
      if (FILE_NAMES.test(line.text)) {
        draft.files.push(...line.text.split(/\s+/).filter((f) => f !== ''));
        continue;
      }
      current.lines.push({ kind: 'text', text: line.text });
    }
    drafts.push(draft);
  }
  return drafts;
}

function finishItem(draft: ItemDraft, meeting: { committee?: string; meetingDate?: string }): ParsedItem {
  const sections: Section[] = [];
  let decision: string | null = null;
  for (const s of draft.sections) {
    let role = s.role;
    if (role === 'decision' && (s.date !== undefined || s.body !== undefined)) {
      // A decision of another body or an earlier meeting, quoted in the item, is history.
      const otherDate = s.date !== undefined && meeting.meetingDate !== undefined && s.date !== meeting.meetingDate;
      const otherBody = s.date === undefined && s.body !== undefined && meeting.committee !== undefined && !sameBody(s.body, meeting.committee);
      if (otherDate || otherBody) role = 'history';
    }
    const raw = assembleText(s.lines, { subheadings: role === 'background' || role === 'presentation' || role === 'other' });
    const text = role === 'recommendation' ? tidyRecommendation(raw) : raw;
    if (s.heading === '' && text === '') continue;
    sections.push({ heading: s.heading, role, text });
    if (role === 'decision' && text !== '') decision = decision === null ? text : `${decision}\n\n${text}`;
  }
  let recommendation = sectionText(sections, 'recommendation');
  if (recommendation === '') {
    for (const s of sections) {
      if (s.role === 'decision' || s.role === 'history' || s.role === 'attachments') continue;
      const found = unheadedRecommendation(s.text);
      if (found) {
        recommendation = found;
        break;
      }
    }
  }
  const attachments = [...draft.sections.filter((s) => s.role === 'attachments').flatMap((s) => attachmentTitles(s.lines)), ...draft.files];
  const caseLine = draft.start.caseLine;
  let title = draft.start.title || draft.start.tocTitle || '';
  const untitled = title === '';
  if (untitled) {
    const opening = stripGlyph(sections.find((s) => s.role !== 'attachments' && s.text !== '')?.text.split(/(?<=[.!?])\s|\n/)[0] ?? '');
    const words = opening.length > 70 ? `${opening.slice(0, 69).replace(/\s+\S*$/, '')} …` : opening;
    title = caseLine ? `Sag ${caseLine.caseNumber}${words ? `: ${words}` : ''}` : words || 'Punkt uden titel';
  }
  const links = [...new Set(draft.links.filter((u) => /^https?:\/\//i.test(u)))];
  return {
    number: draft.start.number,
    heading: draft.heading,
    title,
    ...(untitled ? { untitled: true } : {}),
    caseNumber: caseLine?.caseNumber ?? '',
    caseOfficers: caseLine?.officers ?? [],
    background: sectionText(sections, 'background'),
    recommendation,
    presentation: sectionText(sections, 'presentation'),
    decision,
    sections,
    attachments,
    links,
    ...(draft.page !== undefined ? { page: draft.page } : {}),
  };
}

function normaliseTitle(title: string): string {
  return title.toLowerCase().replace(/[^\p{L}\d]+/gu, ' ').trim();
}

/** Joins the table of contents with the items of the body; entries without a body become title-only items. */
function joinContents(items: ParsedItem[], contents: ReadonlyArray<{ number: string; title: string }>): ParsedItem[] {
  if (contents.length === 0) return items;
  // `2. Budgetopfølgning 3`: when most entries end in a number, it is their page.
  const paged = contents.filter((e) => /\s\d{1,3}$/.test(e.title)).length >= Math.max(2, contents.length * 0.6);
  const toc = paged ? contents.map((e) => ({ ...e, title: e.title.replace(/\s+\d{1,3}$/, '') })) : contents;
  const byNumber = new Map(items.filter((i) => i.number !== '').map((i) => [i.number, i]));
  // Bodies printed without numbers (`Title` / `Resume` …) take their number from the contents by title.
  for (const entry of toc) {
    if (byNumber.has(entry.number)) continue;
    const title = normaliseTitle(entry.title);
    const body = items.find((i) => i.number === '' && !i.untitled && title !== '' && (normaliseTitle(i.title) === title || normaliseTitle(i.title).startsWith(`${title} `)));
    if (body) {
      body.number = entry.number;
      byNumber.set(entry.number, body);
    }
  }
  const out = [...items];
  for (const entry of toc) {
    const body = byNumber.get(entry.number);
    if (body) {
      if (body.untitled && entry.title) {
        body.title = entry.title;
        delete body.untitled;
      }
      continue;
    }
    const item: ParsedItem = {
      number: entry.number,
      heading: '',
      title: entry.title,
      caseNumber: '',
      caseOfficers: [],
      background: '',
      recommendation: '',
      presentation: '',
      decision: null,
      sections: [],
      attachments: [],
      links: [],
    };
    const at = out.findIndex((i) => i.number !== '' && compareNumbers(i.number, entry.number) > 0);
    if (at < 0) out.push(item);
    else out.splice(at, 0, item);
    byNumber.set(entry.number, item);
  }
  return out;
}

/** One copy of each item when a file repeats items (`3.6` printed 820 times); the rest reported. */
function dropRepeats(items: ParsedItem[], notices: string[]): ParsedItem[] {
  const seen = new Map<string, ParsedItem>();
  const repeats = new Map<string, number>();
  const out: ParsedItem[] = [];
  for (const item of items) {
    if (item.number === '') {
      out.push(item);
      continue;
    }
    const first = seen.get(item.number);
    if (!first) {
      seen.set(item.number, item);
      out.push(item);
      continue;
    }
    repeats.set(item.number, (repeats.get(item.number) ?? 1) + 1);
    // The same number with another title is another item (a second list of items); it is kept.
    if (first.title !== item.title) out.push(item);
  }
  if (repeats.size > 0) {
    const listed = [...repeats].slice(0, 5).map(([n, c]) => `${n} (${c} times)`).join(', ');
    notices.push(`repeats item number${repeats.size > 1 ? 's' : ''} ${listed}${repeats.size > 5 ? ` and ${repeats.size - 5} more` : ''}; each copy with the same title is served once`);
  }
  return out;
}

/** A document whose items cannot be recognised is served whole, as one item of plain text. */
function plainTextItem(lines: readonly Line[], title: string | undefined, paged: boolean): ParsedItem {
  const body: SourceLine[] = lines.filter((l) => l.kind !== 'url').map((l) => (l.kind === 'break' ? { kind: 'break' } : { kind: 'text', text: l.text }));
  const text = assembleText(body);
  const first = title ?? text.split('\n')[0]?.slice(0, 120) ?? '';
  return {
    number: '',
    heading: '',
    title: first || 'Dokument uden titel',
    caseNumber: '',
    caseOfficers: [],
    background: text,
    recommendation: '',
    presentation: '',
    decision: null,
    sections: [{ heading: '', role: 'background', text }],
    attachments: [],
    links: [...new Set(lines.filter((l) => l.kind === 'url' && /^https?:\/\//i.test(l.text)).map((l) => l.text))],
    ...(paged ? { page: 1 } : {}),
  };
}

/**
 * Parses one meeting document. Tolerates the extraction layouts seen so far: doubled lines,
 * hyphenation at line ends, page furniture, wrapped titles, numbered lists inside items, tables
 * flattened to one cell a line, PDF link annotations as bare URL lines.
 */
export function parseMeeting(source: DocumentSource, hints: { url?: string } = {}): ParsedDocument {
  const footers: string[] = [];
  const lines = documentLines(source, footers);
  const marks = lines.map(classify);
  const numbered = numberedStarts(lines, marks);
  let starts = numbered.starts;
  let toc = numbered.toc;
  if (starts.length === 0) {
    const plain = plainNumberedStarts(lines, marks);
    if (plain) {
      starts = plain.starts;
      toc = plain.toc;
    } else starts = unnumberedStarts(lines, marks);
  }

  const firstAt = starts[0]?.at ?? Math.min(lines.length, 40);
  const opening = lines.slice(0, firstAt).filter((l) => l.kind === 'text').map((l) => l.text);
  const decisionBodies = marks.flatMap((m) => (m.type === 'section' && m.heading.role === 'decision' ? [{ ...(m.heading.body ? { body: m.heading.body } : {}), ...(m.heading.date ? { date: m.heading.date } : {}) }] : []));
  const allText = lines.filter((l) => l.kind === 'text').map((l) => l.text).join('\n');
  const header = readMeetingHeader(opening, footers, decisionBodies, allText);
  const notices: string[] = [];

  let items: ParsedItem[];
  let structured = true;
  if (starts.length === 0 && toc.length === 0) {
    structured = false;
    items = lines.some((l) => l.kind === 'text') ? [plainTextItem(lines, header.title, source.paged)] : [];
  } else {
    const drafts = draftItems(lines, marks, starts, numbered.groups, source.paged);
    relocateTables(drafts);
    items = joinContents(drafts.map((d) => finishItem(d, header)), toc);
    items = dropRepeats(items, notices);
  }

  const emptyHeadings: Array<{ number: string; title: string }> = [];
  for (const [at, title] of numbered.groups) {
    const m = marks[at]!;
    const number = m.type === 'item' || m.type === 'toc' ? m.number : m.type === 'group' ? m.label : '';
    if (!items.some((i) => i.heading === title)) emptyHeadings.push({ number, title });
  }
  // This meeting's decisions make the document its minutes, whatever its title says.
  const kind: MeetingKind = items.some((i) => i.decision !== null) ? 'minutes' : (header.kind ?? 'agenda');
  const committee = header.committee;
  const publisher = committee?.startsWith('KKR') ? undefined : detectPublisher(allText, source.file, hints.url);
  const nextItem = items.find((i) => NEXT_MEETING_TITLE.test(i.title));
  const nextMeeting = nextItem ? parseNextMeeting(`${nextItem.background}\n${nextItem.presentation}`) : undefined;
  return {
    ...(committee ? { committee } : {}),
    ...(header.meetingDate ? { meetingDate: header.meetingDate } : {}),
    kind,
    ...(publisher ? { publisher } : {}),
    ...(header.title ? { title: header.title } : {}),
    items,
    emptyHeadings,
    ...(nextMeeting ? { nextMeeting } : {}),
    structured,
    notices,
  };
}
