import { describe, expect, it } from 'vitest';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadCorpus } from '../../src/corpus/load-corpus.js';
import { tempDir } from '../helpers/temp-dir.js';

const APRIL_2025 = 'kkr-hovedstaden-2025-04-11-dagsorden.txt';
const JUNE_2024 = 'kkr-hovedstaden-2024-06-18-dagsorden.txt';

function corpusWith(files: Record<string, string | Buffer>): string {
  const dir = tempDir('moedebot-corpus-');
  copyFileSync(path.join('corpus', APRIL_2025), path.join(dir, APRIL_2025));
  copyFileSync(path.join('corpus', JUNE_2024), path.join(dir, JUNE_2024));
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
  return dir;
}

describe('loadCorpus', () => {
  it('loads the bundled corpus with ids, links and the manifest metadata', async () => {
    const { meetings, skipped } = await loadCorpus('corpus');
    expect(skipped).toEqual([]);
    expect(meetings.map((m) => m.id)).toEqual(['kkr-hovedstaden-2024-06-18', 'kkr-hovedstaden-2025-04-11']);
    const item = meetings[1]!.items.find((i) => i.number === '3.6')!;
    expect(item.id).toBe('kkr-hovedstaden-2025-04-11-3.6');
    expect(item.committee).toBe('KKR Hovedstaden');
    expect(item.meetingDate).toBe('2025-04-11');
    expect(item.link).toBe('https://www.kl.dk/politik/kkr/kkr-hovedstaden/moedemateriale');
  });

  it('reports empty, binary, non-UTF-8, truncated and non-agenda files by name and serves the rest', async () => {
    const truncated = readFileSync(path.join('corpus', APRIL_2025), 'utf8').slice(0, 400);
    const dir = corpusWith({
      'empty.txt': '',
      'binary.txt': Buffer.from([0x25, 0x50, 0x00, 0x01, 0xff, 0xfe, 0x00]),
      'latin1.txt': Buffer.from('Dagsorden for m\xf8de i KKR \xe6\xf8\xe5 '.repeat(50), 'latin1'),
      'truncated.txt': truncated,
      'notes.txt': 'Indkøbsliste: mælk, brød og kaffe.',
      'broken.pdf': 'this is not a pdf',
    });
    const { meetings, skipped } = await loadCorpus(dir);
    expect(meetings).toHaveLength(2);
    const reasons = Object.fromEntries(skipped.map((s) => [s.file, s.reason]));
    expect(Object.keys(reasons).sort()).toEqual(['binary.txt', 'broken.pdf', 'empty.txt', 'latin1.txt', 'notes.txt', 'truncated.txt']);
    expect(reasons['empty.txt']).toMatch(/empty/);
    expect(reasons['binary.txt']).toMatch(/binary/);
    expect(reasons['latin1.txt']).toMatch(/UTF-8/);
    expect(reasons['notes.txt']).toMatch(/no agenda items/);
    expect(reasons['broken.pdf']).toMatch(/PDF/);
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

  it('reads agendas without a manifest, and reports a malformed manifest without losing agendas', async () => {
    const dir = corpusWith({ 'manifest.json': '{ "documents": [ { "file": 3 } ] }' });
    const { meetings, skipped } = await loadCorpus(dir);
    expect(meetings).toHaveLength(2);
    expect(skipped).toEqual([{ file: 'manifest.json', reason: expect.stringMatching(/documents\.0\.file/) }]);
  });

  it('uses one copy of a meeting that is in the corpus twice', async () => {
    const dir = corpusWith({ 'zz-copy.txt': readFileSync(path.join('corpus', JUNE_2024)) });
    const { meetings, skipped } = await loadCorpus(dir);
    expect(meetings).toHaveLength(2);
    expect(skipped[0]).toEqual({ file: 'zz-copy.txt', reason: expect.stringMatching(/same meeting/) });
  });
});
