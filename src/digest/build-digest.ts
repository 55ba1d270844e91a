import type { AgendaItem, Meeting } from '../corpus/types.js';
import type { AnswerEngine } from '../answer/types.js';
import type { Calendar, CalendarEntry } from './calendar.js';
import { addDays, isIsoDay } from './dates.js';
import { shortenRecommendation } from './shorten.js';
import type { Digest, DigestItem, DigestMeeting, DigestRecord } from './types.js';

/** How many days ahead the digest looks when nothing else is said. */
export const DEFAULT_WINDOW_DAYS = 14;

/** What a digest is built from. */
export interface BuildDigestInput {
  /** The meetings to choose from (`meetingsForDigest`, or every meeting), in any order. */
  meetings: readonly Meeting[];
  /** Known meeting dates (`corpus/calendar.json`); default none. */
  calendar?: Calendar | readonly CalendarEntry[];
  /** The morning the digest is for, YYYY-MM-DD. A meeting on this day still counts as upcoming. */
  date: string;
  /**
   * Meetings up to this many days after `date` (inclusive) are shown; each committee's next
   * meeting is shown even when it is further away. Default {@link DEFAULT_WINDOW_DAYS}.
   */
  windowDays?: number;
  /**
   * What the last posted digest included. Without it nothing is marked new: there is nothing to
   * compare with, and a first digest full of "new" labels says nothing.
   */
  previous?: DigestRecord;
  /** Only these committees (spelt as in the agendas); default every committee that has meetings. */
  committees?: readonly string[];
}

/** Committee names compared without case or spacing differences. */
function committeeKey(committee: string): string {
  return committee.trim().replace(/\s+/g, ' ').toLowerCase();
}

