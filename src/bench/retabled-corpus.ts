import type { AgendaItem, Meeting, Section } from '../corpus/types.js';
import { committeeSlug } from '../corpus/committees.js';
import { formatDanishDate } from '../corpus/danish-dates.js';
import { sectionText } from '../corpus/sections.js';
import { splitSentences } from '../answer/sentences.js';
import { isSubheadingParagraph } from '../search/passages.js';
import { Random } from './prng.js';

/**
 * Earlier meetings where the corpus's own items were on the agenda before, the way councils
 * re-table a case: the same topic under the same or a slightly changed title (`Status på …`), an
 * earlier and shorter version of the text whose sentences stay whole and in order, years and
 * dates moved back, the figures of that time, and sometimes a sentence on where the case stands.
 * Every earlier meeting predates the committee's oldest meeting in the source.
 * The real item is then the newest and fullest of its kind, among many that share its words.
 *
 * Unlike `generateMeetings` (sentences of any item recombined into new KKR agendas), these
 * distractors are near-duplicates of the very items questions are about, in each publisher's own
 * layout (numbering, case numbers, minutes with decisions): the hard case for ranking.
 *
 * @example
 * const distractors = retableMeetings({ source: meetings, items: 4000, seed: 1 });
 */
export interface RetableOptions {
  /** The meetings whose items are re-tabled (normally the real corpus). */
  source: readonly Meeting[];
  /** Total items to make; meetings get 3–14 each. Give this or `count`. */
  items?: number;
  /** Number of meetings. */
  count?: number;
  seed: number;
  /** How far back the earlier meetings go, in years (default 6). */
  yearsBack?: number;
}

export const DEFAULT_YEARS_BACK = 6;
/** At least this many days between an earlier meeting and the one it copies. */
const MIN_AGE_DAYS = 35;

/** What an earlier version of a case says about where it stands; `{committee}` and `{date}` are filled in. */
const STATUS_SENTENCES = [
  'Sagen blev senest behandlet på mødet den {date}.',
  '{committee} blev senest orienteret om sagen den {date}, og der gives her en status.',
  'Der gives en foreløbig status, og sagen forelægges igen, når der foreligger nye tal.',
  'Sagen er en opfølgning på drøftelsen på mødet den {date}.',
  'Sekretariatet vil følge op på sagen på et kommende møde.',
  'Arbejdet er endnu ikke afsluttet, og der er tale om en foreløbig opgørelse.',
];
const TITLE_PREFIXES = ['Status på', 'Orientering om', 'Opfølgning på', 'Drøftelse af'];
const DECISIONS = ['Godkendt.', 'Taget til efterretning.', 'Indstillingen blev godkendt.', 'Drøftet.', 'Udsat til næste møde.'];
/** Titles every agenda has: re-tabled with their dates moved, never dropped, never renamed. */
const STANDARD_TITLE = /^(godkendelse af (dagsorden|referat)|siden sidst|punkter til næste møde|eventuelt|meddelelser)/i;

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return isoDay(d);
}

/** The weekday on or before a date (councils rarely meet at weekends). */
function weekdayOnOrBefore(iso: string): string {
  let d = iso;
  for (;;) {
    const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (wd !== 0 && wd !== 6) return d;
    d = addDays(d, -1);
  }
}

const YEAR = /(?<![\d/.,])(19[89]\d|20[0-5]\d)(?![\d/])/g;
/**
 * A quantity: a number with optional thousands dots or decimal comma, not part of a date, a
 * clock time, a paragraph sign, an item reference or a code (`SAG-2025-01103`, `ØA25`, `19/3143`).
 */
const QUANTITY = /(?<![\d\p{L}.,/§-])(\d{1,3}(?:\.\d{3})+|\d+(?:,\d+)?)(?![\d\p{L}/-]|\.\s*(?:januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december)|\.\d)/gu;
const NOT_A_QUANTITY_BEFORE = /(kl\.|kl|nr\.|nr|pkt\.|punkt|stk\.|§|uge|sag)\s*$/i;

/** A number as it was printed, scaled: `3.600` → `3.150`, `12,3` → `10,8`, `274` → `231`. */
function scaleNumber(printed: string, factor: number): string {
  if (/^\d{1,3}(\.\d{3})+$/.test(printed)) {
    const value = Math.max(1000, Math.round((Number(printed.replace(/\./g, '')) * factor) / 10) * 10);
    return value.toLocaleString('da-DK').replace(/\u00a0/g, '.');
  }
  if (printed.includes(',')) {
    const decimals = printed.split(',')[1]!.length;
    return (Number(printed.replace(',', '.')) * factor).toFixed(decimals).replace('.', ',');
  }
  const n = Number(printed);
  if (n <= 1) return printed;
  return String(Math.max(1, Math.round(n * factor)));
}

class Retabler {
  constructor(private readonly rng: Random) {}

