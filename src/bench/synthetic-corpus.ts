import type { AgendaItem, Meeting, NextMeeting } from '../corpus/types.js';
import { KKR_COMMITTEES, committeeSlug } from '../corpus/committees.js';
import { formatDanishDate } from '../corpus/danish-dates.js';
import { standardSections } from '../corpus/sections.js';
import { Random } from './prng.js';
import { readSeedMaterialSync, type SeedItem, type SeedMaterial } from './seed-material.js';
import { varyText, type VariationContext } from './text-variation.js';


/** Fields an item gets from its meeting and its place, not from the material drawn for it. */
type SetPerMeeting = 'id' | 'committee' | 'meetingDate' | 'kind' | 'number' | 'position' | 'caseNumber' | 'caseOfficers' | 'decision' | 'sections' | 'source';
/**
 * Synthetic KKR agendas for benchmarks and for evaluation with distractors: meetings shaped like
 * the seeds (standard items, *Siden sidst*, 4–14 topical items, next meeting, *Eventuelt*), whose
 * text is recombined from the seeds' sentences and varied (council, municipalities, years,
 * numbers, compound words), the same for one seed on every machine.
 *
 * @example
 * const distractors = generateMeetings({ count: 50, seed: 7, dateRange: { from: '2015-01-01', to: '2023-12-31' } });
 * const bench = generateMeetings({ items: 10_000, seed: 1 });
 */
export interface GenerateOptions {
  /** Number of meetings. Give this or `items`. */
  count?: number;
  /** Total number of items to generate (meetings get 6–20 items each, the last ones adjusted). */
  items?: number;
  seed: number;
  /** Councils to hold the meetings; default the five KKRs. */
  committees?: readonly string[];
  /** Meeting dates, inclusive; default 2010-01-01 to 2023-12-31 (before the seed agendas). */
  dateRange?: { from: string; to: string };
  /** Harvested seed text; default read from the `corpus` folder (see `loadSeedMaterial`). */
  material?: SeedMaterial;
}

export const DEFAULT_DATE_RANGE = { from: '2010-01-01', to: '2023-12-31' } as const;

/**
 * Meeting dates for a corpus of `items`: the default range while the five councils' weekdays in it
 * hold the meetings (about 240,000 items) at most half full, else one reaching as many years further
 * back as a million items need (the benchmark's largest size).
 */
export function dateRangeFor(items: number): { from: string; to: string } {
  // ~13 items a meeting, five councils, ~261 weekdays a year; half full keeps slot picking quick.
  const years = Math.ceil((items / 13 / 5 / 261) * 2);
  return years <= 14 ? DEFAULT_DATE_RANGE : { from: `${2023 - years + 1}-01-01`, to: DEFAULT_DATE_RANGE.to };
}

const TITLE_PREFIXES = [
  'Status på', 'Opfølgning på', 'Drøftelse af', 'Orientering om', 'Godkendelse af', 'Beslutning om',
  'Afrapportering på', 'Temadrøftelse om', 'Forslag til', 'Høring om', 'Evaluering af', 'Proces for',
];
const KNOWN_PREFIX = /^(status på|status for|status fra|opfølgning på|drøftelse om|drøftelse af|orientering om|godkendelse af|beslutning om|afrapportering (?:på|fra)|forslag til|aftale om|politisk aftale om|samarbejdet i|endelig opgørelse af)\s+/i;
const APPOINTMENT_BODIES = ['bestyrelsen for', 'repræsentantskabet for', 'styregruppen for', 'rådet for', 'følgegruppen for'];
const STANDARD_SIZE = 5;
const MIN_MEETING_ITEMS = 6;
const MAX_MEETING_ITEMS = 20;

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return isoDay(d);
}

