import { copyFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openEngine } from '../../src/answer/engine.js';
import { createLogger } from '../../src/log.js';
import { FileWatchStore } from '../../src/state/watch-store.js';
import { TopicWatcher, type WatchMatch, type WatchTarget } from '../../src/watches/topic-watcher.js';
import { tempDir } from '../helpers/temp-dir.js';

/**
 * Topic watches over the real seed agendas: the corpus starts with June 2024, a channel follows
 * "fysioterapi", and the April 2025 agenda (item 3.6, the physiotherapy practice plan) arrives.
 */

const logger = createLogger('silent');

/** A platform that records what it was asked to post, and can be told to refuse. */
class RecordingTarget implements WatchTarget {
  readonly posts: Array<{ channel: string; match: WatchMatch }> = [];
  refuse = false;
  constructor(readonly platform: string) {}
  async post(channel: string, match: WatchMatch): Promise<void> {
    if (this.refuse) throw new Error('channel_not_found');
    this.posts.push({ channel, match });
  }
}

async function corpusWithJune2024(): Promise<string> {
  const dir = tempDir();
  copyFileSync('corpus/kkr-hovedstaden-2024-06-18-dagsorden.txt', path.join(dir, 'kkr-hovedstaden-2024-06-18-dagsorden.txt'));
  copyFileSync('corpus/synonyms.json', path.join(dir, 'synonyms.json'));
  return dir;
}

function addApril2025(corpusDir: string): void {
  copyFileSync('corpus/kkr-hovedstaden-2025-04-11-dagsorden.txt', path.join(corpusDir, 'kkr-hovedstaden-2025-04-11-dagsorden.txt'));
}

