import { afterEach, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openEngine } from '../../src/answer/engine.js';
import { watchCorpus } from '../../src/answer/watch-corpus.js';

/** Removed after each test, also one that failed or timed out. */
const cleanup: string[] = [];
const closers: Array<{ close(): void }> = [];
afterEach(() => {
  for (const watcher of closers.splice(0)) watcher.close();
  for (const dir of cleanup.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('a growing corpus', () => {
  it('indexes an agenda dropped into the folder while the bot runs', async () => {
    const corpusDir = mkdtempSync(path.join(os.tmpdir(), 'moedebot-watch-'));
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'moedebot-watch-data-'));
    cleanup.push(corpusDir, dataDir);
    copyFileSync('corpus/kkr-hovedstaden-2024-06-18-dagsorden.txt', path.join(corpusDir, 'juni-2024.txt'));
    const engine = await openEngine({ corpusDir, dataDir });
    expect((await engine.meetings())).toHaveLength(1);
    expect((await engine.ask('SAG-2025-01103')).status).toBe('not-found');

    let reloaded!: () => void;
    const done = new Promise<void>((resolve) => (reloaded = resolve));
    const watcher = watchCorpus(
      corpusDir,
      async () => {
        await engine.reload();
        reloaded();
      },
      100,
    );
    copyFileSync('corpus/kkr-hovedstaden-2025-04-11-dagsorden.txt', path.join(corpusDir, 'april-2025.txt'));
    closers.push(watcher);
    await done;

    expect((await engine.meetings()).map((m) => m.meetingDate)).toEqual(['2024-06-18', '2025-04-11']);
    expect((await engine.ask('fysioterapi')).results[0]?.item.id).toBe('kkr-hovedstaden-2025-04-11-3.6');
  });

  it('notices a document stored deep in a subfolder, as the fetcher stores them', async () => {
    const corpusDir = mkdtempSync(path.join(os.tmpdir(), 'moedebot-watch-sub-'));
    cleanup.push(corpusDir);
    // The folder exists before the watcher starts, so only a change deep inside it can be noticed.
    const folder = path.join(corpusDir, 'fetched', 'www.kl.dk', 'media', 'a1');
    mkdirSync(folder, { recursive: true });
    let changed!: () => void;
    const noticed = new Promise<void>((resolve) => (changed = resolve));
    const watcher = watchCorpus(corpusDir, async () => changed(), 100);
    closers.push(watcher);
    writeFileSync(path.join(folder, 'dagsorden.pdf'), '%PDF-1.4\n%%EOF\n');
    await noticed;
  });
});
