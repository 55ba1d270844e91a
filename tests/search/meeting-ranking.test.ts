import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load-corpus.js';
import { committeeSlug } from '../../src/corpus/committees.js';
import type { Meeting } from '../../src/corpus/types.js';
import { SearchIndex } from '../../src/search/search-index.js';
import { Synonyms } from '../../src/search/synonyms.js';
import { engineFromIndex } from '../../src/answer/engine.js';
import type { AnswerEngine } from '../../src/answer/types.js';
import { groupNearDuplicates, isStandardItem, recencyFactor } from '../../src/search/meeting-ranking.js';
import { MEETINGS } from '../../src/search/ranking-parameters.js';

/** The same meeting held by another council on another date: an older agenda with the same topics. */
function asMeeting(meeting: Meeting, committee: string, meetingDate: string, edit: (text: string) => string = (t) => t): Meeting {
  const id = `${committeeSlug(committee)}-${meetingDate}`;
  return {
    ...meeting,
    id,
    committee,
    meetingDate,
    source: `${id}.txt`,
    items: meeting.items.map((item) => ({
      ...item,
      id: `${id}-${item.number}`,
      committee,
      meetingDate,
      background: edit(item.background),
      presentation: edit(item.presentation),
      recommendation: item.recommendation.replace(meeting.committee, committee),
      source: `${id}.txt`,
    })),
  };
}

let real: Meeting[];
let engine: AnswerEngine;
const key = (h: { item: { committee: string; meetingDate: string; number: string } }) => `${h.item.committee} ${h.item.meetingDate}#${h.item.number}`;

beforeAll(async () => {
  real = (await loadCorpus('corpus')).meetings;
  const april2025 = real.find((m) => m.meetingDate === '2025-04-11')!;
  const june2024 = real.find((m) => m.meetingDate === '2024-06-18')!;
  const meetings = [
    ...real,
    asMeeting(april2025, 'KKR Hovedstaden', '2023-04-14'),
    asMeeting(april2025, 'KKR Sjælland', '2022-04-06'),
    asMeeting(june2024, 'KKR Syddanmark', '2021-06-16'),
  ];
  engine = engineFromIndex(SearchIndex.build(meetings), await Synonyms.load('corpus'), { corpusDir: 'corpus', dataDir: 'data' });
});

describe('ranking across meetings', () => {
  it('puts the newest meeting first when items match equally, and lists the earlier agendas', async () => {
    const a = (await engine.ask('fysioterapi'));
    expect(key(a.results[0]!)).toBe('KKR Hovedstaden 2025-04-11#3.6');
    expect(a.results[0]!.earlier.map((e) => `${e.committee} ${e.meetingDate}#${e.number}`)).toEqual([
      'KKR Hovedstaden 2023-04-14#3.6',
      'KKR Sjælland 2022-04-06#3.6',
    ]);
  });

  it('groups near-duplicates so they do not fill every slot', async () => {
    const a = (await engine.ask('fysioterapi', { limit: 10 }));
    const titles = a.results.map((h) => h.item.title);
    expect(new Set(titles).size).toBe(titles.length);
  });

  it('keeps a clearly better match from an older meeting above a weak newer one', () => {
    const ranked = [
      { itemIndex: 0, score: 100, bestPassage: 0, coverage: 1, matchedLo: 0, matchedHi: 0 },
      { itemIndex: 1, score: 20, bestPassage: 0, coverage: 0.3, matchedLo: 0, matchedHi: 0 },
    ];
    const older = { ...real[1]!.items[8]!, meetingDate: '2019-01-01' };
    const newer = { ...real[1]!.items[8]! };
    expect(groupNearDuplicates(ranked, [older, newer], { preferNewest: true })[0]!.best.itemIndex).toBe(0);
    const tied = [ranked[0]!, { ...ranked[1]!, score: 90 }];
    expect(groupNearDuplicates(tied, [older, newer], { preferNewest: true })[0]!.best.itemIndex).toBe(1);
  });

  it('lets recency lift an item by at most the documented factor', () => {
    expect(recencyFactor('2025-04-11', '2025-04-11')).toBeCloseTo(1 + MEETINGS.recencyWeight);
    expect(recencyFactor('2015-04-11', '2025-04-11')).toBeLessThan(1.001);
    expect(recencyFactor('2024-06-18', '2025-04-11')).toBeLessThan(recencyFactor('2025-04-11', '2025-04-11'));
  });

  it('costs nothing on the seed corpus: the answers of the two real meetings stay', async () => {
    expect(key((await engine.ask('landstallet for flygtninge 2025')).results[0]!)).toBe('KKR Hovedstaden 2024-06-18#4.3');
  });
});

