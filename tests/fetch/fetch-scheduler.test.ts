import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig, type SourcesConfig } from '../../src/config.js';
import { ConfigError } from '../../src/errors.js';
import { startFetchScheduler, type FetchScheduler } from '../../src/fetch/fetch-scheduler.js';
import { createLogger } from '../../src/log.js';
import { listingPage, Publisher, seedPdf } from './publisher.js';

let site: Publisher;
let tmp: string;
let scheduler: FetchScheduler | undefined;
beforeEach(async () => {
  site = await Publisher.start();
  tmp = mkdtempSync(path.join(os.tmpdir(), 'moedebot-fetch-schedule-'));
});
afterEach(async () => {
  scheduler?.stop();
  await scheduler?.idle();
  scheduler = undefined;
  await site.close();
  rmSync(tmp, { recursive: true, force: true });
});

function sourcesConfig(cron: string): SourcesConfig {
  const config = loadConfig({ SOURCES: site.url('/moedemateriale'), SOURCES_CONTACT: 'it@eksempel.dk', SOURCES_CRON: cron });
  return config.sources!;
}

describe('startFetchScheduler', () => {
  it('fetches at start, then on its schedule picks up a document published meanwhile', async () => {
    site.document('/moedemateriale', listingPage('Mødemateriale', [['/d-2024.pdf', 'Dagsorden 18. juni 2024']]));
    site.document('/d-2024.pdf', await seedPdf('2024-06-18'));
    const corpusDir = path.join(tmp, 'corpus');
    // Every second, so one interval passes quickly.
    scheduler = startFetchScheduler({ config: sourcesConfig('* * * * * *'), corpusDir, dataDir: path.join(tmp, 'data'), logger: createLogger('silent'), client: { hostGapMs: 0 } });
    const first = await scheduler.runOnce();
    expect(first.documents.map((d) => [d.url, d.status])).toEqual([[site.url('/d-2024.pdf'), 'new']]);

    site.document('/moedemateriale', listingPage('Mødemateriale', [['/d-2024.pdf', 'Dagsorden 18. juni 2024'], ['/d-2025.pdf', 'Dagsorden 11. april 2025']]));
    site.document('/d-2025.pdf', await seedPdf('2025-04-11'));
    const file = path.join(corpusDir, 'fetched', new URL(site.origin).host.replace(':', '_'), 'd-2025.pdf');
    while (!existsSync(file)) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(site.hits('/d-2025.pdf', 200)).toHaveLength(1);
  });

  it('refuses a malformed SOURCES_CRON with a line naming it', () => {
    expect(() => startFetchScheduler({ config: sourcesConfig('every hour'), corpusDir: tmp, dataDir: tmp, logger: createLogger('silent'), runAtStart: false })).toThrow(ConfigError);
    expect(() => startFetchScheduler({ config: sourcesConfig('every hour'), corpusDir: tmp, dataDir: tmp, logger: createLogger('silent'), runAtStart: false })).toThrow(/^SOURCES_CRON is malformed/);
  });
});