describe('TopicWatcher', () => {
  it('posts the new agenda\'s physiotherapy item to the following channel once, also after a restart', async () => {
    const corpusDir = await corpusWithJune2024();
    const dataDir = tempDir();
    const engine = await openEngine({ corpusDir, dataDir });
    const store = await FileWatchStore.open(dataDir, logger);
    const slack = new RecordingTarget('slack');
    const watcher = new TopicWatcher({ engine, store, targets: [slack], logger });

    // The first check takes what is indexed as known: nothing is news yet.
    expect(await watcher.check()).toEqual({ newMaterial: [], posted: [], failed: [] });
    await store.add({ platform: 'slack', channel: 'C0PHYSIO', topic: 'fysioterapi', createdAt: '2025-04-01T08:00:00.000Z' });
    await store.add({ platform: 'slack', channel: 'C0OTHER', topic: 'robotstøvsugere', createdAt: '2025-04-01T08:00:00.000Z' });

    addApril2025(corpusDir);
    await engine.reload();
    const result = await watcher.check();
    expect(result.newMaterial).toEqual(['kkr-hovedstaden-2025-04-11#agenda']);
    expect(slack.posts.map((p) => p.channel)).toEqual(['C0PHYSIO']);
    const ids = slack.posts[0]!.match.hits.map((h) => h.item.id);
    expect(ids[0]).toBe('kkr-hovedstaden-2025-04-11-3.6');
    expect(ids.every((id) => id.startsWith('kkr-hovedstaden-2025-04-11-'))).toBe(true);
    expect(slack.posts[0]!.match.topic).toBe('fysioterapi');

    // Nothing new: nothing posted.
    expect((await watcher.check()).posted).toEqual([]);
    await store.idle();

    // A restarted bot finds the material checked and the items posted.
    const again = new RecordingTarget('slack');
    const restarted = new TopicWatcher({ engine: await openEngine({ corpusDir, dataDir }), store: await FileWatchStore.open(dataDir, logger), targets: [again], logger });
    expect(await restarted.check()).toEqual({ newMaterial: [], posted: [], failed: [] });
    expect(again.posts).toEqual([]);
  });

  it('checks material that arrived while the bot was down at the first check after start', async () => {
    const corpusDir = await corpusWithJune2024();
    const dataDir = tempDir();
    const store = await FileWatchStore.open(dataDir, logger);
    await new TopicWatcher({ engine: await openEngine({ corpusDir, dataDir }), store, targets: [], logger }).check();
    await store.add({ platform: 'discord', channel: '444', topic: 'fysioterapi', createdAt: '2025-04-01T08:00:00.000Z' });
    await store.idle();

    addApril2025(corpusDir);
    const discord = new RecordingTarget('discord');
    await new TopicWatcher({ engine: await openEngine({ corpusDir, dataDir }), store: await FileWatchStore.open(dataDir, logger), targets: [discord], logger }).check();
    expect(discord.posts.map((p) => p.match.hits[0]!.item.id)).toEqual(['kkr-hovedstaden-2025-04-11-3.6']);
  });

  it('tries a refused post again at the next check, and never posts an item twice to a channel', async () => {
    const corpusDir = await corpusWithJune2024();
    const dataDir = tempDir();
    const engine = await openEngine({ corpusDir, dataDir });
    const store = await FileWatchStore.open(dataDir, logger);
    const teams = new RecordingTarget('teams');
    const watcher = new TopicWatcher({ engine, store, targets: [teams], logger, retryMs: 3_600_000 });
    await watcher.check();
    await store.add({ platform: 'teams', channel: '19:kkr@thread.tacv2', topic: 'fysioterapi', createdAt: '2025-04-01T08:00:00.000Z' });
    await store.add({ platform: 'teams', channel: '19:kkr@thread.tacv2', topic: 'praksisplan for fysioterapi', createdAt: '2025-04-01T08:00:00.000Z' });

    addApril2025(corpusDir);
    await engine.reload();
    teams.refuse = true;
    const refused = await watcher.check();
    expect(refused.failed.map((f) => f.error)).toEqual(['channel_not_found', 'channel_not_found']);
    expect(await store.checkedMaterial()).not.toContain('kkr-hovedstaden-2025-04-11#agenda');

    teams.refuse = false;
    const retried = await watcher.check();
    expect(retried.newMaterial).toEqual(['kkr-hovedstaden-2025-04-11#agenda']);
    // Two topics match item 3.6; the channel gets it once.
    const posted = teams.posts.flatMap((p) => p.match.hits.map((h) => h.item.id));
    expect(posted.filter((id) => id === 'kkr-hovedstaden-2025-04-11-3.6')).toHaveLength(1);
    expect(new Set(posted).size).toBe(posted.length);
    expect(await store.checkedMaterial()).toContain('kkr-hovedstaden-2025-04-11#agenda');
    watcher.stop();
  });

  it('leaves the watches of a platform this process does not run waiting, without holding anything up', async () => {
    const corpusDir = await corpusWithJune2024();
    const dataDir = tempDir();
    const engine = await openEngine({ corpusDir, dataDir });
    const store = await FileWatchStore.open(dataDir, logger);
    const watcher = new TopicWatcher({ engine, store, targets: [], logger });
    await watcher.check();
    await store.add({ platform: 'terminal', channel: 'terminal', topic: 'fysioterapi', createdAt: '2025-04-01T08:00:00.000Z' });
    addApril2025(corpusDir);
    await engine.reload();
    expect(await watcher.check()).toMatchObject({ posted: [], failed: [] });
    expect(await store.checkedMaterial()).toContain('kkr-hovedstaden-2025-04-11#agenda');
  });
});

describe('FileWatchStore', () => {
  it('sets a damaged file aside and starts afresh', async () => {
    const dataDir = tempDir();
    writeFileSync(path.join(dataDir, 'watches.json'), '{"watches": [ {"platform": "slack"');
    const lines: string[] = [];
    const store = await FileWatchStore.open(dataDir, createLogger('warn', { format: 'json', write: (l) => lines.push(l) }));
    expect(await store.list()).toEqual([]);
    expect(await store.checkedMaterial()).toBeUndefined();
    expect(lines.join('\n')).toMatch(/topic watches file is damaged \(it is not complete JSON\); moved aside to watches\.json\.corrupt-/);
  });
});
