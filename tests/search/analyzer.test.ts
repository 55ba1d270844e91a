import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { analyzeQueryWord, analyzeText, Lexicon, stemFold } from '../../src/search/analyzer.js';
import { foldDanish, unfoldDanish } from '../../src/search/fold.js';
import { Synonyms } from '../../src/search/synonyms.js';
import { parseQueryHints } from '../../src/search/query-hints.js';

const lexicon = new Lexicon(analyzeText('ældre reform sundhed fysioterapi praksisplan praksis plan kapaciteter puljen takst stigning'));
const queryTerms = (word: string) => analyzeQueryWord(word, lexicon).map((t) => t.term);

describe('Danish analysis', () => {
  it('folds æ, ø and å so words typed without them meet', () => {
    expect(foldDanish('ældre økonomi å')).toBe('aeldre oekonomi aa');
    expect(unfoldDanish('aeldre')).toBe('ældre');
    expect(queryTerms('aeldrereformen')).toEqual(expect.arrayContaining(analyzeText('ældrereformen', lexicon)));
    expect(queryTerms('oekonomi')).toContain(analyzeText('økonomi')[0]);
  });

  it('stems inflections to one term', () => {
    expect(stemFold('kapaciteter')).toBe(stemFold('kapacitet'));
    expect(stemFold('flygtninge')).toBe(stemFold('flygtning'));
    expect(stemFold('praksisplanen')).toBe(stemFold('praksisplan'));
  });

  it('drops stop words but keeps negation and numbers', () => {
    expect(analyzeText('hvad er det at og i')).toEqual([]);
    expect(analyzeText('ikke')).toEqual([stemFold('ikke')]);
    expect(analyzeText('12,3 pct. og 3.600')).toEqual(['12,3', 'pct', '3.600', '3600']);
  });

  it('splits compounds into parts the corpus knows', () => {
    const terms = analyzeText('sundhedsreformen', lexicon);
    expect(terms).toEqual(expect.arrayContaining([stemFold('sundhedsreformen'), stemFold('reform'), stemFold('sundhed')]));
    expect(queryTerms('fysioterapipraksisplanen')).toEqual(expect.arrayContaining([stemFold('fysioterapi'), stemFold('praksisplan')]));
    // A head that never stands alone still yields its known tail.
    expect(analyzeText('særtilskudspuljen', lexicon)).toEqual(expect.arrayContaining([stemFold('puljen'), stemFold('særtilskud')]));
  });

  it('does not split short or unknown words', () => {
    expect(analyzeText('forslag', lexicon)).toEqual([stemFold('forslag')]);
    expect(analyzeText('kommunernes', lexicon)).toEqual([stemFold('kommunernes')]);
  });

  test.prop([fc.string({ maxLength: 200 })])('analysis never throws and yields no empty terms', (text) => {
    for (const term of analyzeText(text, lexicon)) expect(term.length).toBeGreaterThan(0);
  });

  test.prop([fc.string({ maxLength: 50 })])('folding is idempotent', (text) => {
    expect(foldDanish(foldDanish(text))).toBe(foldDanish(text));
  });
});

describe('Synonyms', () => {
  const synonyms = new Synonyms([
    ['flygtninge', 'fordrevne', 'refugees'],
    ['fingerplan', 'finger plan'],
  ]);
  it('finds phrases before words, ignoring case and inflection', () => {
    expect(synonyms.find(['The', 'Finger', 'Plan'])).toEqual([{ start: 1, end: 3, synonyms: ['fingerplan'] }]);
    expect(synonyms.find(['refugee'])[0]?.synonyms).toEqual(['flygtninge', 'fordrevne']);
    expect(synonyms.find(['fordrevne'])[0]?.synonyms).toEqual(['flygtninge', 'refugees']);
  });
});

describe('parseQueryHints', () => {
  it('reads case numbers in every common spelling', () => {
    for (const q of ['SAG-2025-01103', 'sag 2025-01103', 'sag-2025-1103', 'Sag 2025 01103', 'sagsnr. 2025-01103']) {
      expect(parseQueryHints(q).caseNumbers).toEqual(['SAG-2025-01103']);
    }
  });
  it('reads item numbers with a meeting hint', () => {
    const h = parseQueryHints('punkt 4.3 fra juni 2024');
    expect(h.itemNumber).toBe('4.3');
    expect([h.dateFrom, h.dateTo]).toEqual(['2024-06-01', '2024-06-30']);
    expect(parseQueryHints('SAG-2025-01103 punkt 3.6').itemNumber).toBe('3.6');
    expect(parseQueryHints('SAG-2025-01103 3.6').itemNumber).toBe('3.6');
  });
  it('reads dates, months, glued months and committees', () => {
    expect(parseQueryHints('møde 11. april 2025').dateFrom).toBe('2025-04-11');
    expect(parseQueryHints('KKR-mødet i april 2024').dateTo).toBe('2024-04-30');
    expect(parseQueryHints('aprilmødet 2025').dateFrom).toBe('2025-04-01');
    expect(parseQueryHints('KKR Sjælland rammeaftale').committee).toBe('KKR Sjælland');
    expect(parseQueryHints('turister i Region Hovedstaden').committee).toBeUndefined();
    expect(parseQueryHints('næste møde').relative).toBe('next');
  });
  it('tells a date that names a meeting from a time in the text', () => {
    for (const q of ['flygtninge juni 2024', 'KKR-mødet i april 2024', 'godkendelse af dagsordenen 11. april 2025', 'aprilmødet 2025', 'the next meeting in September 2024']) {
      expect(parseQueryHints(q).meetingDate, q).toBe(true);
    }
    for (const q of ['Hvor stor var Movias takststigning i januar 2024?', 'referatet fra 19. april 2024', 'KKR besluttede den 6. februar 2024 at lave en rammeaftale']) {
      expect(parseQueryHints(q).meetingDate, q).toBe(false);
    }
    expect(parseQueryHints('dagsordener fra 2019 om flygtninge').meetingYear).toBe(true);
    expect(parseQueryHints('landstallet for flygtninge 2025').meetingYear).toBe(false);
    expect(parseQueryHints('KKR Sjælland rammeaftale').committeeText).toBe('KKR Sjælland');
  });

  it('does not take amounts for item numbers', () => {
    expect(parseQueryHints('12,3 pct. og 2.5 mio').itemNumber).toBeUndefined();
  });
});
