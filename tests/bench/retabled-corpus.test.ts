import { beforeAll, describe, expect, it } from 'vitest';
import { retableMeetings } from '../../src/bench/retabled-corpus.js';
import { loadCorpus } from '../../src/corpus/load-corpus.js';
import { MeetingSchema, type Meeting } from '../../src/corpus/types.js';
import { topicTerms } from '../../src/search/meeting-ranking.js';
import { splitSentences } from '../../src/answer/sentences.js';

let source: Meeting[];

beforeAll(async () => {
  source = (await loadCorpus('corpus')).meetings;
});

describe('retableMeetings', () => {
  it('gives the same meetings for the same seed and others for another seed', () => {
    const a = retableMeetings({ source, items: 120, seed: 5 });
    expect(JSON.stringify(retableMeetings({ source, items: 120, seed: 5 }))).toBe(JSON.stringify(a));
    expect(JSON.stringify(retableMeetings({ source, items: 120, seed: 6 }))).not.toBe(JSON.stringify(a));
  });

  it('makes exactly the items asked for, in meetings the corpus schema accepts, with ids of their own', () => {
    const meetings = retableMeetings({ source, items: 300, seed: 1 });
    expect(meetings.reduce((n, m) => n + m.items.length, 0)).toBe(300);
    for (const m of meetings) expect(() => MeetingSchema.parse(m)).not.toThrow();
    const ids = meetings.flatMap((m) => m.items.map((i) => i.id));
    const real = new Set(source.flatMap((m) => m.items.map((i) => i.id)));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.some((id) => real.has(id))).toBe(false);
  });

  it('dates every meeting before the oldest real meeting of its committee', () => {
    const oldest = source.map((m) => m.meetingDate).sort()[0]!;
    for (const m of retableMeetings({ source, count: 40, seed: 2 })) expect(m.meetingDate < oldest).toBe(true);
  });

  it('re-tables the real topics: each topical item shares most of its title with a real one', () => {
    const realTopics = source.flatMap((m) => m.items).map((i) => topicTerms(i));
    const items = retableMeetings({ source, items: 200, seed: 3 }).flatMap((m) => m.items);
    for (const item of items) {
      const terms = topicTerms(item);
      if (terms.size === 0) continue;
      const best = Math.max(...realTopics.map((t) => [...terms].filter((x) => t.has(x)).length / terms.size));
      expect(best, item.title).toBeGreaterThanOrEqual(0.6);
    }
  });

  it('writes an earlier, shorter version of whole sentences, each one the real item’s or a status line', () => {
    // Figures and years change between versions; sentences are compared without them.
    const plain = (s: string) => s.replace(/\d+(?:[.,]\d+)*/g, '#');
    const realSentences = new Set(source.flatMap((m) => m.items).flatMap((i) => splitSentences(i.presentation).map((s) => plain(s.text))));
    const realLength = new Map(source.flatMap((m) => m.items).map((i) => [i.title, i.presentation.length]));
    const items = retableMeetings({ source, items: 200, seed: 4 }).flatMap((m) => m.items);
    let shorter = 0;
    let compared = 0;
    let foreign = 0;
    let sentences = 0;
    for (const item of items) {
      const length = realLength.get(item.title);
      if (length !== undefined && length > 2000) {
        compared++;
        if (item.presentation.length < length) shorter++;
      }
      for (const s of splitSentences(item.presentation)) {
        sentences++;
        if (!realSentences.has(plain(s.text))) foreign++;
      }
    }
    expect(compared).toBeGreaterThan(10);
    expect(shorter / compared).toBeGreaterThan(0.8);
    // The only new sentences are the status lines, at most one an item.
    expect(foreign).toBeLessThanOrEqual(items.length);
    expect(sentences).toBeGreaterThan(items.length * 5);
  });
});
