import { beforeAll, describe, expect, it } from 'vitest';
import { generateMeetings } from '../../src/bench/synthetic-corpus.js';
import { deriveQuestions } from '../../src/bench/questions.js';
import { loadCorpus } from '../../src/corpus/load-corpus.js';
import { SearchIndex } from '../../src/search/search-index.js';
import { Synonyms } from '../../src/search/synonyms.js';
import { analyzeQuery } from '../../src/search/query.js';
import { searchItems, type RankedItem } from '../../src/search/searcher.js';

/**
 * `searchItems` reuses typed arrays across questions and selects the head of the ranking without
 * sorting everything; these check that neither changes what it returns.
 */
describe('searchItems', () => {
  let seed: SearchIndex;
  let synthetic: SearchIndex;
  let synonyms: Synonyms;
  let questions: string[];
  beforeAll(async () => {
    seed = SearchIndex.build((await loadCorpus('corpus')).meetings);
    const meetings = generateMeetings({ items: 3000, seed: 11 });
    synthetic = SearchIndex.build(meetings);
    synonyms = await Synonyms.load('corpus');
    questions = deriveQuestions(meetings, 12, 120)
      .filter((q) => q.kind !== 'case' && q.kind !== 'item')
      .map((q) => q.q);
  }, 120_000);

  const ask = (index: SearchIndex, q: string, options: Parameters<typeof searchItems>[2] = {}) => searchItems(index, analyzeQuery(q, index, synonyms), options);

  it('returns with a limit exactly the head of the whole ranking', () => {
    let compared = 0;
    for (const q of questions) {
      const all = ask(synthetic, q);
      for (const limit of [1, 7, 300]) expect(ask(synthetic, q, { limit }), `${q} (limit ${limit})`).toEqual(all.slice(0, limit));
      if (all.length > 300) compared++;
    }
    // The limit must actually cut: most questions match more items than it keeps.
    expect(compared).toBeGreaterThan(questions.length / 2);
  });

  it('ranks by score, then by item order, with each item once', () => {
    for (const q of questions.slice(0, 40)) {
      const all = ask(synthetic, q);
      expect(new Set(all.map((r) => r.itemIndex)).size).toBe(all.length);
      for (let k = 1; k < all.length; k++) {
        const [a, b] = [all[k - 1]!, all[k]!];
        expect(a.score > b.score || (a.score === b.score && a.itemIndex < b.itemIndex), `${q}: places ${k - 1} and ${k}`).toBe(true);
      }
    }
  });

  it('keeps nothing of an earlier question', () => {
    const first = ask(seed, 'fysioterapi praksisplan');
    ask(seed, 'flygtninge boligplacering kvote');
    ask(synthetic, questions[0]!);
    expect(ask(seed, 'fysioterapi praksisplan')).toEqual(first);
    expect(first.length).toBeGreaterThan(0);
  });

  it('filters and boosts items without changing the others', () => {
    const q = questions[3]!;
    const all = ask(synthetic, q);
    const even = (i: number) => i % 2 === 0;
    expect(ask(synthetic, q, { filter: even })).toEqual(all.filter((r) => even(r.itemIndex)));
    const boosted = ask(synthetic, q, {
      boost: (items, count, factors) => {
        for (let k = 0; k < count; k++) factors[k] = even(items[k]!) ? 2 : 1;
      },
    });
    // A limited search boosts before it chooses the head: the same head as the whole boosted ranking.
    const lowestItemTripled: Parameters<typeof ask>[2] = { boost: (_items, count, factors) => void factors.fill(1, 0, count).fill(3, 0, Math.min(count, 1)) };
    expect(ask(synthetic, q, { ...lowestItemTripled, limit: 20 })).toEqual(ask(synthetic, q, lowestItemTripled).slice(0, 20));
    expect(boosted.length).toBe(all.length);
    const byItem = new Map(all.map((r) => [r.itemIndex, r]));
    for (const r of boosted) {
      const plain = byItem.get(r.itemIndex)!;
      expect(r.score).toBeCloseTo(plain.score * (even(r.itemIndex) ? 2 : 1), 9);
      expect({ ...r, score: 0 }).toEqual({ ...plain, score: 0 } satisfies RankedItem);
    }
  });

  it('points at the passage that matched best and counts the question words an item holds', () => {
    const [best] = ask(seed, 'fysioterapi');
    expect(best).toBeDefined();
    const item = seed.items[best!.itemIndex]!;
    expect(best!.bestPassage).toBeGreaterThanOrEqual(0);
    expect(seed.passageText(best!.itemIndex, best!.bestPassage).toLowerCase()).toContain('fysioterapi');
    expect(item.title.toLowerCase()).toContain('fysioterapi');
    expect(best!.coverage).toBe(1);
    const [partly] = ask(seed, 'fysioterapi zzzzukendtord');
    expect(partly!.itemIndex).toBe(best!.itemIndex);
    expect(partly!.coverage).toBeGreaterThan(0);
    expect(partly!.coverage).toBeLessThan(1);
  });
});
