import { beforeAll, describe, expect, it } from 'vitest';
import { statSync } from 'node:fs';
import path from 'node:path';
import { openEngine, MAX_QUESTION_LENGTH } from '../../src/answer/engine.js';
import type { AnswerEngine } from '../../src/answer/types.js';
import { INDEX_FILE } from '../../src/search/index-store.js';
import { tempDir } from '../helpers/temp-dir.js';

let engine: AnswerEngine;
let dataDir: string;
const key = (h: { item: { meetingDate: string; number: string } }) => `${h.item.meetingDate}#${h.item.number}`;

beforeAll(async () => {
  dataDir = tempDir('moedebot-engine-');
  engine = await openEngine({ corpusDir: 'corpus', dataDir });
});

describe('the persisted index', () => {
  it('is built on first open and loaded, not rebuilt, on the next', async () => {
    const file = path.join(dataDir, INDEX_FILE);
    const built = statSync(file).mtimeMs;
    const again = await openEngine({ corpusDir: 'corpus', dataDir });
    expect(again.report.rebuilt).toBe(false);
    expect(statSync(file).mtimeMs).toBe(built);
    expect((await again.ask('fysioterapi')).results[0]?.item.id).toBe('kkr-hovedstaden-2025-04-11-3.6');
  });
});

describe('free-text answers', () => {
  it('puts the item that answers first, with recommendation, snippet and link', async () => {
    const a = (await engine.ask('hvad indstilles der om fysioterapi?'));
    expect(a.status).toBe('found');
    expect(a.mode).toBe('search');
    const best = a.results[0]!;
    expect(key(best)).toBe('2025-04-11#3.6');
    expect(best.item.recommendation).toBe('Det indstilles, at KKR Hovedstaden godkender revisionen af Praksisplan for fysioterapi.');
    expect(best.link).toBe('https://www.kl.dk/politik/kkr/kkr-hovedstaden/moedemateriale');
    expect(best.snippetParts.some((p) => p.match && /fysioterapi/i.test(p.text))).toBe(true);
    expect(best.snippetParts.map((p) => p.text).join('')).toBe(best.snippet);
  });

  it('understands words typed without æ, ø and å, typos and inflections', async () => {
    expect(key((await engine.ask('aeldrereformen hvor mange love daekker den')).results[0]!)).toBe('2025-04-11#3.1');
    expect(key((await engine.ask('fysoterapi kapaciteter')).results[0]!)).toBe('2025-04-11#3.6');
    expect(key((await engine.ask('flygtningene')).results[0]!)).toBe('2024-06-18#4.3');
  });

  it('meets compounds in either direction', async () => {
    expect(key((await engine.ask('fysioterapipraksisplanen')).results[0]!)).toBe('2025-04-11#3.6');
    expect(key((await engine.ask('særtilskud')).results[0]!)).toBe('2024-06-18#4.4');
  });

  it('answers English questions through the synonyms file', async () => {
    expect(key((await engine.ask('refugee quota for 2025')).results[0]!)).toBe('2024-06-18#4.3');
    expect(key((await engine.ask('elderly care reform minister')).results[0]!)).toBe('2025-04-11#3.1');
  });

  it('shows the briefing of a Siden sidst item that the question is about', async () => {
    const a = (await engine.ask('Hvor stor var Movias takststigning i januar 2024?'));
    expect(key(a.results[0]!)).toBe('2025-04-11#2.1');
    expect(a.results[0]!.snippet).toContain('10,3 pct.');
  });

  it('says so when nothing matches well, with suggestions, instead of a weak hit', async () => {
    const a = (await engine.ask('pizza opskrift med ananas'));
    expect(a.status).toBe('not-found');
    expect(a.results).toEqual([]);
    expect(a.message).toMatch(/fandt ikke/);
    expect(a.suggestions.length).toBeGreaterThan(0);
  });

  it('pages through more results without repeating', async () => {
    const first = (await engine.ask('kommunerne', { limit: 3 }));
    expect(first.hasMore).toBe(true);
    const second = (await engine.ask('kommunerne', { limit: 3, offset: 3 }));
    const ids = new Set(first.results.map((h) => h.item.id));
    expect(second.results.length).toBeGreaterThan(0);
    for (const h of second.results) expect(ids.has(h.item.id)).toBe(false);
  });
});

