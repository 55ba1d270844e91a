import { describe, expect, it } from 'vitest';
import { caseKey, findCaseNumbers, parseCaseLine, parseRunningNumber } from '../../src/corpus/case-numbers.js';

describe('parseCaseLine', () => {
  it('reads the case line forms publishers print, without their labels', () => {
    expect(parseCaseLine('SAG-2025-01103 jjc/asfp/emmj')).toEqual({ caseNumber: 'SAG-2025-01103', officers: ['jjc', 'asfp', 'emmj'] });
    expect(parseCaseLine('Sagsnr. 19/3143')).toEqual({ caseNumber: '19/3143', officers: [] });
    expect(parseCaseLine('Sagnr.: 1-30-76-9-09')).toEqual({ caseNumber: '1-30-76-9-09', officers: [] });
    expect(parseCaseLine('Sagsid.: 20/348, Sagsinitialer: KDL')).toEqual({ caseNumber: '20/348', officers: ['KDL'] });
    expect(parseCaseLine('27.00.00-A00-1-19')).toEqual({ caseNumber: '27.00.00-A00-1-19', officers: [] });
    expect(parseCaseLine('00.01.00P35-0104')).toEqual({ caseNumber: '00.01.00P35-0104', officers: [] });
    expect(parseCaseLine('Åbent - 2012/057275')).toEqual({ caseNumber: '2012/057275', officers: [] });
    expect(parseCaseLine('Sagsnr. 299835 Kultur- og Idrætsudvalget Åbent punkt')).toEqual({ caseNumber: '299835', officers: [] });
    expect(parseCaseLine('J.nr.: 00.01.00-G01-1-24')?.caseNumber).toBe('00.01.00-G01-1-24');
  });

  it('does not take a running item number, a date or a sentence for a case line', () => {
    expect(parseCaseLine('Sag nr. 129')).toBeUndefined();
    expect(parseRunningNumber('Sag nr. 129')).toBe('129');
    expect(parseCaseLine('31.03.2019')).toBeUndefined();
    expect(parseCaseLine('Sagen blev behandlet under sagsnr. 19/3143 i 2019, og der blev truffet beslutning om at udsætte den.')).toBeUndefined();
  });
});

describe('findCaseNumbers', () => {
  const keys = (q: string) => findCaseNumbers(q).map((c) => c.key);

  it('finds a case number however it is pasted', () => {
    expect(keys('SAG-2025-01103')).toEqual(['SAG-2025-01103']);
    expect(keys('sag 2025-1103 fysioterapi')).toEqual(['SAG-2025-01103']);
    expect(keys('19/3143')).toEqual(['19/3143']);
    expect(keys('hvad skete der med sagsnr. 299835?')).toEqual(['299835']);
    expect(keys('00.32.00-S00-1-19')).toEqual(['00.32.00-S00-1-19']);
    expect(keys('EMN-2019-01234')).toEqual(['EMN-2019-01234']);
  });

  it('leaves dates and years alone', () => {
    expect(keys('mødet den 29/1 2012')).toEqual([]);
    expect(keys('KKR-mødet 12/2024')).toEqual([]);
    expect(keys('hvor mange flygtninge i 2025?')).toEqual([]);
  });

  it('compares KL case numbers whatever the padding and case', () => {
    expect(caseKey('sag-2025-1103')).toBe('SAG-2025-01103');
    expect(caseKey('SAG-2025-01103')).toBe('SAG-2025-01103');
  });
});
