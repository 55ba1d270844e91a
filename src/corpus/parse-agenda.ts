import type { NextMeeting } from './types.js';
import { assembleText, joinLines, type SourceLine } from './text-assembly.js';
import { detectCommittee } from './committees.js';
import { findDanishDate, parseDmyDate } from './danish-dates.js';

/** The text of one agenda document, page by page. */
export interface AgendaSource {
  file: string;
  /** Text of each page in order; a text file is one page. */
  pages: string[];
  /** Page numbers are real (PDF), so items get `page`. */
  paged: boolean;
}

/** An item as the agenda text gives it; the loader adds committee, date, id and link. */
export interface ParsedItem {
  number: string;
  heading: string;
  title: string;
  caseNumber: string;
  caseOfficers: string[];
  background: string;
  recommendation: string;
  presentation: string;
  attachments: string[];
  links: string[];
  page?: number;
}

export interface ParsedAgenda {
  /** Committee and meeting date as the text itself says (page footer, approval of the agenda). */
  committee?: string;
  meetingDate?: string;
  items: ParsedItem[];
  /** Numbered headings with no items under them (`5. Eventuelt`). */
  emptyHeadings: Array<{ number: string; title: string }>;
  nextMeeting?: NextMeeting;
}

interface Line {
  text: string;
  page: number;
  kind: 'text' | 'break' | 'url';
}

const FOOTER = /^\s*(KKR[ -]\p{L}+)\s+\|\s+(\d{2}-\d{2}-\d{4})\s*$/u;
const PAGE_NUMBER = /^\s*SIDE\s+\|\s+\d+\s*$/i;
const URL_LINE = /^\s*([a-z][a-z0-9+.-]*:\/\/\S+|(?:file|mailto):\S+)\s*$/i;
const ITEM_HEADER = /^\s*(\d{1,2})\.(\d{1,2})\.?\s+(\S.*?)\s*$/;
const HEADING = /^\s*(\d{1,2})\.\s+(\S.*?)\s*$/;
const CASE_LINE = /^\s*(SAG-\d{4}-\d{3,6})\b\s*(.*?)\s*$/;
const SECTION_LABEL = /^\s*(Baggrund|Indstilling|Sagsfremstilling|Bilag|Beslutning)\s*:?\s*$/i;

type Section = 'background' | 'recommendation' | 'presentation' | 'attachments' | 'decision';
const SECTION_OF: Record<string, Section> = {
  baggrund: 'background',
  indstilling: 'recommendation',
  sagsfremstilling: 'presentation',
  bilag: 'attachments',
  beslutning: 'decision',
};

/**
 * Splits pages into classified lines. Page footers go; URL lines are kept apart as links.
 * Extractions differ in what marks a paragraph: when whitespace-only lines exist they are the
 * breaks and truly empty lines are artefacts (the doubled-line layout); otherwise empty lines are.
 */
function toLines(source: AgendaSource, footers: string[]): Line[] {
  const raw: Array<{ text: string; page: number }> = [];
  source.pages.forEach((pageText, index) => {
    for (const text of pageText.split(/\r?\n|\f/)) raw.push({ text: text.replace(/\s+$/, (s) => (s.length > 0 && text.trim() === '' ? ' ' : '')), page: index + 1 });
  });
  const hasWhitespaceBreaks = raw.some((l) => l.text !== '' && l.text.trim() === '');
  const lines: Line[] = [];
  for (const { text, page } of raw) {
    const footer = FOOTER.exec(text);
    if (footer) {
      footers.push(text);
      continue;
    }
    if (PAGE_NUMBER.test(text)) continue;
    if (text.trim() === '') {
      if (hasWhitespaceBreaks ? text !== '' : true) lines.push({ text: '', page, kind: 'break' });
      continue;
    }
    if (URL_LINE.test(text)) {
      lines.push({ text: text.trim(), page, kind: 'url' });
      continue;
    }
    lines.push({ text: text.replace(/\s+$/, ''), page, kind: 'text' });
  }
  return lines;
}

/** Index of the next text line at or after `from`, skipping breaks and URLs. */
function nextText(lines: readonly Line[], from: number): number {
  for (let i = from; i < lines.length; i++) if (lines[i]!.kind === 'text') return i;
  return -1;
}

/** An `N.M. Title` line is an item only if its case line or a section label follows closely. */
function itemHeaderAt(lines: readonly Line[], i: number): { titleEnd: number; caseLine: number } | undefined {
  const line = lines[i]!;
  if (line.kind !== 'text' || !ITEM_HEADER.test(line.text)) return undefined;
  let j = i;
  for (let seen = 0; seen < 4; seen++) {
    j = nextText(lines, j + 1);
    if (j < 0) return undefined;
    const text = lines[j]!.text;
    if (CASE_LINE.test(text)) return { titleEnd: j, caseLine: j };
    if (SECTION_LABEL.test(text)) return { titleEnd: j, caseLine: -1 };
    if (ITEM_HEADER.test(text) || HEADING.test(text)) return undefined;
  }
  return undefined;
}

/** `N. Title` is a section heading when its first item `N.1.` follows directly, or nothing follows. */
function isHeadingAt(lines: readonly Line[], i: number, headers: ReadonlySet<number>): boolean {
  const line = lines[i]!;
  const m = HEADING.exec(line.text);
  if (line.kind !== 'text' || !m || ITEM_HEADER.test(line.text)) return false;
  const j = nextText(lines, i + 1);
  if (j < 0) return true;
  const next = ITEM_HEADER.exec(lines[j]!.text);
  return next !== null && headers.has(j) && next[1] === m[1] && Number(next[2]) === 1;
}

