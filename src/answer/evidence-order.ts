import type { AgendaItem } from '../corpus/types.js';
import type { Lexicon } from '../search/analyzer.js';
import type { QueryWord } from '../search/query.js';
import type { HitGroup } from '../search/meeting-ranking.js';
import { answerEvidence } from './snippet.js';
import { EVIDENCE } from '../search/ranking-parameters.js';

/**
 * The last step of ranking: the best topics are re-ordered by evidence, how much of the question
 * their best sentence (or two) holds, since an item that states the answer beats one that only
 * shares its words across unrelated paragraphs. Between answers with the same evidence that score
 * about the same, the newer meeting comes first, as with near-duplicates of one topic; a clearly
 * better older answer keeps its place.
 */

/** Re-orders the head of `groups` in place; their scores become the evidence-weighted ones. */
export function reorderByEvidence(groups: HitGroup[], itemOf: (g: HitGroup) => AgendaItem, words: readonly QueryWord[], lexicon: Lexicon): void {
  const head = groups.slice(0, EVIDENCE.head).map((g) => {
    const item = itemOf(g);
    const evidence = answerEvidence({ item, words, lexicon });
    return { g, evidence, date: item.meetingDate, key: g.score * (1 - EVIDENCE.weight + EVIDENCE.weight * evidence) };
  });
  head.sort((a, b) => b.key - a.key);
  for (let swapped = true; swapped; ) {
    swapped = false;
    for (let i = 0; i + 1 < head.length; i++) {
      const [a, b] = [head[i]!, head[i + 1]!];
      if (b.date > a.date && b.evidence >= a.evidence - EVIDENCE.tie && b.key >= a.key * (1 - EVIDENCE.nearTieAcrossTopics)) {
        head[i] = b;
        head[i + 1] = a;
        swapped = true;
      }
    }
  }
  groups.splice(0, head.length, ...head.map((h) => ({ ...h.g, score: h.key })));
}