function tidy(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** Key of a meeting in a {@link DigestRecord}; the status is part of it so a newly published agenda counts as new. */
export function meetingKey(m: Pick<DigestMeeting, 'committee' | 'date' | 'status'>): string {
  return `${committeeKey(m.committee)}|${m.date}|${m.status}`;
}

/** Key of an item in a {@link DigestRecord}: the agenda item's id, or the expected title under its meeting. */
export function itemKey(m: Pick<DigestMeeting, 'committee' | 'date'>, item: Pick<DigestItem, 'id' | 'title'>): string {
  return item.id !== undefined
    ? `item|${item.id}`
    : `expected|${committeeKey(m.committee)}|${m.date}|${tidy(item.title).toLowerCase()}`;
}

/** What a digest includes, to be stored once it has been posted. */
export function recordOf(digest: Digest): DigestRecord {
  const meetings: string[] = [];
  const items: string[] = [];
  for (const m of digest.meetings) {
    meetings.push(meetingKey(m));
    for (const item of m.items) items.push(itemKey(m, item));
  }
  return { date: digest.date, meetings, items };
}

/** Everything known about one upcoming meeting, gathered from agendas and calendar. */
interface Candidate {
  committee: string;
  date: string;
  agenda?: Meeting;
  /** The latest earlier agenda that announced this meeting. */
  announcedBy?: Meeting;
  calendar?: CalendarEntry;
}

/**
 * Items that stand on every agenda and say nothing about the meeting: approval of the agenda and
 * of the minutes, *Eventuelt*. (*Siden sidst* and *Punkter til næste møde* carry real content.)
 */
const STANDING_TITLE = /^(godkendelse af (dagsorden(en)?|referat(et)?)( og (dagsorden(en)?|referat(et)?))?|eventuelt|evt\.?)$/i;

/** Whether a title is one of the standing items every agenda has. */
export function isStandingItem(title: string): boolean {
  return STANDING_TITLE.test(tidy(title));
}

function publishedItem(item: AgendaItem, meetingLink: string | undefined): DigestItem {
  const standing = isStandingItem(item.title);
  // A standing item's recommendation ("that the agenda be approved") is left out with the item's own line.
  const recommendation = standing ? '' : shortenRecommendation(item.recommendation);
  const link = item.link ?? meetingLink;
  return {
    number: item.number,
    title: tidy(item.title),
    ...(recommendation !== '' ? { recommendation } : {}),
    ...(link !== undefined ? { link } : {}),
    id: item.id,
    isNew: false,
    ...(standing ? { standing: true } : {}),
  };
}

/** Orders `1.2` before `1.10`. */
function compareItemNumbers(a: string, b: string): number {
  const [a1 = 0, a2 = 0] = a.split('.').map(Number);
  const [b1 = 0, b2 = 0] = b.split('.').map(Number);
  return a1 - b1 || a2 - b2;
}

function toDigestMeeting(c: Candidate): DigestMeeting {
  const time = c.announcedBy?.nextMeeting?.time ?? c.calendar?.time;
  const note = c.calendar?.note;
  if (c.agenda) {
    const link = c.agenda.sourceUrl ?? c.agenda.materialUrl ?? c.calendar?.materialUrl;
    const items = [...c.agenda.items]
      .sort((a, b) => compareItemNumbers(a.number, b.number))
      .map((item) => publishedItem(item, link));
    return {
      committee: c.committee,
      date: c.date,
      ...(time !== undefined ? { time } : {}),
      status: 'published',
      ...(link !== undefined ? { link } : {}),
      items,
      isNew: false,
      ...(note !== undefined ? { note } : {}),
    };
  }
  const link = c.calendar?.materialUrl ?? c.announcedBy?.materialUrl;
  const seen = new Set<string>();
  const items: DigestItem[] = [];
  for (const raw of c.announcedBy?.nextMeeting?.expectedItems ?? []) {
    const title = tidy(raw);
    if (title === '' || seen.has(title.toLowerCase())) continue;
    seen.add(title.toLowerCase());
    items.push({ title, isNew: false });
  }
  return {
    committee: c.committee,
    date: c.date,
    ...(time !== undefined ? { time } : {}),
    status: 'expected',
    ...(link !== undefined ? { link } : {}),
    items,
    isNew: false,
    ...(c.announcedBy ? { announcedAt: c.announcedBy.meetingDate } : {}),
    ...(note !== undefined ? { note } : {}),
  };
}

function markNew(m: DigestMeeting, previous: DigestRecord): DigestMeeting {
  const meetings = new Set(previous.meetings);
  const items = new Set(previous.items);
  return {
    ...m,
    isNew: !meetings.has(meetingKey(m)),
    items: m.items.map((item) => ({ ...item, isNew: !items.has(itemKey(m, item)) })),
  };
}

/**
 * The digest for one morning: per committee, the meetings from `date` to `date + windowDays`
 * and at least the next meeting, soonest first. A meeting whose agenda is in the corpus shows
 * its items; one that is only announced shows the items the previous agenda expected for it.
 * Meetings before `date` never appear.
 *
 * Pure: the same input gives the same digest.
 *
 * @example buildDigest({ meetings: await meetingsForDigest(engine, '2024-06-20'), calendar, date: '2024-06-20' })
 *   // → KKR Hovedstaden 2024-09-06, expected: "Godkendelse af Rammeaftale 2025 – 2026", …
 */
export function buildDigest(input: BuildDigestInput): Digest {
  const { date } = input;
  if (!isIsoDay(date)) throw new RangeError(`buildDigest: date must be a day as YYYY-MM-DD, got ${JSON.stringify(date)}`);
  const windowDays = input.windowDays ?? DEFAULT_WINDOW_DAYS;
  if (!Number.isInteger(windowDays) || windowDays < 0) {
    throw new RangeError(`buildDigest: windowDays must be a whole number of days ≥ 0, got ${windowDays}`);
  }
  const calendar = Array.isArray(input.calendar)
    ? (input.calendar as readonly CalendarEntry[])
    : ((input.calendar as Calendar | undefined)?.meetings ?? []);
  const only = input.committees ? new Set(input.committees.map(committeeKey)) : undefined;
  const wanted = (committee: string) => only === undefined || only.has(committeeKey(committee));

  const candidates = new Map<string, Candidate>();
  const candidate = (committee: string, day: string): Candidate => {
    const key = `${committeeKey(committee)}|${day}`;
    let c = candidates.get(key);
    if (!c) {
      c = { committee: tidy(committee), date: day };
      candidates.set(key, c);
    }
    return c;
  };

  // Oldest first, so a later agenda's announcement of the same meeting wins.
  const agendas = [...input.meetings].sort((a, b) => a.meetingDate.localeCompare(b.meetingDate));
  for (const m of agendas) {
    if (!wanted(m.committee)) continue;
    if (m.meetingDate >= date) candidate(m.committee, m.meetingDate).agenda = m;
    const next = m.nextMeeting;
    if (next && next.date >= date && next.date > m.meetingDate) candidate(m.committee, next.date).announcedBy = m;
  }
  for (const entry of calendar) {
    if (!wanted(entry.committee) || entry.date < date) continue;
    candidate(entry.committee, entry.date).calendar = entry;
  }

  const byCommittee = new Map<string, Candidate[]>();
  for (const c of candidates.values()) {
    const key = committeeKey(c.committee);
    const list = byCommittee.get(key) ?? [];
    list.push(c);
    byCommittee.set(key, list);
  }

  const last = addDays(date, windowDays);
  const chosen: Candidate[] = [];
  for (const list of byCommittee.values()) {
    list.sort((a, b) => a.date.localeCompare(b.date));
    const inWindow = list.filter((c) => c.date <= last);
    chosen.push(...(inWindow.length > 0 ? inWindow : list.slice(0, 1)));
  }
  chosen.sort((a, b) => a.date.localeCompare(b.date) || a.committee.localeCompare(b.committee, 'da'));

  const previous = input.previous;
  const meetings = chosen.map(toDigestMeeting).map((m) => (previous ? markNew(m, previous) : m));
  return { date, windowDays, meetings };
}

/**
 * How far back a meeting may have announced an upcoming one (`Næste møde: …`): a year covers any
 * committee's next meeting.
 */
export const ANNOUNCEMENT_LOOKBACK_DAYS = 366;

/**
 * The meetings a digest for `date` is built from: upcoming ones with their items, and those of the
 * past year that announce a next meeting, without theirs (a year of every municipality's items
 * is hundreds of thousands, and an announcement is the meeting's own).
 */
export async function meetingsForDigest(engine: Pick<AnswerEngine, 'meetings'>, date: string): Promise<Meeting[]> {
  const [past, upcoming] = await Promise.all([
    engine.meetings({ from: addDays(date, -ANNOUNCEMENT_LOOKBACK_DAYS), to: addDays(date, -1), items: false }),
    engine.meetings({ from: date }),
  ]);
  return [...past.filter((m) => m.nextMeeting !== undefined), ...upcoming];
}
