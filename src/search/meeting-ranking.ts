import type { AgendaItem } from '../corpus/types.js';
import { analyzeText } from './analyzer.js';
import type { RankedItem } from './searcher.js';
import { TITLE_PROCEDURAL_TERMS } from './procedural-words.js';
import { MEETINGS } from './ranking-parameters.js';

/**
 * Ranking across years of meetings: recency breaks near-ties, standard items (approval of the
 * agenda, *Siden sidst*, …) yield to topical ones, and near-duplicate items of different meetings
 * (a status item repeated, a topic re-tabled) are grouped under one answer.
 */


const STANDARD_TITLE =
  /^(godkendelse af (dagsorden(en)?|referat(et)?)( og (dagsorden|referat))?|siden sidst|punkter til (næste|kommende) møde|eventuelt|meddelelser|orientering fra formandskabet|evt\.)\s*$/i;

/** Items that stand on every agenda: approval of agenda and minutes, *Siden sidst*, next meeting, *Eventuelt*. */
export function isStandardItem(item: AgendaItem): boolean {
  return STANDARD_TITLE.test(item.title.trim());
}

/** *Siden sidst*: a standard item, but one whose briefings are real answers. */
export function isBriefingItem(item: AgendaItem): boolean {
  return /^siden sidst\s*$/i.test(item.title.trim());
}

/** Recency factor (≥ 1) of a meeting date relative to the newest meeting in the corpus. */
export function recencyFactor(meetingDate: string, newestDate: string): number {
  const ageYears = Math.max(0, (Date.parse(newestDate) - Date.parse(meetingDate)) / (365.25 * 86_400_000));
  return 1 + MEETINGS.recencyWeight * Math.pow(0.5, ageYears / MEETINGS.recencyHalfLifeYears);
}

/** The content terms of an item's title: no numbers or years, no procedural words. */
export function topicTerms(item: AgendaItem): Set<string> {
  return new Set(analyzeText(item.title).filter((t) => !/^\d/.test(t) && !TITLE_PROCEDURAL_TERMS.has(t)));
}


function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return shared / (a.size + b.size - shared);
}


export interface HitGroup {
  /** The member shown as the answer. */
  best: RankedItem;
  /** The group's place in the ranking: its best member's score. */
  score: number;
  /** The other members, newest first. */
  others: RankedItem[];
}

/**
 * Groups ranked items by topic. Unless the question names its meeting, the newest of the members
 * that are tied with the group's best answers; when it does, the best does (the hint already
 * lifted its meeting).
 */
export interface GroupingOptions {
  /** The newest tied member answers (true unless the question names a date or meeting). */
  preferNewest: boolean;
  /** Only these members may answer in place of the best (a committee or a year the question names). */
  eligible?: (ranked: RankedItem) => boolean;
  /** The terms that say what a ranked item is about (default: its title's topic terms). */
  termsOf?: (ranked: RankedItem) => ReadonlySet<string>;
  /** Whether an item is a standard item (default `isStandardItem`; a caller may know it already). */
  isStandard?: (itemIndex: number) => boolean;
}

export function groupNearDuplicates(ranked: readonly RankedItem[], items: readonly AgendaItem[], options: GroupingOptions): HitGroup[] {
  const termsOf = options.termsOf ?? ((r: RankedItem) => topicTerms(items[r.itemIndex]!));
  const isStandard = options.isStandard ?? ((i: number) => isStandardItem(items[i]!));
  const groups: Array<{ terms: ReadonlySet<string>; standard: boolean; members: RankedItem[] }> = [];
  // Groups by the terms of their titles: a title can only be like one it shares a term with, so
  // each item is compared with those, not with every group (hundreds in a large corpus).
  const groupsWith = new Map<string, number[]>();
  for (const r of ranked) {
    const terms = termsOf(r);
    const standard = isStandard(r.itemIndex);
    // The first group (in ranking order) that is the same topic, as a scan of all groups would find.
    let found = -1;
    for (const t of terms) {
      for (const g of groupsWith.get(t) ?? []) {
        if ((found < 0 || g < found) && groups[g]!.standard === standard && jaccard(groups[g]!.terms, terms) >= MEETINGS.sameTopic) found = g;
      }
    }
    if (found >= 0) groups[found]!.members.push(r);
    else {
      for (const t of terms) {
        const list = groupsWith.get(t);
        if (list) list.push(groups.length);
        else groupsWith.set(t, [groups.length]);
      }
      groups.push({ terms, standard, members: [r] });
    }
  }
  const result = groups.map(({ members, standard }) => {
    const top = members[0]!;
    let best = top;
    if (options.preferNewest && members.length > 1) {
      const tie = standard ? MEETINGS.standardNearTie : MEETINGS.nearTie;
      const eligible = options.eligible ?? (() => true);
      if (!eligible(top)) best = members.find((m) => eligible(m)) ?? top;
      for (const m of members) {
        if (m.score >= top.score * (1 - tie) && eligible(m) && items[m.itemIndex]!.meetingDate > items[best.itemIndex]!.meetingDate) best = m;
      }
    }
    const others = members
      .filter((m) => m !== best)
      .sort((a, b) => items[b.itemIndex]!.meetingDate.localeCompare(items[a.itemIndex]!.meetingDate));
    return { best, score: Math.max(best.score, top.score * MEETINGS.groupScoreShare), others };
  });
  return result.sort((a, b) => b.score - a.score);
}
