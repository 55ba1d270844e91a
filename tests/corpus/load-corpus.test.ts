import { afterEach, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadCorpus } from '../../src/corpus/load-corpus.js';

const APRIL_2025 = 'kkr-hovedstaden-2025-04-11-dagsorden.txt';
const JUNE_2024 = 'kkr-hovedstaden-2024-06-18-dagsorden.txt';
const dirs: string[] = [];

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function corpusWith(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'moedebot-corpus-'));
  dirs.push(dir);
  copyFileSync(path.join('corpus', APRIL_2025), path.join(dir, APRIL_2025));
  copyFileSync(path.join('corpus', JUNE_2024), path.join(dir, JUNE_2024));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

const skippedOnly = (list: Array<{ severity?: string }>) => list.filter((s) => s.severity !== 'notice');

/**
 * The minutes of 11 April 2025 as KL would print them: the agenda's text with a decision under
 * each item's recommendation.
 */
function aprilMinutes(): string {
  const agenda = readFileSync(path.join('corpus', APRIL_2025), 'utf8');
  return `Referat\n\n${agenda.replace(/(\nIndstilling \n(?:.+\n)+?)( \n)/g, (_m, rec: string, gap: string) => `${rec}${gap}Beslutning\nKKR Hovedstaden godkendte indstillingen.\n${gap}`)}`;
}

