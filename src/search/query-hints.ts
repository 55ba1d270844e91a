import { isoDate, monthNumber } from '../corpus/danish-dates.js';
import { foldDanish } from './fold.js';
import { findCaseNumbers } from '../corpus/case-numbers.js';

/**
 * What a question says besides its topic: case and item numbers to look up exactly, and which
 * meeting or committee it is about. Hints narrow or boost; the rest of the question is searched.
 */
export interface QueryHints {
  /** Case numbers in their lookup form (`caseKey`): `SAG-2025-01103`, `19/3143`, `00.32.00-S00-1-19`. */
  caseNumbers: string[];
  /** `4.3` from `punkt 4.3`, `130` from `punkt 130` or `sag nr. 130`. */
  itemNumber?: string;
  /** The words that gave a single item number (`punkt 3`): searched as words when no item has that number. */
  itemText?: string;
  /** Meeting dates the question points at (inclusive range, YYYY-MM-DD). */
  dateFrom?: string;
  dateTo?: string;
  /** How the meeting hint reads, e.g. `juni 2024`. */
  dateLabel?: string;
  /** The words of the question that gave the meeting hint (`aprilmødet 2025`). */
  dateText?: string;
  /**
   * Whether the date names a meeting (`mødet i april 2025`, `aprilmødet`, `referatet fra 19. april
   * 2024`, or a date standing bare after the topic: `flygtninge juni 2024`) rather than a time in
   * the text (`takststigningen i januar 2024`).
   */
  meetingDate?: boolean;
  /** A year named on its own (`økonomiforhandlinger 2026`): boosts that year's meetings and items about that year. */
  year?: number;
  /** Whether the year names meetings (`møderne i 2019`, `dagsordener fra 2019`) rather than a time in the text. */
  meetingYear?: boolean;
  /** Whether the question asks about the year (`aftalen for 2025`, `budget 2026`), not about meetings held in it. */
  aboutYear?: boolean;
  /** A KKR named in the question, e.g. `KKR Sjælland`. */
  committee?: string;
  /** The words that named the committee (`KKR Sjælland`). */
  committeeText?: string;
  /** `næste møde` / `next meeting` or `sidste møde` / `last meeting`. */
  relative?: 'next' | 'last';
  /** The question without the look-up syntax (case and item numbers), for free-text search. */
  text: string;
}

const ITEM = /\b(?:punkt|pkt\.?|dagsordenspunkt|item|point)\s*(\d{1,2})\.(\d{1,2})\.?(?!\d)/i;
/** `punkt 130`, `pkt. 44`, `sag nr. 130`: an item number of material numbered 1, 2, 3 … */
const SINGLE_ITEM = /\b(?:punkt|pkt\.?|dagsordenspunkt|item|sag nr\.?)\s*(\d{1,4})\b(?![.,]\d)/i;
const BARE_ITEM = /(?:^|\s)(\d{1,2})\.(\d{1,2})\.?(?=\s|$)/;
const ISO = /\b(\d{4})-(\d{2})-(\d{2})\b/;
const DMY_NUMERIC = /\b(\d{1,2})[./-](\d{1,2})[./-](\d{4})\b/;
const DAY_MONTH_YEAR = /\b(\d{1,2})\.?\s*(januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|nov|dec|january|february|march|may|june|july|october)\.?\s+(\d{4})\b/i;
const MONTH_YEAR = /\b(januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december|january|february|march|may|june|july|october)(?:møde[a-z]*|moede[a-z]*|-?meeting)?\s+(?:(?:møde|mødet|moede|moedet|meeting)\s+)?(\d{4})\b/i;
const MONTH_MEETING_YEAR = /\b(?:(?:møde|mødet|moede|moedet|meeting)\s+(?:i\s+|in\s+)?)(januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december|january|february|march|may|june|july|october)\s+(\d{4})\b/i;
const NEXT = /\b(næste|naeste|kommende|next|upcoming)\s+(møde|moede|meeting)/i;
const LAST = /\b(sidste|seneste|forrige|last|latest|previous)\s+(møde|moede|meeting)/i;
const COMMITTEE = /\b(region(?:en)?\s+)?(?:kkr[\s-]+)?(hovedstaden|sjælland|sjaelland|syddanmark|midtjylland|nordjylland)\b/i;

/** Words that make a date a meeting's: the meeting, its agenda or minutes, an item of it. */
const MEETING_WORD = /(?:møde|moede|meeting|dagsorden|referat|minutes|agenda|punkt)\p{L}*(?:\s+\p{L}+){0,2}$/iu;
/** Words before a date that make it a time in the text (`i januar 2024`, `fra 2019`, `den 6. februar 2024`). */
const TIME_WORD = /(?:^|\s)(?:i|in|fra|from|den|on|af|siden|since|pr\.?|per|inden|før|for|efter|after|before|til|to|by|of|ved|om|under|primo|medio|ultimo|omkring|around|i løbet af)\s*$/i;

/**
 * Whether the words before a date (`before`) make it a meeting's date: a meeting word close before
 * it, or no word of time (`i`, `fra`, `den` …) right before it, as in `flygtninge juni 2024`.
 */
export function namesMeeting(before: string, dateText: string): boolean {
  if (/møde|moede|meeting/i.test(dateText)) return true;
  const near = before.slice(-40);
  // `referatet fra 19. april 2024`: the minutes of that meeting, approved at the next one.
  if (/\b(?:referat|minutes)\p{L}*\s+(?:fra|af|for|of|from)\s+(?:(?:mødet|møde|the meeting)\s+)?(?:den\s+|on\s+)?$/iu.test(near)) return false;
  if (MEETING_WORD.test(near.replace(/[\s,]+$/, ''))) return true;
  return !TIME_WORD.test(before.trimEnd());
}

