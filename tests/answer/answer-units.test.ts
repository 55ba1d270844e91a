import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load-corpus.js';
import type { AgendaItem } from '../../src/corpus/types.js';
import { standardSections } from '../../src/corpus/sections.js';
import { Lexicon } from '../../src/search/analyzer.js';
import { analyseItem, unitDisplay } from '../../src/answer/answer-units.js';

let items: AgendaItem[];
const lexicon = new Lexicon();
const item = (date: string, number: string) => items.find((i) => i.meetingDate === date && i.number === number)!;

beforeAll(async () => {
  items = (await loadCorpus('corpus')).meetings.flatMap((m) => m.items);
});

/** An item made field by field, as synthetic material is. */
function made(presentation: string): AgendaItem {
  const fields = { background: '', recommendation: '', presentation, attachments: [] as string[] };
  return { ...items[0]!, id: 'made-1', title: 'Prøve', ...fields, decision: null, sections: standardSections(fields) };
}

describe('analyseItem', () => {
  it('reads a table flattened to lines as rows, each under the table caption', () => {
    const rows = analyseItem(item('2024-06-18', '4.3'), lexicon).units.filter((u) => u.kind === 'row');
    const gentofte = rows.find((u) => u.text === 'Gentofte 14')!;
    expect(gentofte).toBeDefined();
    expect(gentofte.lead?.text).toContain('Beregnede kommunekvoter for kommunerne i Hovedstaden 2025');
    expect(unitDisplay(gentofte)).toMatch(/2025\n(?:.*\n)?Gentofte 14$/);
    expect(rows.map((u) => u.text)).toContain('Ballerup -');
  });

  it('reads each line of a list as a unit under the sentence that introduces it', () => {
    const lines = analyseItem(item('2024-06-18', '4.2'), lexicon).units.filter((u) => u.kind === 'list');
    const eleven = lines.find((u) => u.text.startsWith('– 11 kommuner overholder ikke aftalen'))!;
    expect(eleven.lead?.text).toBe('Resultaterne viser:');
    expect(unitDisplay(eleven)).toBe(`Resultaterne viser:\n${eleven.text}`);
  });

  it('keeps the sentences of prose whole and in order, with their section and paragraph', () => {
    const units = analyseItem(made('Første sætning om budgettet. Anden sætning om skolen.\n\nTredje i nyt afsnit.'), lexicon).units;
    expect(units.map((u) => [u.text, u.kind, u.paragraph])).toEqual([
      ['Første sætning om budgettet.', 'sentence', 0],
      ['Anden sætning om skolen.', 'sentence', 0],
      ['Tredje i nyt afsnit.', 'sentence', 1],
    ]);
  });

  it('joins a sentence that a break cut in two', () => {
    const units = analyseItem(made('Næste møde holdes den 6. september\n\n2024 fra kl. 10.00 til kl. 12.00. Der er formøde.'), lexicon).units;
    expect(units[0]!.text).toBe('Næste møde holdes den 6. september 2024 fra kl. 10.00 til kl. 12.00.');
    expect(units.every((u) => /^[\p{Lu}\d–]/u.test(u.text))).toBe(true);
  });
});
