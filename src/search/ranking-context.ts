import type { AgendaItem } from '../corpus/types.js';
import { analyzeText } from './analyzer.js';
import { isBriefingItem, isStandardItem, recencyFactor, topicTerms } from './meeting-ranking.js';
import type { SearchIndex } from './search-index.js';
import { MEETINGS } from './ranking-parameters.js';
import { isSubheadingParagraph } from './passages.js';

/**
 * What ranking reads per item besides the index, made once per index (a question in a large
 * corpus boosts tens of thousands of items and cannot afford to look at each item object):
 * which standard item an item is, its recency factor, its meeting, and its title's topic terms.
 */
export interface RankingContext {
  readonly index: SearchIndex;
  /** The distinct titles of standard items, as term sets. */
  readonly standardTitles: ReadonlyArray<ReadonlySet<string>>;
  /** Per item: index into `standardTitles`, or -1 for a topical item. */
  readonly standardKind: Int32Array;
  /** Per item: 1 for a standard item (`isStandardItem`), 2 for a *Siden sidst* (`isBriefingItem`), else 0. */
  readonly standardItem: Uint8Array;
  /** Per item: its recency factor (≥ 1) relative to the newest meeting, for the current parameters. */
  readonly recency: Float64Array;
  /** Per item: its meeting's key (`meetingKey`). */
  readonly meetingKeys: readonly string[];
  /** The content terms of an item's title, made on first use and kept. */
  topicTermsOf(itemIndex: number): ReadonlySet<string>;
  /**
   * What a ranked item is about, for grouping near-duplicates: its title's topic terms, and for a
   * *Siden sidst* item also the heading of the briefing that matched (`Movia`), since every
   * agenda has a *Siden sidst* but its briefings differ.
   */
  groupingTermsOf(itemIndex: number, passage: number): ReadonlySet<string>;
}

/** One meeting: a committee on a date (items and meetings both have the two). */
export function meetingKey(x: { committee: string; meetingDate: string }): string {
  return `${x.committee}|${x.meetingDate}`;
}

const contexts = new WeakMap<SearchIndex, RankingContext>();

/** The ranking context of an index, made on first use (~0.1 s at 100,000 items) and kept with it. */
export function rankingContext(index: SearchIndex): RankingContext {
  let context = contexts.get(index);
  if (!context) {
    context = makeContext(index);
    contexts.set(index, context);
  }
  return context;
}

function makeContext(index: SearchIndex): RankingContext {
  const items: readonly AgendaItem[] = index.items;
  const standardTitles: Array<Set<string>> = [];
  const titleIndex = new Map<string, number>();
  const standardKind = new Int32Array(items.length).fill(-1);
  const standardItem = new Uint8Array(items.length);
  // A part of a corpus is as recent as the whole corpus says, not as its own newest item.
  let newest = index.corpus?.newestMeetingDate ?? '';
  items.forEach((item, i) => {
    if (isStandardItem(item)) standardItem[i] = isBriefingItem(item) ? 2 : 1;
    // *Siden sidst* holds real briefings (Movia, SOSU H, …), so only the empty standard items yield.
    if (standardItem[i] === 1) {
      const key = item.title.trim().toLowerCase();
      let k = titleIndex.get(key);
      if (k === undefined) {
        k = standardTitles.push(new Set(analyzeText(item.title))) - 1;
        titleIndex.set(key, k);
      }
      standardKind[i] = k;
    }
    if (item.meetingDate > newest) newest = item.meetingDate;
  });
  // Made again when the recency parameters change (a tuning run varies them on one index).
  let recency = new Float64Array(0);
  let madeFor = '';
  const recencyNow = () => {
    const parameters = `${MEETINGS.recencyWeight}|${MEETINGS.recencyHalfLifeYears}`;
    if (parameters !== madeFor) {
      const byDate = new Map<string, number>();
      recency = Float64Array.from(items, (item) => {
        let factor = byDate.get(item.meetingDate);
        if (factor === undefined) byDate.set(item.meetingDate, (factor = recencyFactor(item.meetingDate, newest)));
        return factor;
      });
      madeFor = parameters;
    }
    return recency;
  };
  recencyNow();
  const meetingKeys = items.map((item) => meetingKey(item));
  const topics = new Map<number, Set<string>>();
  const briefings = new Map<string, Set<string>>();
  return {
    index,
    standardTitles,
    standardKind,
    standardItem,
    get recency() {
      return recencyNow();
    },
    meetingKeys,
    topicTermsOf(i) {
      let terms = topics.get(i);
      if (terms === undefined) {
        terms = topicTerms(items[i]!);
        topics.set(i, terms);
      }
      return terms;
    },
    groupingTermsOf(i, passage) {
      const title = this.topicTermsOf(i);
      if (passage < 0 || standardItem[i] !== 2) return title;
      const key = `${i}|${passage}`;
      let terms = briefings.get(key);
      if (terms === undefined) {
        const first = index.passageText(i, passage).split('\n\n', 1)[0] ?? '';
        terms = new Set(title);
        // A briefing's heading names what it is about; the item's introduction has none.
        if (isSubheadingParagraph(first)) {
          for (const t of analyzeText(first)) if (!/^\d/.test(t)) terms.add(t);
        }
        briefings.set(key, terms);
      }
      return terms;
    },
  };
}
