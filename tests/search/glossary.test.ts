import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { englishBase, Glossary } from '../../src/search/glossary.js';
import { isEnglishQuestion, analyzeQuery } from '../../src/search/query.js';
import { stemFold } from '../../src/search/analyzer.js';
import { SearchIndex } from '../../src/search/search-index.js';
import { Synonyms } from '../../src/search/synonyms.js';
import { loadCorpus } from '../../src/corpus/load-corpus.js';
import { openEngine } from '../../src/answer/engine.js';
import type { AnswerEngine } from '../../src/answer/types.js';

const glossary = new Glossary([
  { en: ['nursing home', 'care home'], da: ['plejehjem', 'plejebolig'] },
  { en: ['refugee'], da: ['flygtning', 'flygtninge'] },
  { en: ['quota'], da: ['kvote'] },
  { en: ['local'], da: ['lokal'] },
]);

describe('Glossary', () => {
  it('matches English words in their base form', () => {
    expect(['homes', 'policies', 'taxes', "KL's", 'process'].map(englishBase)).toEqual(['home', 'policy', 'tax', 'kl', 'process']);
  });

  it('finds the longest phrase first, left to right', async () => {
    expect(glossary.find(['local', 'nursing', 'homes'])).toEqual([
      { start: 0, end: 1, danish: ['lokal'] },
      { start: 1, end: 3, danish: ['plejehjem', 'plejebolig'] },
    ]);
  });

  it('offers the Danish compounds of two English words', async () => {
    expect(glossary.compounds('refugee', 'quota')).toContain(stemFold('flygtningekvote'));
    expect(glossary.compounds('refugee', 'unknown')).toEqual([]);
  });

  it('reads corpus/glossary.json, and says which entry is malformed', async () => {
    const real = await Glossary.load('corpus');
    expect(real.size).toBeGreaterThan(300);
    expect(real.translate(['nursing', 'homes'])).toContain('plejehjem');
    expect(real.translate(['full-time', 'jobs'])).toEqual(expect.arrayContaining(['fuldtidsbeskæftigede', 'årsværk']));
    const dir = mkdtempSync(path.join(os.tmpdir(), 'moedebot-glossary-'));
    try {
      writeFileSync(path.join(dir, 'glossary.json'), JSON.stringify({ entries: [{ en: ['x'], da: [] }] }));
      await expect(Glossary.load(dir)).rejects.toThrow(/glossary.json: entries.0.da/);
      expect((await Glossary.load(path.join(dir, 'missing'))).size).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('English questions', () => {
  let engine: AnswerEngine;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'moedebot-english-'));
    engine = await openEngine({ corpusDir: 'corpus', dataDir });
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('are told apart from Danish ones', async () => {
    expect(isEnglishQuestion(['How', 'many', 'refugees', 'will', 'the', 'municipality', 'receive'])).toBe(true);
    expect(isEnglishQuestion(['hvor', 'mange', 'flygtninge', 'skal', 'kommunen', 'modtage'])).toBe(false);
    expect(isEnglishQuestion(['fysioterapi'])).toBe(false);
  });

  it('find what the Danish text says through the glossary', async () => {
    const index = SearchIndex.build((await loadCorpus('corpus')).meetings);
    const words = analyzeQuery('How many secure institutions are there in Denmark?', index, { synonyms: new Synonyms(), glossary: await Glossary.load('corpus') }).words;
    const terms = words.flatMap((w) => w.alternatives.flatMap((a) => a.terms));
    expect(terms).toContain(stemFold('sikrede'));
    expect(terms).toContain(stemFold('danmark'));
    const key = async (q: string) => {
      const first = (await engine.ask(q)).results[0];
      return `${first?.item.meetingDate}#${first?.item.number}`;
    };
    expect(await key('local nursing homes')).toBe('2025-04-11#3.1');
    expect(await key('When does the new Elderly Act enter into force?')).toBe('2025-04-11#3.1');
    expect((await engine.ask('How many secure institutions are there in Denmark?')).results[0]?.snippet).toContain('i alt 8 sikrede institutioner');
  });

  it('weigh their untranslatable words little, so they still find the item', async () => {
    const a = (await engine.ask('roughly how old is the Finger Plan that governs planning in the Copenhagen area today?'));
    expect(a.status).toBe('found');
    expect(a.results[0]!.item.number).toBe('3.3');
  });
});