describe('loadCorpus', () => {
  it('loads the bundled corpus with ids, kinds, positions, links and the manifest metadata', async () => {
    const { meetings, skipped } = await loadCorpus('corpus');
    expect(skipped).toEqual([]);
    expect(meetings.map((m) => m.id)).toEqual(['kkr-hovedstaden-2024-06-18', 'kkr-hovedstaden-2025-04-11']);
    const item = meetings[1]!.items.find((i) => i.number === '3.6')!;
    expect(item.id).toBe('kkr-hovedstaden-2025-04-11-3.6');
    expect(item.committee).toBe('KKR Hovedstaden');
    expect(item.meetingDate).toBe('2025-04-11');
    expect(item.kind).toBe('agenda');
    expect(item.decision).toBeNull();
    expect(item.position).toBe(9);
    expect(item.publisher).toBeUndefined();
    expect(item.link).toBe('https://www.kl.dk/politik/kkr/kkr-hovedstaden/moedemateriale');
    expect(item.sections.map((s) => s.heading)).toEqual(['Baggrund', 'Indstilling', 'Sagsfremstilling', 'Økonomi', 'Bilag']);
  });

  it('reports empty, binary, non-UTF-8 and broken files by name and serves the rest', async () => {
    const dir = corpusWith({
      'empty.txt': '',
      'binary.txt': Buffer.from([0x25, 0x50, 0x00, 0x01, 0xff, 0xfe, 0x00]),
      'latin1.txt': Buffer.from('Dagsorden for m\xf8de i KKR \xe6\xf8\xe5 '.repeat(50), 'latin1'),
      'broken.pdf': 'this is not a pdf',
    });
    const { meetings, skipped } = await loadCorpus(dir);
    expect(meetings).toHaveLength(2);
    const reasons = Object.fromEntries(skipped.map((s) => [s.file, s.reason]));
    expect(Object.keys(reasons).sort()).toEqual(['binary.txt', 'broken.pdf', 'empty.txt', 'latin1.txt']);
    expect(reasons['empty.txt']).toMatch(/empty/);
    expect(reasons['binary.txt']).toMatch(/binary/);
    expect(reasons['latin1.txt']).toMatch(/UTF-8/);
    expect(reasons['broken.pdf']).toMatch(/PDF/);
  });

  it('indexes a readable file without recognisable items as one plain-text document, and says so', async () => {
    const truncated = readFileSync(path.join('corpus', APRIL_2025), 'utf8').split(' 1. Godkendelse')[0]!;
    const dir = corpusWith({ 'notes.txt': 'Referat af temamøde i Økonomiudvalget den 3. marts 2025\n\nIndkøbsliste til mødet: kaffe, te og frugt.', 'truncated.txt': truncated });
    const { meetings, skipped } = await loadCorpus(dir);
    expect(skippedOnly(skipped)).toEqual([]);
    const notes = meetings.find((m) => m.sources.includes('notes.txt'))!;
    expect(notes.unstructured).toBe(true);
    expect(notes.committee).toBe('Økonomiudvalget');
    expect(notes.meetingDate).toBe('2025-03-03');
    expect(notes.items).toHaveLength(1);
    expect(notes.items[0]!.title).toBe('Referat af temamøde i Økonomiudvalget den 3. marts 2025');
    expect(notes.items[0]!.background).toContain('kaffe, te og frugt');
    expect(skipped.find((s) => s.file === 'notes.txt')).toEqual({ file: 'notes.txt', reason: expect.stringMatching(/plain text/), severity: 'notice' });
    // No committee or date in the text: served all the same, with what to add to the manifest.
    const reasons = skipped.filter((s) => s.file === 'truncated.txt').map((s) => s.reason);
    expect(reasons).toEqual([expect.stringMatching(/plain text/), expect.stringMatching(/committee/), expect.stringMatching(/meetingDate/)]);
    expect(meetings.find((m) => m.sources.includes('truncated.txt'))!.committee).toBe('Ukendt udvalg');
  });

  it('lets the manifest override committee and date and build PDF page links', async () => {
    const dir = corpusWith({
      'manifest.json': JSON.stringify({
        documents: [{ file: APRIL_2025, committee: 'KKR Sjælland', meetingDate: '2025-04-08', sourceUrl: 'https://example.org/dagsorden.pdf' }],
      }),
    });
    const { meetings } = await loadCorpus(dir);
    const m = meetings.find((x) => x.committee === 'KKR Sjælland')!;
    expect(m.meetingDate).toBe('2025-04-08');
    expect(m.id).toBe('kkr-sjaelland-2025-04-08');
    // Text files have no pages, so the link is the PDF itself.
    expect(m.items[0]!.link).toBe('https://example.org/dagsorden.pdf');
  });

  it('reads documents in subfolders with their own manifest, paths relative to it', async () => {
    const dir = corpusWith({
      'fetched/www.kl.dk/april.txt': readFileSync(path.join('corpus', APRIL_2025)),
      'fetched/manifest.json': JSON.stringify({ documents: [{ file: 'www.kl.dk/april.txt', committee: 'KKR Syddanmark', sourceUrl: 'https://www.kl.dk/media/april.pdf' }] }),
    });
    const { meetings, skipped } = await loadCorpus(dir);
    expect(skippedOnly(skipped)).toEqual([]);
    const fetched = meetings.find((m) => m.source === 'fetched/www.kl.dk/april.txt')!;
    expect(fetched.committee).toBe('KKR Syddanmark');
    expect(fetched.items[0]!.link).toBe('https://www.kl.dk/media/april.pdf');
  });

  it('reads agendas without a manifest, and reports a malformed manifest without losing agendas', async () => {
    const dir = corpusWith({ 'manifest.json': '{ "documents": [ { "file": 3 } ] }' });
    const { meetings, skipped } = await loadCorpus(dir);
    expect(meetings).toHaveLength(2);
    expect(skipped).toEqual([{ file: 'manifest.json', reason: expect.stringMatching(/documents\.0\.file/) }]);
  });

  it('serves one copy of a meeting that is in the corpus twice and names both files', async () => {
    const dir = corpusWith({ 'zz-copy.txt': readFileSync(path.join('corpus', JUNE_2024)) });
    const { meetings, skipped } = await loadCorpus(dir);
    expect(meetings).toHaveLength(2);
    expect(skipped).toEqual([{ file: 'zz-copy.txt', reason: expect.stringMatching(/same meeting .* as kkr-hovedstaden-2024-06-18-dagsorden\.txt, which is served because it comes first by name/) }]);
  });

  it('serves the file named in the manifest over a stray copy that repeats the agenda many times', async () => {
    const april = readFileSync(path.join('corpus', APRIL_2025), 'utf8');
    const dir = corpusWith({
      // Sorts before the real file, so folder order alone would pick it.
      'a-stray.txt': april.repeat(40),
      'manifest.json': JSON.stringify({ documents: [{ file: APRIL_2025, sourceUrl: 'https://www.kl.dk/media/april.pdf' }] }),
    });
    const { meetings, skipped } = await loadCorpus(dir);
    const m = meetings.find((x) => x.meetingDate === '2025-04-11')!;
    expect(m.source).toBe(APRIL_2025);
    expect(m.items).toHaveLength(16);
    expect(m.items.filter((i) => i.number === '3.6')).toHaveLength(1);
    expect(m.items[0]!.link).toBe('https://www.kl.dk/media/april.pdf');
    expect(skipped).toContainEqual({ file: 'a-stray.txt', reason: expect.stringMatching(/same meeting .* as kkr-hovedstaden-2025-04-11-dagsorden\.txt, which is served because it is named in manifest\.json/) });
    expect(skipped).toContainEqual({ file: 'a-stray.txt', reason: expect.stringMatching(/repeats item numbers 1\.1 \(40 times\)/), severity: 'notice' });
  });

  it('joins agenda and minutes of one meeting: one item each, with the decision', async () => {
    const dir = corpusWith({ 'kkr-hovedstaden-2025-04-11-referat.txt': aprilMinutes() });
    const { meetings, skipped } = await loadCorpus(dir);
    expect(skippedOnly(skipped)).toEqual([]);
    const m = meetings.find((x) => x.meetingDate === '2025-04-11')!;
    expect(m.kind).toBe('minutes');
    expect(m.sources).toEqual([APRIL_2025, 'kkr-hovedstaden-2025-04-11-referat.txt']);
    expect(m.items.map((i) => i.number)).toEqual(['1.1', '1.2', '2.1', '3.1', '3.2', '3.3', '3.4', '3.5', '3.6', '3.7', '3.8', '3.9', '3.10', '3.11', '3.12', '4.1']);
    const item = m.items.find((i) => i.number === '3.6')!;
    expect(item.id).toBe('kkr-hovedstaden-2025-04-11-3.6');
    expect(item.kind).toBe('minutes');
    expect(item.decision).toBe('KKR Hovedstaden godkendte indstillingen.');
    expect(item.recommendation).toBe('Det indstilles, at KKR Hovedstaden godkender revisionen af Praksisplan for fysioterapi.');
  });
});
