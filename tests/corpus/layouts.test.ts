import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadCorpus } from '../../src/corpus/load-corpus.js';
import type { AgendaItem, Meeting } from '../../src/corpus/types.js';

/**
 * Real excerpts of eight publishers' agendas and minutes (tests/fixtures/layouts, copied from
 * ../shared/layouts with their `# source:` lines), read through the loader as a user's corpus
 * would be, and compared with what a careful reader takes from each (`expected.json`).
 */
const FIXTURES = 'tests/fixtures/layouts';

interface ExpectedItem {
  number: string | null;
  title: string | null;
  caseNumber: string | null;
  recommendationStartsWith: string | null;
  decisionStartsWith: string | null;
}
interface ExpectedFile {
  committee: string;
  date: string | null;
  kind: 'agenda' | 'minutes';
  items: ExpectedItem[];
}

const expected = JSON.parse(readFileSync(path.join(FIXTURES, 'expected.json'), 'utf8')) as Record<string, ExpectedFile>;

/** Whitespace collapsed and list glyphs made one, as the expectations were written. */
function norm(text: string): string {
  return text
    .replace(/^\s*[•·▪–-]\s*/u, '')
    .replace(/\s+/g, ' ')
    .trim();
}

let dir: string;
let meetings: Meeting[];

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'moedebot-layouts-'));
  for (const file of readdirSync(FIXTURES).filter((f) => f.endsWith('.txt'))) copyFileSync(path.join(FIXTURES, file), path.join(dir, file));
  ({ meetings } = await loadCorpus(dir));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function meetingOf(file: string): Meeting {
  const meeting = meetings.find((m) => m.sources.includes(file));
  if (!meeting) throw new Error(`no meeting read from ${file}`);
  return meeting;
}

describe('other publishers’ agendas and minutes', () => {
  for (const [file, want] of Object.entries(expected)) {
    describe(file, () => {
      it('reads committee, date and kind from the header', () => {
        const m = meetingOf(file);
        expect(m.committee).toBe(want.committee);
        if (want.date) expect(m.meetingDate).toBe(want.date);
        expect(m.kind).toBe(want.kind);
      });

      it('finds every item with its number, title and case number, in order', () => {
        const items = meetingOf(file).items;
        expect(items.map((i) => ({ number: i.number || null, title: i.untitled ? null : i.title, caseNumber: i.caseNumber || null }))).toEqual(
          want.items.map((i) => ({ number: i.number, title: i.title, caseNumber: i.caseNumber })),
        );
      });

      it('gives each item its recommendation and this meeting’s decision', () => {
        const items = meetingOf(file).items;
        want.items.forEach((w, k) => {
          const item: AgendaItem = items[k]!;
          if (w.recommendationStartsWith === null) expect(item.recommendation, `item ${k + 1} recommendation`).toBe('');
          else expect(norm(item.recommendation), `item ${k + 1} recommendation`).toMatch(new RegExp(`^${escape(norm(w.recommendationStartsWith))}`));
          if (w.decisionStartsWith === null) expect(item.decision, `item ${k + 1} decision`).toBeNull();
          else expect(norm(item.decision ?? ''), `item ${k + 1} decision`).toMatch(new RegExp(`^${escape(norm(w.decisionStartsWith))}`));
        });
      });
    });
  }

  it('keeps other bodies’ earlier decisions out of the decision (Rødovre’s chained recommendations)', () => {
    const item = meetingOf('roedovre-kommunalbestyrelsen-2019-09-24.txt').items.find((i) => i.number === '130')!;
    expect(item.decision).toBe('Godkendt.');
    expect(item.sections.filter((s) => s.role === 'history').map((s) => s.heading)).toEqual([
      'Teknik- og Miljøudvalget, 10. september 2019, pkt. 65',
      'Økonomiudvalget, 18. september 2019, pkt. 153',
    ]);
    expect(item.recommendation).not.toContain('Anbefales');
  });

  it('keeps every section with its printed heading, in order', () => {
    const item = meetingOf('broenderslev-oekonomiudvalget-2020-11-18.txt').items.find((i) => i.number === '3')!;
    expect(item.sections.map((s) => s.heading)).toEqual(['Resume', 'Sagsforløb', 'Sagsfremstilling', 'Personale', 'Økonomi', 'Beslutning']);
    expect(item.sections.find((s) => s.heading === 'Sagsforløb')?.text).toBe('ØK/BY');
    // The cost table, one cell a paragraph in the page, reads as rows.
    expect(item.presentation).toContain('Hovedentreprisen 2.941.813,70\nEkstern og intern rådgivning 434.129,85');
  });

  it('leaves page furniture out of the text', () => {
    const all = meetings.flatMap((m) => m.items).flatMap((i) => i.sections.map((s) => s.text)).join('\n');
    for (const noise of ['Til toppen', 'Til indholdsfortegnelse', 'Udskriv', 'Fold alle ud', 'cookies', 'You are here']) expect(all).not.toContain(noise);
  });

  it('links answers to the published page the excerpt names', () => {
    const item = meetingOf('odense-oekonomiudvalget-2012-09-05.txt').items[0]!;
    expect(item.link).toBe('http://dagsorden.a-dahl.dk/default.aspx?p=176');
  });

  it('names the publishing municipality', () => {
    expect(meetingOf('roedovre-kommunalbestyrelsen-2019-09-24.txt').publisher).toBe('Rødovre Kommune');
    expect(meetingOf('bornholm-boerne-og-skoleudvalget-2018-11-06.txt').publisher).toBe('Bornholms Regionskommune');
    expect(meetingOf('odense-oekonomiudvalget-2012-09-05.txt').id).toBe('odense-kommune-oekonomiudvalget-2012-09-05');
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
