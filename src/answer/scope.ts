import type { Meeting } from '../corpus/types.js';
import { formatDanishDate } from '../corpus/danish-dates.js';
import type { QueryHints } from '../search/query-hints.js';
import { meetingKey } from '../search/ranking-context.js';
import type { Served } from './served.js';
import { inRange, lookupMaps } from './lookups.js';

/**
 * What a question says about where to look, checked against what the corpus holds: the meeting,
 * committee or year it names, and `næste møde` / `sidste møde`. What the corpus does not hold is
 * said, not silently answered from elsewhere; a next meeting after the last known agenda is taken
 * from the meeting calendar, and the last one is not presented as next.
 */
export interface Scope {
  /** Keys of the meetings the question points at, that the corpus holds. */
  meetings?: Set<string>;
  /** The committee the question names, when the corpus holds it. */
  committee?: string;
  year?: number;
  /** The year is what the item is about (`for 2025`), not when its meeting was. */
  aboutYear?: boolean;
  /** The question names a meeting's date or month (see `RankingRequest.dated`). */
  dated: boolean;
  /** Terms of a time the question names as a fact of the text (see `RankingRequest.timeTerms`). */
  timeTerms?: string[];
  /** The words to search: the question without the words that only said where to look. */
  text: string;
  /** What the question names that the corpus lacks (`KKR Sjælland`, `april 2024`), for the note. */
  missing?: string;
  /** A note on the meetings themselves (the next meeting after the last known agenda). */
  note?: string;
}

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function meetingsOf(served: Served, committee: string | undefined): Meeting[] {
  const all = lookupMaps(served.index).meetingsByDate;
  return committee === undefined ? all : all.filter((m) => m.committee === committee);
}

/**
 * The meetings a question points at by date or month, or as the next or last meeting, that the
 * corpus holds; undefined when it points at none or at one the corpus lacks. `anyDate` counts a
 * date in any form (item look-ups: `punkt 4.3 fra juni 2024`); otherwise only one that names a
 * meeting (`flygtninge juni 2024`, not `takststigningen i januar 2024`).
 */
export function pointedMeetings(served: Served, hints: QueryHints, now: Date, anyDate = false, committee = hints.committee): Set<string> | undefined {
  if ((hints.dateFrom === undefined || !(anyDate || hints.meetingDate)) && hints.relative === undefined) return undefined;
  const meetings = meetingsOf(served, committee);
  if (hints.dateFrom !== undefined && (anyDate || hints.meetingDate)) {
    const keys = meetings.filter((m) => inRange(m.meetingDate, hints.dateFrom, hints.dateTo)).map((m) => meetingKey(m));
    return keys.length > 0 ? new Set(keys) : undefined;
  }
  const today = isoDay(now);
  let pick: Meeting | undefined;
  if (hints.relative === 'next') pick = meetings.find((m) => m.meetingDate >= today) ?? meetings[meetings.length - 1];
  else pick = meetings.findLast((m) => m.meetingDate <= today) ?? meetings[0];
  return pick ? new Set([meetingKey(pick)]) : undefined;
}

/**
 * `Det seneste møde, jeg har dagsorden fra, var 11. april 2025 (KKR Hovedstaden). Næste møde er
 * ifølge mødekalenderen 26. januar 2026 …`: said when the question asks for the next meeting and
 * every known agenda is older than today.
 */
