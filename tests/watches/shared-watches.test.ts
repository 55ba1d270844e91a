import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngine } from '../../src/answer/engine.js';
import { migrate } from '../../src/db/migrate.js';
import { MIGRATIONS } from '../../src/db/migrations/index.js';
import type { SqlClient } from '../../src/db/sql-client.js';
import { createLogger } from '../../src/log.js';
import { PostgresWatchStore } from '../../src/state/postgres/watch-store.js';
import { TopicWatcher, type WatchMatch, type WatchTarget } from '../../src/watches/topic-watcher.js';
import { DATABASE_KINDS, type TestDatabase } from '../helpers/databases.js';
import { tempDir } from '../helpers/temp-dir.js';

/**
 * Two bots sharing one database, each with its own index of the same corpus, check a new agenda
 * against a channel's topic at the same moment: the channel gets the match once.
 */

const logger = createLogger('silent');

class RecordingTarget implements WatchTarget {
  readonly posts: Array<{ channel: string; match: WatchMatch }> = [];
  constructor(readonly platform: string) {}
  async post(channel: string, match: WatchMatch): Promise<void> {
    this.posts.push({ channel, match });
  }
}

async function bot(corpusDir: string, client: SqlClient) {
  const engine = await openEngine({ corpusDir, dataDir: tempDir() });
  const target = new RecordingTarget('slack');
  const store = new PostgresWatchStore(client);
  return { engine, target, store, watcher: new TopicWatcher({ engine, store, targets: [target], logger, retryMs: 60_000 }) };
}

describe.each(DATABASE_KINDS)('topic watches of two bots on one database ($name)', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await kind.open();
    await migrate(db.client, MIGRATIONS);
  });
  afterAll(() => db?.drop());

  it('post a new agenda\'s match to the following channel once between them', async () => {
    const corpusDir = tempDir();
    copyFileSync('corpus/kkr-hovedstaden-2024-06-18-dagsorden.txt', path.join(corpusDir, 'kkr-hovedstaden-2024-06-18-dagsorden.txt'));
    copyFileSync('corpus/synonyms.json', path.join(corpusDir, 'synonyms.json'));
    const a = await bot(corpusDir, db.client);
    const b = await bot(corpusDir, db.another());
    try {
      await a.watcher.check();
      expect(await b.store.add({ platform: 'slack', channel: 'C0PHYSIO', topic: 'fysioterapi', createdAt: '2025-04-01T08:00:00.000Z' })).toBe(true);

      copyFileSync('corpus/kkr-hovedstaden-2025-04-11-dagsorden.txt', path.join(corpusDir, 'kkr-hovedstaden-2025-04-11-dagsorden.txt'));
      await Promise.all([a.engine.reload(), b.engine.reload()]);
      await Promise.all([a.watcher.check(), b.watcher.check()]);
      const posts = [...a.target.posts, ...b.target.posts];
      expect(posts.map((p) => p.channel)).toEqual(['C0PHYSIO']);
      expect(posts[0]!.match.hits[0]!.item.id).toBe('kkr-hovedstaden-2025-04-11-3.6');

      // Checked again (the retry a bot schedules when the other was posting): nothing more.
      await Promise.all([a.watcher.check(), b.watcher.check()]);
      expect(a.target.posts.length + b.target.posts.length).toBe(1);
    } finally {
      a.watcher.stop();
      b.watcher.stop();
    }
  });
});
