import { describe, expect, it } from 'vitest';
import { generateMeetings } from '../../src/bench/synthetic-corpus.js';
import { loadSeedMaterial, splitSentences } from '../../src/bench/seed-material.js';
import { deriveQuestions } from '../../src/bench/questions.js';
import { AgendaItemSchema, MeetingSchema, type AgendaItem } from '../../src/corpus/types.js';
import { loadCorpus } from '../../src/corpus/load-corpus.js';
import { KKR_COMMITTEES } from '../../src/corpus/committees.js';

const body = (i: AgendaItem) => `${i.background}\n${i.recommendation}\n${i.presentation}`;

describe('generateMeetings', () => {
  it('gives the same meetings for the same seed and different ones for another seed', () => {
    const a = generateMeetings({ count: 4, seed: 42 });
    const b = generateMeetings({ count: 4, seed: 42 });
    const c = generateMeetings({ count: 4, seed: 43 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(c));
  });

  it('makes meetings and items that the corpus schemas accept, with ids like the real ones', () => {
    const meetings = generateMeetings({ count: 12, seed: 1 });
    for (const m of meetings) {
      expect(() => MeetingSchema.parse(m)).not.toThrow();
      expect(m.id).toMatch(/^kkr-(hovedstaden|sjaelland|syddanmark|midtjylland|nordjylland)-\d{4}-\d{2}-\d{2}$/);
      expect(m.items.length).toBeGreaterThanOrEqual(10);
      expect(m.items.length).toBeLessThanOrEqual(20);
      for (const item of m.items) {
        expect(() => AgendaItemSchema.parse(item)).not.toThrow();
        expect(item.id).toBe(`${m.id}-${item.number}`);
        expect(item.committee).toBe(m.committee);
        // One case number per meeting, of the meeting's year, as on the real agendas.
        expect(item.caseNumber).toBe(m.items[0]!.caseNumber);
        expect(item.caseNumber).toMatch(new RegExp(`^SAG-${m.meetingDate.slice(0, 4)}-\\d{5}$`));
        expect(item.caseOfficers.length).toBeGreaterThan(0);
      }
    }
    expect(new Set(meetings.map((m) => m.id)).size).toBe(meetings.length);
  });

  it('puts the standard items around the topical ones', () => {
    for (const m of generateMeetings({ count: 5, seed: 9 })) {
      const titles = m.items.map((i) => i.title);
      expect(titles.slice(0, 3)).toEqual(['Godkendelse af dagsorden', 'Godkendelse af referat', 'Siden sidst']);
      expect(titles.slice(-2)).toEqual(['Punkter til næste møde', 'Eventuelt']);
      expect(m.nextMeeting?.date! > m.meetingDate).toBe(true);
      expect(m.items.find((i) => i.title === 'Punkter til næste møde')!.background).toContain(m.nextMeeting!.expectedItems[0]!);
    }
  });

  it('hits an item target exactly and spreads meetings over the councils and the date range', () => {
    const meetings = generateMeetings({ items: 1234, seed: 5, dateRange: { from: '2016-01-01', to: '2023-12-31' } });
    expect(meetings.reduce((s, m) => s + m.items.length, 0)).toBe(1234);
    expect(new Set(meetings.map((m) => m.committee))).toEqual(new Set(KKR_COMMITTEES));
    for (const m of meetings) {
      expect(m.meetingDate >= '2016-01-01' && m.meetingDate <= '2023-12-31').toBe(true);
    }
    expect(generateMeetings({ count: 3, seed: 5, committees: ['KKR Sjælland'] }).every((m) => m.committee === 'KKR Sjælland')).toBe(true);
  });

  it('recombines and varies the seed text instead of copying items', async () => {
    const { meetings: seeds } = await loadCorpus('corpus');
    const seedItems = seeds.flatMap((m) => m.items);
    const seedBodies = new Set(seedItems.map((i) => i.presentation).filter((p) => p !== ''));
    const seedParagraphs = new Set(seedItems.flatMap((i) => i.presentation.split('\n\n')));
    const items = generateMeetings({ count: 20, seed: 3 }).flatMap((m) => m.items).filter((i) => i.presentation !== '');
    expect(items.length).toBeGreaterThan(100);
    // No item is a seed item, and no two synthetic items are the same.
    for (const i of items) expect(seedBodies.has(i.presentation)).toBe(false);
    expect(new Set(items.map(body)).size).toBe(items.length);
    // Paragraphs are new combinations: only a small share equal a seed paragraph.
    const paragraphs = items.flatMap((i) => i.presentation.split('\n\n'));
    const copied = paragraphs.filter((p) => seedParagraphs.has(p)).length;
    expect(copied / paragraphs.length).toBeLessThan(0.1);
    // The text still reads as the seeds do: most sentences share their opening words with a seed sentence.
    const openings = new Set(seedItems.flatMap((i) => splitSentences(i.presentation.replace(/\n/g, ' '))).map((s) => s.split(' ').slice(0, 3).join(' ')));
    const sentences = items.flatMap((i) => splitSentences(i.presentation.replace(/\n/g, ' ')));
    expect(sentences.filter((s) => openings.has(s.split(' ').slice(0, 3).join(' '))).length / sentences.length).toBeGreaterThan(0.5);
  });

  it('writes for the meeting it generates: council, region and years follow the meeting', () => {
    const meetings = generateMeetings({ count: 30, seed: 8, committees: ['KKR Nordjylland'], dateRange: { from: '2012-01-01', to: '2013-12-31' } });
    const text = meetings.flatMap((m) => m.items).map((i) => `${i.title}\n${body(i)}`).join('\n');
    expect(text).toContain('KKR Nordjylland');
    expect(text).not.toMatch(/KKR Hovedstaden/);
    expect(text).not.toMatch(/Københavns Kommune|Gentofte Kommune/);
    const years = [...text.matchAll(/\b(20\d\d)\b/g)].map((m) => Number(m[1]));
    expect(years.filter((y) => y >= 2022).length / years.length).toBeLessThan(0.05);
  });

  it('uses seed material loaded through the corpus loader as well as the default', async () => {
    const material = await loadSeedMaterial('corpus');
    expect(JSON.stringify(generateMeetings({ count: 2, seed: 4, material }))).toBe(JSON.stringify(generateMeetings({ count: 2, seed: 4 })));
  });

  it('refuses options it cannot honour, with a message naming them', () => {
    expect(() => generateMeetings({ seed: 1 })).toThrow(/count .* or items/);
    expect(() => generateMeetings({ count: 5000, seed: 1, dateRange: { from: '2020-01-01', to: '2020-01-31' } })).toThrow(/widen dateRange/);
    expect(() => generateMeetings({ count: 1, seed: 1, dateRange: { from: '2020-02-01', to: '2020-01-01' } })).toThrow(/dateRange/);
  });
});

describe('deriveQuestions', () => {
  it('mixes every kind of question, deterministically, pointing at existing items', () => {
    const meetings = generateMeetings({ count: 10, seed: 2 });
    const ids = new Set(meetings.flatMap((m) => m.items.map((i) => i.id)));
    const qs = deriveQuestions(meetings, 7, 100);
    expect(deriveQuestions(meetings, 7, 100)).toEqual(qs);
    expect(new Set(qs.map((q) => q.kind))).toEqual(new Set(['danish', 'english', 'case', 'item', 'typo']));
    for (const q of qs) {
      expect(q.q.trim()).not.toBe('');
      if (q.itemId !== undefined) expect(ids.has(q.itemId)).toBe(true);
    }
    expect(qs.filter((q) => q.kind === 'case').every((q) => /SAG-\d{4}-\d{5}|sag \d{4}-\d+/.test(q.q))).toBe(true);
    expect(qs.filter((q) => q.kind === 'item').every((q) => /^punkt \d+\.\d+ fra /.test(q.q))).toBe(true);
  });
});