  /** Moves every year in the text back by `shift`, and changes some figures to those of that time. */
  earlierText(text: string, shift: number, numberShare: number): string {
    const rng = this.rng;
    let out = shift > 0 ? text.replace(YEAR, (y) => `\u0000${Number(y) - shift}`) : text.replace(YEAR, (y) => `\u0000${y}`);
    out = out.replace(QUANTITY, (whole: string, _n: string, offset: number, all: string) => {
      if (all[offset - 1] === '\u0000' || NOT_A_QUANTITY_BEFORE.test(all.slice(Math.max(0, offset - 8), offset)) || !rng.chance(numberShare)) return whole;
      return scaleNumber(whole, 0.55 + rng.next() * 0.4);
    });
    return out.replace(/\u0000/g, '');
  }

  /**
   * An earlier, shorter version of a section's text: paragraphs and sentences dropped (never the
   * first of either, so what is left still reads in order), lists and tables kept row by row.
   */
  shorter(text: string, dropShare: number): string {
    const rng = this.rng;
    const paragraphs = text.split('\n\n');
    const kept: string[] = [];
    paragraphs.forEach((p, i) => {
      if (i > 0 && !isSubheadingParagraph(p) && rng.chance(dropShare / 2)) return;
      // Lists and table rows (several lines) are kept as they are: dropping rows would garble them.
      if (p.includes('\n') || isSubheadingParagraph(p)) {
        kept.push(p);
        return;
      }
      const sentences = splitSentences(p).map((s) => s.text);
      const left = sentences.filter((_s, k) => k === 0 || !rng.chance(dropShare));
      kept.push(left.join(' '));
    });
    // A heading left without its paragraphs says nothing.
    return kept.filter((p, i) => !(isSubheadingParagraph(p) && (i === kept.length - 1 || isSubheadingParagraph(kept[i + 1]!)))).join('\n\n');
  }

  statusSentence(committee: string, previous: string): string {
    return this.rng.pick(STATUS_SENTENCES).replace('{committee}', committee).replace('{date}', formatDanishDate(previous));
  }

  title(title: string, shift: number): string {
    const rng = this.rng;
    const moved = this.earlierText(title, shift, 0);
    if (STANDARD_TITLE.test(title) || !rng.chance(0.4)) return moved;
    const firstWord = moved.split(' ')[0] ?? '';
    // Names and abbreviations (`KKR`, `SOSU H`, `Movia`) keep their capital.
    const lowered = /\p{Lu}.*\p{Lu}/u.test(firstWord) || /^\p{Lu}\p{Ll}+$/u.test(firstWord) === false ? moved : moved.charAt(0).toLowerCase() + moved.slice(1);
    return `${rng.pick(TITLE_PREFIXES)} ${lowered}`;
  }

  recommendation(text: string, shift: number): string {
    const moved = this.earlierText(text, shift, 0.3);
    // An earlier round often only informs: `Det indstilles, at KKR … tager orienteringen til efterretning.`
    const lead = /^(.*?\bindstill\w*,?\s+at\s+(?:KKR \p{L}+|udvalget|byrådet|kommunalbestyrelsen|\p{Lu}\p{L}+udvalget)?)/isu.exec(moved);
    if (lead && this.rng.chance(0.3)) return `${lead[1]!.trim()} tager orienteringen til efterretning.`;
    return moved;
  }
}

/** The items of one earlier meeting, from the items of the meeting it precedes. */
/** The sections of a standard item that speaks of its own meeting, or undefined for the others (*Siden sidst* is re-tabled). */
function meetingOwnText(item: AgendaItem, committee: string, date: string, previous: string, next: string): Section[] | undefined {
  const title = item.title.toLowerCase();
  if (title.startsWith('godkendelse af dagsorden')) {
    return [{ heading: 'Indstilling', role: 'recommendation', text: `Det indstilles, at ${committee} godkender dagsordenen for mødet den ${formatDanishDate(date)}.` }];
  }
  if (title.startsWith('godkendelse af referat')) {
    return [
      { heading: 'Baggrund', role: 'background', text: `Referat af mødet i ${committee} den ${formatDanishDate(previous)} er udsendt til medlemmerne.` },
      { heading: 'Indstilling', role: 'recommendation', text: `Det indstilles, at ${committee} godkender referatet.` },
    ];
  }
  if (title.startsWith('punkter til næste møde')) {
    return [{ heading: 'Baggrund', role: 'background', text: `Næste møde i ${committee} planlægges afholdt den ${formatDanishDate(next)}.` }];
  }
  if (title.startsWith('eventuelt')) return [];
  return undefined;
}