describe('meeting hints', () => {
  it('narrows to the month, the committee or the year the question names', async () => {
    expect(key((await engine.ask('siden sidst juni 2024')).results[0]!)).toBe('KKR Hovedstaden 2024-06-18#3.1');
    expect(key((await engine.ask('siden sidst juni 2021')).results[0]!)).toBe('KKR Syddanmark 2021-06-16#3.1');
    expect(key((await engine.ask('KKR Sjælland fysioterapi')).results[0]!)).toBe('KKR Sjælland 2022-04-06#3.6');
    expect(key((await engine.ask('praksisplan for fysioterapi 2023')).results[0]!)).toBe('KKR Hovedstaden 2023-04-14#3.6');
  });

  it('answers sidste møde with the newest meeting', async () => {
    expect(key((await engine.ask('godkendelse af dagsorden sidste møde', { now: new Date('2026-01-01') })).results[0]!)).toBe('KKR Hovedstaden 2025-04-11#1.1');
  });
});

describe('standard items', () => {
  it('answers a question about one of them without a meeting hint with the newest', async () => {
    expect(key((await engine.ask('godkendelse af referat')).results[0]!)).toBe('KKR Hovedstaden 2025-04-11#1.2');
    expect(key((await engine.ask('punkter til næste møde')).results[0]!)).toBe('KKR Hovedstaden 2025-04-11#4.1');
  });

  it('never crowds out a topical answer', async () => {
    // `Punkter til næste møde` of June 2024 lists "Godkendelse af Rammeaftale 2025 – 2026".
    const a = (await engine.ask('rammeaftale for opgaveflytning sygeplejersker'));
    expect(isStandardItem(a.results[0]!.item)).toBe(false);
    expect(a.results[0]!.item.title).toBe('Aftale om opgaveoverdragelse på sundhedsområdet');
  });
});

/**
 * The real corpus plus the April 2025 agenda held again by KKR Midtjylland on 1 March 2023, its
 * item 3.6 under another title: the same facts in an older meeting.
 */
async function withOlderRetitled(title: string): Promise<AnswerEngine> {
  const april2025 = real.find((m) => m.meetingDate === '2025-04-11')!;
  const older = asMeeting(april2025, 'KKR Midtjylland', '2023-03-01');
  older.items = older.items.map((item) => ({ ...item, title: item.number === '3.6' ? title : `Budgetopfølgning ${item.number}` }));
  return engineFromIndex(SearchIndex.build([...real, older]), await Synonyms.load('corpus'), { corpusDir: 'corpus', dataDir: 'data' });
}

const MERUDGIFT = 'Hvornår slår merudgiften til de nye fysioterapipraksis fuldt igennem for kommunerne?';

describe('answers that state the same fact under different titles', () => {
  it('come newest first when they match about equally', async () => {
    // The older title matches the question a little better.
    const a = await (await withOlderRetitled('Nye praksis')).ask(MERUDGIFT);
    expect(key(a.results[0]!)).toBe('KKR Hovedstaden 2025-04-11#3.6');
    expect(a.results[0]!.snippet).toContain('først være fra 2027');
  });

  it('keep a clearly better older answer above a weaker newer one', async () => {
    // The older title names exactly what is asked, so it matches far better.
    const a = await (await withOlderRetitled('Kommunernes merudgifter til nye fysioterapipraksis')).ask(MERUDGIFT);
    expect(key(a.results[0]!)).toBe('KKR Midtjylland 2023-03-01#3.6');
    expect(key(a.results[1]!)).toBe('KKR Hovedstaden 2025-04-11#3.6');
  });
});