describe('exact look-ups', () => {
  it('returns every item of a case number in any spelling, in agenda order', async () => {
    for (const q of ['SAG-2025-01103', 'sag 2025-01103', 'sag-2025-1103']) {
      const a = (await engine.ask(q));
      expect(a.mode).toBe('case');
      expect(a.results.map((h) => h.item.number)).toEqual(['1.1', '1.2', '2.1', '3.1', '3.2', '3.3', '3.4', '3.5', '3.6', '3.7', '3.8', '3.9', '3.10', '3.11', '3.12', '4.1']);
    }
  });

  it('says a case number that does not exist has no items', async () => {
    const a = (await engine.ask('SAG-2025-09999'));
    expect(a.status).toBe('not-found');
    expect(a.results).toEqual([]);
    expect(a.message).toContain('SAG-2025-09999');
  });

  it('puts the named item first for a case number with an item number', async () => {
    const a = (await engine.ask('SAG-2025-01103 punkt 3.6'));
    expect(key(a.results[0]!)).toBe('2025-04-11#3.6');
  });

  it('puts first the items that the words next to a case number are about, and keeps every item of the case', async () => {
    // Every item of the 11 April 2025 agenda carries the meeting's case number.
    const a = (await engine.ask('SAG-2025-01103 fysioterapi'));
    expect(a.mode).toBe('case');
    expect(key(a.results[0]!)).toBe('2025-04-11#3.6');
    expect(a.results).toHaveLength(16);
    expect(a.results.slice(1).map((h) => h.item.number)).toEqual(['1.1', '1.2', '2.1', '3.1', '3.2', '3.3', '3.4', '3.5', '3.7', '3.8', '3.9', '3.10', '3.11', '3.12', '4.1']);
    // Words every item matches, or none does, pick nothing: agenda order.
    for (const q of ['hvad indstilles der i SAG-2025-01103', 'SAG-2025-01103 zzzukendt']) {
      expect((await engine.ask(q)).results.map((h) => h.item.number).slice(0, 3), q).toEqual(['1.1', '1.2', '2.1']);
    }
  });

  it('finds an item number with a meeting hint', async () => {
    expect(key((await engine.ask('punkt 4.3 fra juni 2024')).results[0]!)).toBe('2024-06-18#4.3');
    const newest = (await engine.ask('punkt 1.1'));
    expect(key(newest.results[0]!)).toBe('2025-04-11#1.1');
    expect((await engine.ask('punkt 4.3 fra juni 2019')).status).toBe('not-found');
  });
});

describe('filters', () => {
  it('narrows to a committee or a month when passed', async () => {
    expect((await engine.ask('fysioterapi', { filters: { dateFrom: '2024-06-01', dateTo: '2024-06-30' } })).results.every((h) => h.item.meetingDate === '2024-06-18')).toBe(true);
    expect((await engine.ask('fysioterapi', { filters: { committee: 'KKR Sjælland' } })).status).toBe('not-found');
  });

  it('prefers the meeting a question names', async () => {
    const a = (await engine.ask('godkendelse af dagsorden juni 2024'));
    expect(key(a.results[0]!)).toBe('2024-06-18#2.1');
    const b = (await engine.ask('godkendelse af dagsorden møde 11. april 2025'));
    expect(key(b.results[0]!)).toBe('2025-04-11#1.1');
  });
});

describe('questions that cannot be used', () => {
  it('replies to an empty question', async () => {
    const a = (await engine.ask('   '));
    expect(a.status).toBe('invalid');
    expect(a.message).toMatch(/Skriv et spørgsmål/);
  });

  it('replies to a question longer than a chat message', async () => {
    const a = (await engine.ask('fysioterapi '.repeat(MAX_QUESTION_LENGTH)));
    expect(a.status).toBe('invalid');
    expect(a.message).toMatch(/for langt/);
  });

  it('never throws on odd input', () => {
    for (const q of ['???', 'SAG-', 'punkt 99.99', '\u0000\u0001', '<!channel>', '2024', 'aa oe ae']) {
      expect(async () => (await engine.ask(q))).not.toThrow();
    }
  });
});

describe('suggestions for autocomplete', () => {
  it('offers item titles and case numbers matching what is typed', async () => {
    expect((await engine.suggest('fysio')).some((s) => s.value.includes('fysioterapi'))).toBe(true);
    expect((await engine.suggest('SAG-2024'))[0]?.value).toBe('SAG-2024-01739');
    expect((await engine.suggest('', 25))).toHaveLength(25);
  });
});