function retableItems(r: Retabler, rng: Random, source: Meeting, date: string, previous: string, next: string, size: number, shift: number, meetingId: string): AgendaItem[] {
  const standard = source.items.filter((i) => STANDARD_TITLE.test(i.title));
  const topical = source.items.filter((i) => !STANDARD_TITLE.test(i.title));
  const chosen = new Set(rng.sample(topical, Math.min(topical.length, Math.max(1, size - standard.length))));
  const items: AgendaItem[] = [];
  for (const item of source.items) {
    if (!STANDARD_TITLE.test(item.title) && !chosen.has(item)) continue;
    const standardItem = STANDARD_TITLE.test(item.title);
    const dropShare = standardItem ? 0.2 : 0.15 + rng.next() * 0.3;
    let statusAdded = standardItem || !rng.chance(0.5);
    // Approving the agenda and the minutes and announcing the next meeting are about this meeting
    // and its neighbours, not a case carried over: their text is the meeting's own.
    const own = meetingOwnText(item, source.committee, date, previous, next);
    const sections: Section[] = own ?? item.sections.map((s) => {
      if (s.role === 'recommendation') return { ...s, text: r.recommendation(s.text, shift) };
      if (s.role === 'attachments') return { ...s, text: r.earlierText(s.text, shift, 0) };
      if (s.role === 'decision') return { ...s, text: rng.chance(0.5) ? rng.pick(DECISIONS) : r.earlierText(s.text, shift, 0.4) };
      let text = r.earlierText(r.shorter(s.text, dropShare), shift, 0.5);
      if (!statusAdded && (s.role === 'background' || s.role === 'presentation') && text !== '') {
        text = `${r.statusSentence(source.committee, previous)} ${text}`;
        statusAdded = true;
      }
      return { ...s, text };
    });
    const number = item.number;
    items.push({
      ...item,
      id: `${meetingId}-${number || `p${items.length + 1}`}`,
      meetingDate: date,
      position: items.length + 1,
      title: r.title(item.title, shift),
      // A KKR agenda files every item under the meeting's own case; a municipality keeps the case's number.
      caseNumber: /^SAG-\d{4}-\d+$/.test(item.caseNumber) ? `SAG-${date.slice(0, 4)}-${String(rng.int(100, 99_999)).padStart(5, '0')}` : item.caseNumber,
      sections,
      background: sectionText(sections, 'background'),
      recommendation: sectionText(sections, 'recommendation'),
      presentation: sectionText(sections, 'presentation'),
      decision: item.decision === null ? null : sectionText(sections, 'decision') || null,
      attachments: item.attachments.map((a) => r.earlierText(a, shift, 0)),
      source: `retabled/${meetingId}.txt`,
    });
  }
  return items;
}

/**
 * Makes earlier meetings of the source's committees, deterministic for one seed: each copies one
 * source meeting's standard items and some of its topical items, as they stood one to `yearsBack`
 * years earlier.
 * @throws RangeError when neither `items` nor `count` is given, or the source has no items.
 */
export function retableMeetings(options: RetableOptions): Meeting[] {
  const sources = options.source.filter((m) => m.items.length > 0);
  if (sources.length === 0) throw new RangeError('retableMeetings needs source meetings with items');
  if (options.items === undefined && options.count === undefined) throw new RangeError('give count (meetings) or items (total items)');
  const rng = new Random(options.seed);
  const r = new Retabler(rng);
  const yearsBack = options.yearsBack ?? DEFAULT_YEARS_BACK;
  // Older than everything the corpus holds of the committee: a distractor never poses as a
  // meeting the corpus lacks (`mødet i april 2024`) or stands between two real ones.
  const oldest = new Map<string, string>();
  for (const m of options.source) if (!oldest.has(m.committee) || m.meetingDate < oldest.get(m.committee)!) oldest.set(m.committee, m.meetingDate);
  const taken = new Set<string>();
  const out: Meeting[] = [];
  let made = 0;
  for (let attempt = 0; attempt < 1_000_000; attempt++) {
    if (options.count !== undefined ? out.length >= options.count : made >= options.items!) break;
    const source = rng.pick(sources);
    const age = rng.int(MIN_AGE_DAYS, Math.max(MIN_AGE_DAYS, Math.round(yearsBack * 365.25)));
    const date = weekdayOnOrBefore(addDays(oldest.get(source.committee)!, -age));
    const key = `${source.committee}|${date}`;
    if (taken.has(key)) continue;
    taken.add(key);
    const shift = Number(source.meetingDate.slice(0, 4)) - Number(date.slice(0, 4));
    const previous = addDays(date, -rng.int(50, 90));
    const wanted = options.items !== undefined ? Math.min(rng.int(3, 14), options.items - made) : rng.int(3, 14);
    const id = `${source.publisher ? `${committeeSlug(source.publisher)}-` : ''}${committeeSlug(source.committee)}-${date}`;
    const next = addDays(date, source.nextMeeting ? Math.round((Date.parse(source.nextMeeting.date) - Date.parse(source.meetingDate)) / 86_400_000) : rng.int(50, 90));
    let items = retableItems(r, rng, source, date, previous, next, wanted, shift, id);
    if (options.items !== undefined) items = items.slice(0, Math.max(1, options.items - made));
    made += items.length;
    const { nextMeeting: _n, sourceUrl: _u, ...rest } = source;
    out.push({
      ...rest,
      id,
      meetingDate: date,
      source: `retabled/${id}.txt`,
      sources: [`retabled/${id}.txt`],
      items,
      ...(source.nextMeeting ? { nextMeeting: { ...source.nextMeeting, date: next, expectedItems: source.nextMeeting.expectedItems.map((t) => r.earlierText(t, shift, 0)) } } : {}),
    });
  }
  return out.sort((a, b) => a.meetingDate.localeCompare(b.meetingDate) || a.committee.localeCompare(b.committee));
}