/** Meeting sizes (items) summing to `total`, each 6–20 where the total allows it. */
function planSizes(rng: Random, total: number): number[] {
  if (total <= 0) return [];
  if (total <= MAX_MEETING_ITEMS) return [total];
  const sizes: number[] = [];
  let sum = 0;
  while (sum < total) {
    const s = rng.int(10, MAX_MEETING_ITEMS);
    sizes.push(s);
    sum += s;
  }
  // Too many now: shrink the last meeting, or fold it into the others.
  let excess = sum - total;
  const last = sizes[sizes.length - 1]!;
  if (last - excess >= MIN_MEETING_ITEMS) sizes[sizes.length - 1] = last - excess;
  else {
    sizes.pop();
    let missing = total - (sum - last);
    for (let i = 0; missing > 0; i = (i + 1) % sizes.length) {
      if (sizes[i]! < MAX_MEETING_ITEMS + 5) {
        sizes[i]!++;
        missing--;
      }
    }
    excess = 0;
  }
  return sizes;
}

interface Slot {
  date: string;
  committee: string;
}

/** `n` distinct (date, council) pairs on weekdays within the range, in date order. */
function pickSlots(rng: Random, n: number, committees: readonly string[], range: { from: string; to: string }): Slot[] {
  const days: string[] = [];
  for (let d = range.from; d <= range.to; d = addDays(d, 1)) {
    const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (wd !== 0 && wd !== 6) days.push(d);
  }
  const capacity = days.length * committees.length;
  if (n > capacity) {
    throw new RangeError(`dateRange ${range.from}–${range.to} has room for ${capacity} meetings of ${committees.length} councils, not ${n}; widen dateRange`);
  }
  const chosen = new Set<number>();
  if (n * 2 > capacity) {
    for (const i of rng.shuffle([...Array(capacity).keys()]).slice(0, n)) chosen.add(i);
  } else {
    while (chosen.size < n) chosen.add(rng.int(0, capacity - 1));
  }
  return [...chosen]
    .sort((a, b) => a - b)
    .map((i) => ({ date: days[Math.floor(i / committees.length)]!, committee: committees[i % committees.length]! }));
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Sentences drawn mostly from the item's own seed, the rest from any item, in a new order. */
function drawSentences(rng: Random, own: readonly string[], pool: ReadonlyArray<{ text: string; year: number }>, n: number, ownShare: number, ctx: VariationContext, seedYear: number): string[] {
  const out: string[] = [];
  const ownPick = rng.sample(own, Math.min(own.length, Math.round(n * ownShare)));
  for (const s of ownPick) out.push(varyText(s, { ...ctx, seedYear }));
  while (out.length < n) {
    const s = rng.pick(pool);
    out.push(varyText(s.text, { ...ctx, seedYear: s.year }));
  }
  return rng.shuffle(out);
}

function paragraphs(rng: Random, sentences: string[], min: number, max: number): string {
  const out: string[] = [];
  for (let i = 0; i < sentences.length; ) {
    const n = rng.int(min, max);
    out.push(sentences.slice(i, i + n).join(' '));
    i += n;
  }
  return out.join('\n\n');
}

class MeetingWriter {
  private readonly rng: Random;

  constructor(
    private readonly material: SeedMaterial,
    seed: number,
  ) {
    this.rng = new Random(seed);
  }

  private title(seed: SeedItem | { title: string; year: number }, ctx: VariationContext): string {
    const rng = this.rng;
    let title = seed.title;
    if (rng.chance(0.6)) {
      const topic = title.replace(KNOWN_PREFIX, '');
      // Abbreviations and names with inner capitals (`KKR`, `SOSU H`, `ØA25`) keep their case.
      const firstWord = topic.split(' ')[0] ?? '';
      const lowered = /[\p{Lu}].*[\p{Lu}\d]/u.test(firstWord) ? topic : topic.charAt(0).toLowerCase() + topic.slice(1);
      title = `${rng.pick(TITLE_PREFIXES)} ${lowered}`;
    }
    return capitalise(varyText(title, { ...ctx, seedYear: seed.year }, 0.3, 0.15));
  }

  private recommendation(committee: string, clauses: readonly string[], ctx: VariationContext, seedYear: number): string {
    const rng = this.rng;
    const own = clauses.length > 0 && rng.chance(0.8) ? { text: rng.pick(clauses), year: seedYear } : rng.pick(this.material.clauses);
    const first = varyText(own.text, { ...ctx, seedYear: own.year }, 0.4, 0.05);
    if (!rng.chance(0.2)) return `Det indstilles, at ${committee} ${first}`;
    const second = rng.pick(this.material.clauses);
    return `Det indstilles, at ${committee}:\n\n1. ${first}\n\n2. ${varyText(second.text, { ...ctx, seedYear: second.year }, 0.4, 0.05)}`;
  }

  private topicalItem(ctx: VariationContext, committee: string): Omit<AgendaItem, SetPerMeeting | 'heading'> {
    const rng = this.rng;
    const m = this.material;
    const seed = rng.pick(m.topical);
    const titleSeed = rng.chance(0.75) ? seed : rng.pick(m.titles);
    const background = paragraphs(rng, drawSentences(rng, seed.background, m.backgroundSentences, rng.int(1, 6), 0.7, ctx, seed.year), 1, 3);
    const presentation = paragraphs(rng, drawSentences(rng, seed.presentation, m.presentationSentences, rng.int(6, 34), 0.6, ctx, seed.year), 2, 5);
    const attachments = rng.sample([...seed.attachments, ...rng.sample(m.attachments, 2)], rng.int(0, 3)).map((a) => varyText(a, { ...ctx, seedYear: seed.year }, 0.3, 0.1));
    const links = rng.chance(0.4) ? rng.sample(seed.links.length > 0 ? seed.links : m.links, 1) : [];
    return { title: this.title(titleSeed, ctx), background, recommendation: this.recommendation(committee, seed.clauses, ctx, seed.year), presentation, attachments, links };
  }

  private appointmentItem(ctx: VariationContext, committee: string): ReturnType<MeetingWriter['topicalItem']> {
    const rng = this.rng;
    const m = this.material;
    const seed = m.appointments.length > 0 ? rng.pick(m.appointments) : rng.pick(m.topical);
    const body = varyText(rng.pick(m.briefings).heading, { ...ctx, seedYear: seed.year }, 0.3, 0);
    const background = paragraphs(rng, drawSentences(rng, seed.background, m.backgroundSentences, rng.int(1, 3), 0.8, ctx, seed.year), 1, 2);
    const presentation = paragraphs(rng, drawSentences(rng, seed.presentation, m.presentationSentences, rng.int(1, 4), 0.8, ctx, seed.year), 1, 2);
    return {
      title: `Udpegning til ${rng.pick(APPOINTMENT_BODIES)} ${body}`,
      background,
      recommendation: this.recommendation(committee, seed.clauses, ctx, seed.year),
      presentation,
      attachments: [],
      links: [],
    };
  }

  private sidenSidst(ctx: VariationContext, committee: string): string {
    const rng = this.rng;
    const briefings = rng.sample(this.material.briefings, rng.int(3, 7));
    const parts = [`Under dette punkt orienteres fra de forskellige fora, hvor medlemmer af ${committee} deltager, herunder:`];
    for (const b of briefings) {
      parts.push(varyText(b.heading, { ...ctx, seedYear: b.year }, 0, 0));
      const sentences = rng.sample(b.sentences, rng.int(1, Math.min(5, b.sentences.length))).map((s) => varyText(s, { ...ctx, seedYear: b.year }));
      parts.push(paragraphs(rng, sentences, 2, 4));
    }
    return parts.join('\n\n');
  }

  meeting(slot: Slot, size: number, previous: string | undefined, next: string | undefined): Meeting {
    const rng = this.rng;
    const { committee, date } = slot;
    const year = Number(date.slice(0, 4));
    const ctx: VariationContext = { committee, year, seedYear: year, rng };
    const slug = committeeSlug(committee);
    const id = `${slug}-${date}`;
    const caseNumber = `SAG-${year}-${String(rng.int(100, 99_999)).padStart(5, '0')}`;
    const officers = rng.sample(this.material.caseOfficers.length > 0 ? this.material.caseOfficers : ['ascm'], rng.int(2, 4));
    const materialUrl = `https://www.kl.dk/politik/kkr/${slug}/moedemateriale`;
    const prevDate = previous ?? addDays(date, -rng.int(50, 90));
    const nextDate = next ?? addDays(date, rng.int(50, 90));
    const topicalCount = Math.max(0, size - STANDARD_SIZE);
    const appointments = topicalCount >= 6 && rng.chance(0.35) ? rng.int(1, 2) : 0;
    const topicalHeading = this.material.headings.length > 0 ? rng.pick(this.material.headings.filter((h) => !/^temadrøftelse$/i.test(h)).concat('Regionalpolitiske sager')) : 'Regionalpolitiske sager';

    type Draft = Omit<AgendaItem, SetPerMeeting>;
    const groups: Array<{ heading: string; items: Draft[] }> = [];
    groups.push({
      heading: rng.chance(0.5) ? 'Godkendelse af dagsorden og referat' : 'Godkendelse af referat og dagsorden',
      items: [
        { heading: '', title: 'Godkendelse af dagsorden', background: '', recommendation: `Det indstilles, at ${committee} godkender dagsordenen for møde den ${formatDanishDate(date)}.`, presentation: '', attachments: [], links: [] },
        {
          heading: '',
          title: 'Godkendelse af referat',
          background: `Referat af møde i ${committee} den ${formatDanishDate(prevDate)} er udsendt til medlemmerne via Prepare og gjort tilgængelig på ${committee}s side på KL’s hjemmeside.`,
          recommendation: `Det indstilles, at ${committee} godkender referatet.`,
          presentation: '',
          attachments: [],
          links: [materialUrl],
        },
      ],
    });
    groups.push({
      heading: 'Siden sidst',
      items: [{ heading: '', title: 'Siden sidst', background: this.sidenSidst(ctx, committee), recommendation: `Det indstilles, at ${committee} tager orienteringen til efterretning.`, presentation: '', attachments: [], links: [] }],
    });
    const topical: Draft[] = [];
    for (let i = 0; i < topicalCount - appointments; i++) topical.push({ heading: '', ...this.topicalItem(ctx, committee) });
    if (topical.length > 0) {
      if (topical.length >= 5 && rng.chance(0.3)) groups.push({ heading: 'Temadrøftelse', items: topical.splice(0, 1) });
      groups.push({ heading: topicalHeading, items: topical });
    }
    if (appointments > 0) groups.push({ heading: 'Udpegninger', items: Array.from({ length: appointments }, () => ({ heading: '', ...this.appointmentItem(ctx, committee) })) });
    const expected = rng.sample(this.material.titles, rng.int(2, 5)).map((t) => this.title(t, { ...ctx, year: Number(nextDate.slice(0, 4)) }));
    const nextMeeting: NextMeeting = { date: nextDate, time: '10.00-12.00', expectedItems: expected };
    groups.push({
      heading: 'Punkter til næste møde',
      items: [
        {
          heading: '',
          title: 'Punkter til næste møde',
          background: `Næste møde i ${committee} planlægges afholdt den ${formatDanishDate(nextDate)} fra kl. 10.00 til kl. 12.00. Der vil være mulighed for politiske formøder fra kl. 09.00 til kl. 10.00.\n\nDer forventes foreløbigt følgende punkter på dagsordenen:\n${expected.map((t) => `– ${t}`).join('\n')}`,
          recommendation: '',
          presentation: '',
          attachments: [],
          links: [],
        },
      ],
    });
    groups.push({ heading: 'Eventuelt', items: [{ heading: '', title: 'Eventuelt', background: '', recommendation: '', presentation: '', attachments: [], links: [] }] });

    const items: AgendaItem[] = [];
    let page = 2;
    groups.forEach((group, g) => {
      group.items.forEach((draft, j) => {
        const number = `${g + 1}.${j + 1}`;
        const multi = rng.chance(0.08);
        const caseOfficers = multi ? rng.sample(this.material.caseOfficers, 3) : [rng.pick(officers)];
        items.push({
          ...draft,
          id: `${id}-${number}`,
          committee,
          meetingDate: date,
          kind: 'agenda',
          number,
          position: items.length + 1,
          heading: group.heading,
          caseNumber,
          caseOfficers,
          decision: null,
          sections: standardSections(draft),
          source: `synthetic/${id}.txt`,
          page,
          link: materialUrl,
        });
        page += 1 + Math.floor((draft.background.length + draft.presentation.length) / 3500);
      });
    });
    // A meeting smaller than the standard items keeps the first ones (tiny benchmarks).
    const kept = size < STANDARD_SIZE ? items.slice(0, size) : items;
    return { id, committee, meetingDate: date, kind: 'agenda', source: `synthetic/${id}.txt`, sources: [`synthetic/${id}.txt`], materialUrl, items: kept, nextMeeting };
  }
}

/**
 * Generates synthetic meetings, deterministic for one `seed` (and seed material).
 * @throws RangeError when neither `count` nor `items` is given, or the date range is too small.
 */
export function generateMeetings(options: GenerateOptions): Meeting[] {
  return [...streamMeetings(options)];
}

/**
 * The meetings `generateMeetings` makes, one at a time: a million items do not fit in memory at
 * once, and writing them to a database needs only a batch at a time.
 */
export function* streamMeetings(options: GenerateOptions): Generator<Meeting> {
  const { seed } = options;
  const committees = options.committees ?? KKR_COMMITTEES;
  const range = options.dateRange ?? DEFAULT_DATE_RANGE;
  if (committees.length === 0) throw new RangeError('committees must name at least one council');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(range.from) || !/^\d{4}-\d{2}-\d{2}$/.test(range.to) || range.from > range.to) {
    throw new RangeError(`dateRange must be two dates YYYY-MM-DD, from ≤ to (got ${range.from}–${range.to})`);
  }
  const material = options.material ?? readSeedMaterialSync('corpus');
  const rng = new Random(seed);
  let sizes: number[];
  if (options.items !== undefined) sizes = planSizes(rng, Math.trunc(options.items));
  else if (options.count !== undefined) sizes = Array.from({ length: Math.max(0, Math.trunc(options.count)) }, () => rng.int(10, MAX_MEETING_ITEMS));
  else throw new RangeError('give count (meetings) or items (total items)');
  const slots = pickSlots(rng, sizes.length, committees, range);
  // Previous and next meeting of the same council, so "godkender referatet fra …" and
  // "Næste møde …" name dates that exist in the corpus.
  const byCommittee = new Map<string, number[]>();
  slots.forEach((s, i) => byCommittee.set(s.committee, [...(byCommittee.get(s.committee) ?? []), i]));
  const prev = new Map<number, string>();
  const next = new Map<number, string>();
  for (const indices of byCommittee.values()) {
    indices.forEach((idx, k) => {
      if (k > 0) prev.set(idx, slots[indices[k - 1]!]!.date);
      if (k + 1 < indices.length) next.set(idx, slots[indices[k + 1]!]!.date);
    });
  }
  const writer = new MeetingWriter(material, (seed * 7919 + 17) | 0);
  for (let i = 0; i < slots.length; i++) yield writer.meeting(slots[i]!, sizes[i]!, prev.get(i), next.get(i));
}