interface Draft {
  item: ParsedItem;
  sections: Record<Section, SourceLine[]>;
}

function splitOfficers(rest: string): string[] {
  return rest
    .split(/[\s/,;]+/)
    .map((s) => s.trim())
    .filter((s) => /^[\p{L}]{2,8}$/u.test(s));
}

function attachmentTitles(lines: readonly SourceLine[]): string[] {
  const titles: string[] = [];
  let pendingJoin = false;
  for (const line of lines) {
    if (line.kind === 'break') {
      pendingJoin = false;
      continue;
    }
    const text = line.text.replace(/^\s*\.\/\.\s*/, '').replace(/\s+/g, ' ').trim();
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

function httpLinks(urls: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const url of urls) if (/^https?:\/\//i.test(url)) seen.add(url);
  return [...seen];
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

/**
 * Parses one agenda into items. Tolerates both extraction layouts of the seeds: doubled lines,
 * hyphenation at line ends, page footers, wrapped titles, numbered lists inside items, and PDF
 * link annotations as bare URL lines.
 */
export function parseAgenda(source: AgendaSource): ParsedAgenda {
  const footers: string[] = [];
  const lines = toLines(source, footers);
  const headerInfo = new Map<number, { titleEnd: number; caseLine: number }>();
  for (let i = 0; i < lines.length; i++) {
    const info = itemHeaderAt(lines, i);
    if (info) headerInfo.set(i, info);
  }
  const headerSet = new Set(headerInfo.keys());

  const drafts: Draft[] = [];
  const emptyHeadings: Array<{ number: string; title: string }> = [];
  let heading = '';
  let headingNumber = '';
  let headingHasItems = true;
  let current: Draft | undefined;
  let section: Section = 'background';

  const closeHeading = () => {
    if (!headingHasItems && headingNumber !== '') emptyHeadings.push({ number: headingNumber, title: heading });
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const header = headerInfo.get(i);
    if (header) {
      const m = ITEM_HEADER.exec(line.text)!;
      const titleParts = [m[3]!];
      for (let j = i + 1; j < header.titleEnd; j++) {
        const l = lines[j]!;
        if (l.kind === 'text') titleParts.push(l.text.trim());
        else if (l.kind === 'url' && current) current.item.links.push(l.text);
      }
      const caseMatch = header.caseLine >= 0 ? CASE_LINE.exec(lines[header.caseLine]!.text) : null;
      const title = titleParts.reduce((acc, part) => joinLines(acc, part.replace(/\s+/g, ' ')), '').trim();
      current = {
        item: {
          number: `${m[1]}.${Number(m[2])}`,
          heading,
          title,
          caseNumber: caseMatch?.[1] ?? '',
          caseOfficers: caseMatch ? splitOfficers(caseMatch[2] ?? '') : [],
          background: '',
          recommendation: '',
          presentation: '',
          attachments: [],
          links: [],
          ...(source.paged ? { page: line.page } : {}),
        },
        sections: { background: [], recommendation: [], presentation: [], attachments: [], decision: [] },
      };
      drafts.push(current);
      headingHasItems = true;
      section = 'background';
      i = header.caseLine >= 0 ? header.caseLine : header.titleEnd - 1;
      continue;
    }
    if (line.kind === 'text' && isHeadingAt(lines, i, headerSet)) {
      closeHeading();
      const m = HEADING.exec(line.text)!;
      heading = m[2]!.trim();
      headingNumber = m[1]!;
      headingHasItems = false;
      current = undefined;
      continue;
    }
    if (!current) continue;
    if (line.kind === 'url') {
      current.item.links.push(line.text);
      continue;
    }
    if (line.kind === 'text') {
      const label = SECTION_LABEL.exec(line.text);
      if (label) {
        section = SECTION_OF[label[1]!.toLowerCase()]!;
        continue;
      }
      current.sections[section].push({ kind: 'text', text: line.text });
    } else {
      current.sections[section].push({ kind: 'break' });
    }
  }
  closeHeading();

  const items = drafts.map(({ item, sections }) => ({
    ...item,
    background: assembleText(sections.background),
    recommendation: assembleText(sections.recommendation, { subheadings: false }),
    presentation: assembleText(sections.presentation),
    attachments: attachmentTitles(sections.attachments),
    links: httpLinks(item.links),
  }));

  const allText = items.map((i) => `${i.title}\n${i.background}\n${i.recommendation}`).join('\n');
  const footerDate = footers.map(parseDmyDate).find((d) => d !== undefined);
  const approval = /dagsorden(?:en)? for (?:mødet|møde) (?:den )?(\d{1,2}\.\s*\p{L}+\s+\d{4})/iu.exec(allText);
  const meetingDate = footerDate ?? findDanishDate(approval?.[1] ?? '');
  const footerCommittee = footers.map((f) => FOOTER.exec(f)?.[1]?.replace('-', ' ')).find((c) => c !== undefined);
  const committee = footerCommittee ?? detectCommittee(allText);
  const nextItem = items.find((i) => NEXT_MEETING_TITLE.test(i.title));
  const nextMeeting = nextItem ? parseNextMeeting(`${nextItem.background}\n${nextItem.presentation}`) : undefined;

  return {
    ...(committee ? { committee } : {}),
    ...(meetingDate ? { meetingDate } : {}),
    items,
    emptyHeadings,
    ...(nextMeeting ? { nextMeeting } : {}),
  };
}
