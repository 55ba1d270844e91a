import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadCorpus, corpusFingerprint } from '../../src/corpus/load-corpus.js';
import { generateMeetings } from '../../src/bench/synthetic-corpus.js';
import { SearchIndex } from '../../src/search/search-index.js';
import { loadOrBuildIndex, saveIndex, INDEX_FILE } from '../../src/search/index-store.js';
import { tempDir } from '../helpers/temp-dir.js';

async function savedAndLoaded() {
  const { meetings } = await loadCorpus('corpus');
  const all = [...generateMeetings({ count: 6, seed: 4 }), ...meetings];
  // Text the byte offsets must survive: multi-byte letters, an empty section, a long one.
  const first = all[0]!.items[0]!;
  first.background = 'Ældre- og sundhedsområdet: ø, å, é, “citat” – og 🙂.';
  first.presentation = '';
  first.sections = [{ heading: 'Baggrund', role: 'background', text: first.background }, ...first.sections.filter((s) => s.role !== 'background' && s.role !== 'presentation')];
  const built = SearchIndex.build(all);
  const dataDir = tempDir('moedebot-text-');
  const corpusDir = tempDir('moedebot-corpus-');
  await saveIndex(dataDir, built, await corpusFingerprint(corpusDir));
  const loaded = await loadOrBuildIndex(corpusDir, dataDir);
  expect(loaded.rebuilt).toBe(false);
  return { built, loaded: loaded.index, dataDir };
}

describe('item text in index.bin', () => {
  it('keeps sections, background and presentation out of index.json and gives them back unchanged', async () => {
    const { built, loaded, dataDir } = await savedAndLoaded();
    const json = readFileSync(path.join(dataDir, INDEX_FILE), 'utf8');
    expect(json).not.toContain('"background"');
    expect(json).not.toContain('"presentation"');
    expect(json).not.toContain('"sections"');
    expect(loaded.items.length).toBe(built.items.length);
    loaded.items.forEach((item, i) => {
      expect(item.background).toBe(built.items[i]!.background);
      expect(item.presentation).toBe(built.items[i]!.presentation);
      expect(item.sections).toEqual(built.items[i]!.sections);
    });
    expect(loaded.items[0]!.background).toContain('🙂');
    expect(loaded.passageText(3, 0)).toBe(built.passageText(3, 0));
  }, 60_000);

  it('looks like a plain item to callers: keys, JSON, spread, assignment', async () => {
    const { built, loaded } = await savedAndLoaded();
    const item = loaded.items[5]!;
    const want = built.items[5]!;
    expect(Object.keys(item).sort()).toEqual(Object.keys(want).sort());
    expect(JSON.parse(JSON.stringify(item))).toEqual(JSON.parse(JSON.stringify(want)));
    expect({ ...loaded.items[6]! }).toEqual({ ...built.items[6]! });
    // After the first read the text is an ordinary string property.
    const descriptor = Object.getOwnPropertyDescriptor(item, 'background')!;
    expect(descriptor.value).toBe(want.background);
    expect(descriptor.get).toBeUndefined();
    const other = loaded.items[7]!;
    other.presentation = 'ny tekst';
    expect(other.presentation).toBe('ny tekst');
    expect(loaded.items[8]!.presentation).toBe(built.items[8]!.presentation);
  }, 60_000);

  it('saves a loaded index again without losing text', async () => {
    const { built, loaded } = await savedAndLoaded();
    const again = tempDir('moedebot-text-');
    const corpusDir = tempDir('moedebot-corpus-');
    await saveIndex(again, loaded, await corpusFingerprint(corpusDir));
    const reloaded = await loadOrBuildIndex(corpusDir, again);
    expect(reloaded.rebuilt).toBe(false);
    expect(reloaded.index.items).toEqual(built.items);
  }, 60_000);
});