function nextMeetingNote(served: Served, committees: readonly string[], last: Meeting, today: string): string {
  const calendar = served.calendar.meetings.filter((m) => committees.includes(m.committee) && m.date >= today).sort((a, b) => a.date.localeCompare(b.date));
  const announced = last.nextMeeting && last.nextMeeting.date >= today ? last.nextMeeting.date : undefined;
  const fromCalendar = calendar[0];
  const lastLine = `Det seneste møde, jeg har dagsorden fra, var ${formatDanishDate(last.meetingDate)} (${last.committee}).`;
  if (fromCalendar && (!announced || fromCalendar.date <= announced)) {
    const note = fromCalendar.note ? ` (${fromCalendar.note.toLowerCase()})` : '';
    return `${lastLine} Næste møde er ifølge mødekalenderen ${formatDanishDate(fromCalendar.date)}${fromCalendar.committee !== last.committee ? ` i ${fromCalendar.committee}` : ''}${note}; dagsordenen er ikke kommet endnu.`;
  }
  if (announced) return `${lastLine} Næste møde er ${formatDanishDate(announced)}; dagsordenen er ikke kommet endnu, så punkterne nedenfor er dem, mødet ${formatDanishDate(last.meetingDate)} annoncerede.`;
  return `${lastLine} Mødekalenderen kender ingen senere møder, så jeg ved ikke, hvornår det næste er.`;
}

/** Reads where a free-text question asks to look, against what the corpus holds. */
export function readScope(served: Served, hints: QueryHints, now: Date): Scope {
  const scope: Scope = { dated: hints.dateFrom !== undefined && hints.meetingDate === true, text: hints.text };
  // `takststigningen i januar 2024`: a time in the text, which the answer should mention.
  if (hints.dateFrom !== undefined && !hints.meetingDate) scope.timeTerms = [hints.dateFrom.slice(0, 4)];
  const strip = (words: string | undefined) => {
    if (words) scope.text = scope.text.replace(words, ' ').replace(/\s+/g, ' ').trim();
  };
  const held = lookupMaps(served.index).committees;
  if (hints.committee !== undefined) {
    if (held.has(hints.committee)) scope.committee = hints.committee;
    else {
      // The region's name would otherwise match text about the region (`Region Sjælland`).
      scope.missing = hints.committee;
      strip(hints.committeeText);
    }
  }
  const committee = scope.committee;
  if (hints.dateFrom !== undefined && hints.meetingDate) {
    const meetings = pointedMeetings(served, hints, now, false, committee);
    if (meetings) {
      scope.meetings = meetings;
      // A date that picks a meeting says which meeting, not what about: it is not searched as words.
      strip(hints.dateText);
    } else scope.missing ??= hints.dateLabel;
  }
  if (hints.year !== undefined) {
    scope.year = hints.year;
    if (hints.aboutYear) scope.aboutYear = true;
    if (hints.meetingYear && !meetingsOf(served, committee).some((m) => m.meetingDate.startsWith(String(hints.year)))) scope.missing ??= String(hints.year);
  }
  if (hints.relative !== undefined && scope.missing === undefined) {
    const meetings = meetingsOf(served, committee);
    const today = isoDay(now);
    const last = meetings.findLast((m) => m.meetingDate <= today);
    if (hints.relative === 'last') {
      const pick = last ?? meetings[0];
      if (pick) scope.meetings = new Set([meetingKey(pick)]);
    } else {
      // The next meeting is the first of the agendas and the calendar; an agenda held is the
      // answer only when no meeting comes before it.
      const committees = committee ? [committee] : [...held];
      const upcoming = meetings.find((m) => m.meetingDate >= today);
      const calendarNext = served.calendar.meetings.filter((m) => committees.includes(m.committee) && m.date >= today).map((m) => m.date).sort()[0];
      const pick = upcoming && (calendarNext === undefined || upcoming.meetingDate <= calendarNext) ? upcoming : (last ?? upcoming);
      if (pick) scope.meetings = new Set([meetingKey(pick)]);
      if (pick && pick !== upcoming) scope.note = nextMeetingNote(served, committees, pick, today);
    }
  }
  return scope;
}

/** The note under an answer from elsewhere: what is missing, and where the answer is from. */
export function missingNote(missing: string, answeredFrom?: { committee: string; meetingDate: string }): string {
  const from = answeredFrom ? ` Svaret nedenfor er det bedste fra et andet møde: ${answeredFrom.committee}, ${formatDanishDate(answeredFrom.meetingDate)}.` : '';
  return `Jeg har ingen dagsordener fra ${missing}.${from}`;
}