const QUESTION_PHRASES = /\b(hvor (længe|laenge|mange|meget|stor|store|ofte|langt)|how (long|many|much|often|far|old))\b/gi;

const COMMITTEE_NAMES: Record<string, string> = {
  hovedstaden: 'KKR Hovedstaden',
  sjaelland: 'KKR Sjælland',
  syddanmark: 'KKR Syddanmark',
  midtjylland: 'KKR Midtjylland',
  nordjylland: 'KKR Nordjylland',
};

function lastDay(year: number, month: number): string {
  const d = new Date(Date.UTC(year, month, 0));
  return isoDate(year, month, d.getUTCDate())!;
}

export function parseQueryHints(question: string): QueryHints {
  let text = question;
  const caseNumbers: string[] = [];
  for (const found of findCaseNumbers(question)) {
    caseNumbers.push(found.key);
    text = text.replace(found.text, ' ');
  }
  const hints: QueryHints = { caseNumbers: [...new Set(caseNumbers)], text };

  const item = ITEM.exec(text) ?? (caseNumbers.length > 0 ? BARE_ITEM.exec(text) : null);
  if (item) {
    hints.itemNumber = `${Number(item[1])}.${Number(item[2])}`;
    text = text.replace(item[0], ' ');
  } else {
    const single = SINGLE_ITEM.exec(text);
    if (single) {
      hints.itemNumber = String(Number(single[1]));
      hints.itemText = single[0];
      text = text.replace(single[0], ' ');
    }
  }

  const iso = ISO.exec(question);
  const dmy = DAY_MONTH_YEAR.exec(question);
  const numeric = DMY_NUMERIC.exec(question);
  const monthYear = MONTH_YEAR.exec(question) ?? MONTH_MEETING_YEAR.exec(question);
  if (iso && isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]))) {
    hints.dateFrom = hints.dateTo = iso[0];
    hints.dateLabel = hints.dateText = iso[0];
  } else if (dmy && monthNumber(dmy[2]!) !== undefined && isoDate(Number(dmy[3]), monthNumber(dmy[2]!)!, Number(dmy[1]))) {
    hints.dateFrom = hints.dateTo = isoDate(Number(dmy[3]), monthNumber(dmy[2]!)!, Number(dmy[1]))!;
    hints.dateLabel = hints.dateText = dmy[0];
  } else if (numeric && isoDate(Number(numeric[3]), Number(numeric[2]), Number(numeric[1]))) {
    hints.dateFrom = hints.dateTo = isoDate(Number(numeric[3]), Number(numeric[2]), Number(numeric[1]))!;
    hints.dateLabel = hints.dateText = numeric[0];
  } else if (monthYear && monthNumber(monthYear[1]!) !== undefined) {
    const year = Number(monthYear[2]);
    const month = monthNumber(monthYear[1]!)!;
    hints.dateFrom = isoDate(year, month, 1)!;
    hints.dateTo = lastDay(year, month);
    hints.dateLabel = `${monthYear[1]!.toLowerCase()} ${year}`;
    hints.dateText = monthYear[0];
  } else {
    // `aprilmødet 2025`, `junimødet 2024`: month glued to "møde".
    const glued = /\b([a-zæøå]+?)(?:møde|moede)[a-zæøå]*\s+(\d{4})\b/i.exec(question);
    const month = glued ? monthNumber(glued[1]!) : undefined;
    if (glued && month !== undefined) {
      const year = Number(glued[2]);
      hints.dateFrom = isoDate(year, month, 1)!;
      hints.dateTo = lastDay(year, month);
      hints.dateLabel = `${glued[1]!.toLowerCase()} ${year}`;
      hints.dateText = glued[0];
    }
  }

  if (hints.dateText !== undefined) {
    const at = question.indexOf(hints.dateText);
    hints.meetingDate = namesMeeting(question.slice(0, Math.max(0, at)), hints.dateText);
  }

  if (hints.dateFrom === undefined) {
    const year = /\b(20\d{2}|19\d{2})\b/.exec(hints.text);
    if (year) {
      hints.year = Number(year[1]);
      const before = hints.text.slice(0, year.index).slice(-40).trimEnd();
      hints.meetingYear = MEETING_WORD.test(before.replace(/\s+(?:i|in|fra|from|for|of)$/i, '')) && !/\b\d/.test(before.slice(-12));
      hints.aboutYear = !hints.meetingYear && /(?:^|\s)(?:for|om|vedr\.?|budget\p{L}*|about|regarding)$/iu.test(before);
    }
  }

  if (NEXT.test(question)) hints.relative = 'next';
  else if (LAST.test(question)) hints.relative = 'last';

  const committee = COMMITTEE.exec(question);
  // `Region Hovedstaden` is the region, not the council.
  if (committee && committee[1] === undefined) {
    hints.committee = COMMITTEE_NAMES[foldDanish(committee[2]!.toLowerCase())];
    hints.committeeText = committee[0];
  }

  // `hvor længe`, `how many`: the question's form, not its topic (`længe` alone would be searched).
  text = text.replace(QUESTION_PHRASES, ' ');
  hints.text = text.replace(/\s+/g, ' ').trim();
  return hints;
}
