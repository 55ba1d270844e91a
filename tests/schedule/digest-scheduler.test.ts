import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AnswerEngine } from '../../src/answer/types.js';
import { openEngine } from '../../src/answer/engine.js';
import { readPostedState, STATE_FILE } from '../../src/schedule/posted-state.js';
import { FileDigestPostStore } from '../../src/schedule/digest-post-store.js';
import { startDigestScheduler, type DigestScheduler } from '../../src/schedule/digest-scheduler.js';
import { AGENDA_2024, AGENDA_2025, openSeedEngine, partialCorpus } from '../digest/seed-engine.js';
import { capturingLogger, digestConfig, recordingTarget, tempDir } from './helpers.js';

let engine: AnswerEngine;
const running: DigestScheduler[] = [];

beforeAll(async () => {
  ({ engine } = await openSeedEngine());
});

afterEach(() => {
  for (const s of running.splice(0)) s.stop();
  vi.useRealTimers();
});

type StartOptions = Omit<Parameters<typeof startDigestScheduler>[0], 'engine' | 'config' | 'logger' | 'posts'> & Partial<Parameters<typeof startDigestScheduler>[0]> & { dataDir: string };

/** A scheduler with its posted-state in `dataDir/digest-state.json`, as the bot without DATABASE_URL. */
function start({ dataDir, ...options }: StartOptions) {
  const log = capturingLogger();
  const posts = new FileDigestPostStore(dataDir, log.logger);
  const scheduler = startDigestScheduler({ engine, config: digestConfig(), logger: log.logger, corpusDir: 'corpus', posts, ...options });
  running.push(scheduler);
  return { scheduler, log };
}

/** Monday 2 June 2025, 08:00 in Copenhagen: after that morning's posting time. */
const MONDAY_8AM = () => new Date('2025-06-02T06:00:00Z');

describe('startDigestScheduler: when it fires', () => {
  it('fires at 07:30 Copenhagen time on weekdays across the spring daylight-saving change', () => {
    const { scheduler } = start({ targets: [], dataDir: tempDir(), catchUp: false });
    expect(scheduler.nextRuns(3, new Date('2025-03-28T00:00:00Z')).map((d) => d.toISOString())).toEqual([
      '2025-03-28T06:30:00.000Z',
      '2025-03-31T05:30:00.000Z',
      '2025-04-01T05:30:00.000Z',
    ]);
  });

  it('fires at 07:30 Copenhagen time on weekdays across the autumn daylight-saving change', () => {
    const { scheduler } = start({ targets: [], dataDir: tempDir(), catchUp: false });
    expect(scheduler.nextRuns(3, new Date('2025-10-24T00:00:00Z')).map((d) => d.toISOString())).toEqual([
      '2025-10-24T05:30:00.000Z',
      '2025-10-27T06:30:00.000Z',
      '2025-10-28T06:30:00.000Z',
    ]);
  });

  it('posts each weekday morning\'s digest when the clock reaches it, skipping the weekend (fake clock)', async () => {
    vi.useFakeTimers({ now: new Date('2025-03-28T06:00:00Z'), toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    const slack = recordingTarget();
    const { scheduler } = start({ targets: [{ target: slack.target, channels: ['C1'] }], dataDir: tempDir() });
    const expected = [
      ['2025-03-28T06:30:00.000Z', '2025-03-28'],
      ['2025-03-31T05:30:00.000Z', '2025-03-31'],
      ['2025-04-01T05:30:00.000Z', '2025-04-01'],
    ] as const;
    for (const [i, [fire, day]] of expected.entries()) {
      expect(scheduler.nextRun()?.toISOString()).toBe(fire);
      // Jump to a minute before (croner re-checks at least every 30 s), then let the clock run past it.
      vi.setSystemTime(new Date(fire).getTime() - 60_000);
      await vi.advanceTimersByTimeAsync(90_000);
      await slack.waitForCalls(i + 1);
      await scheduler.idle();
      expect(slack.posts[i]?.digest.date).toBe(day);
    }
    expect(slack.posts.map((p) => p.digest.date)).toEqual(['2025-03-28', '2025-03-31', '2025-04-01']);
    // 28 March: the 11 April agenda is published and within the 14-day window.
    expect(slack.posts[0]?.digest.meetings.find((m) => m.committee === 'KKR Hovedstaden')).toMatchObject({ date: '2025-04-11', status: 'published' });
  });

  it('refuses a malformed cron expression with a line naming DIGEST_CRON', () => {
    expect(() => start({ targets: [], dataDir: tempDir(), config: digestConfig({ cron: '30 7 * *' }) })).toThrow(/DIGEST_CRON is malformed/);
  });
});

describe('startDigestScheduler: posting once', () => {
  it('does not post the same day\'s digest twice, also after a restart on the same data dir', async () => {
    const dataDir = tempDir();
    const slack = recordingTarget();
    const first = start({ targets: [{ target: slack.target, channels: ['C1'] }], dataDir, now: MONDAY_8AM });
    await slack.waitForCalls(1);
    expect((await first.scheduler.runOnce('2025-06-02')).status).toBe('already-posted');
    first.scheduler.stop();

    const second = start({ targets: [{ target: slack.target, channels: ['C1'] }], dataDir, now: MONDAY_8AM });
    await second.log.waitFor('digest already posted today');
    expect((await second.scheduler.runOnce(new Date('2025-06-02T10:00:00Z'))).status).toBe('already-posted');
    expect(slack.calls()).toBe(1);
    expect(slack.posts[0]?.digest.meetings[0]).toMatchObject({ committee: 'KKR Hovedstaden', date: '2025-06-18', status: 'expected' });

    const state = await readPostedState(dataDir);
    expect(state.days['2025-06-02']).toMatchObject({ done: ['slack:C1'], attempts: 1 });
    expect(fs.readdirSync(dataDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('still posts the next day, marking only what is new since the last posted digest', async () => {
    const corpusDir = partialCorpus([AGENDA_2024]);
    const partial = await openEngine({ corpusDir, dataDir: tempDir() });
    const dataDir = tempDir();
    const slack = recordingTarget();
    const { scheduler } = start({ engine: partial, corpusDir, targets: [{ target: slack.target, channels: ['C1'] }], dataDir, catchUp: false });

    expect((await scheduler.runOnce('2025-04-04')).status).toBe('posted');
    const before = slack.posts[0]!.digest.meetings.find((m) => m.committee === 'KKR Hovedstaden');
    expect(before).toMatchObject({ date: '2025-04-11', status: 'expected', items: [] });

    // The agenda of 11 April is published: it lands in the corpus and the engine reloads.
    fs.copyFileSync(path.join('corpus', AGENDA_2025), path.join(corpusDir, AGENDA_2025));
    await partial.reload();
    expect((await scheduler.runOnce('2025-04-07')).status).toBe('posted');
    const after = slack.posts[1]!.digest.meetings;
    expect(after.find((m) => m.committee === 'KKR Hovedstaden')).toMatchObject({ date: '2025-04-11', status: 'published', isNew: true });
    expect(after.find((m) => m.committee === 'KKR Hovedstaden')?.items.find((i) => i.number === '3.6')?.isNew).toBe(true);
    expect(after.find((m) => m.committee === 'KKR Sjælland')).toMatchObject({ date: '2025-04-08', isNew: false });
  });
});

describe('startDigestScheduler: failures', () => {
  it('retries after a failed post and succeeds later the same day', async () => {
    const dataDir = tempDir();
    const slack = recordingTarget((_channel, call) => call === 1);
    const { scheduler, log } = start({ targets: [{ target: slack.target, channels: ['C1'] }], dataDir, now: MONDAY_8AM, retryDelayMs: 20 });
    await slack.waitForCalls(2);
    expect((await scheduler.runOnce('2025-06-02')).status).toBe('already-posted');
    expect(slack.posts.map((p) => p.channel)).toEqual(['C1']);
    expect(log.lines.some((l) => l.msg === 'digest could not be posted' && l.channel === 'slack:C1')).toBe(true);
    expect((await readPostedState(dataDir)).days['2025-06-02']).toMatchObject({ done: ['slack:C1'], attempts: 2 });
  });

  it('retries only the channel that failed', async () => {
    const slack = recordingTarget((channel, call) => channel === 'C2' && call <= 2);
    const { scheduler } = start({ targets: [{ target: slack.target, channels: ['C1', 'C2'] }], dataDir: tempDir(), now: MONDAY_8AM, retryDelayMs: 20 });
    await slack.waitForCalls(3);
    expect((await scheduler.runOnce('2025-06-02')).status).toBe('already-posted');
    expect(slack.posts.map((p) => p.channel)).toEqual(['C1', 'C2']);
  });

  it('gives up after three attempts without throwing', async () => {
    const slack = recordingTarget(() => true);
    const { log } = start({ targets: [{ target: slack.target, channels: ['C1'] }], dataDir: tempDir(), now: MONDAY_8AM, retryDelayMs: 10 });
    await log.waitFor('digest not posted everywhere; giving up for today');
    expect(slack.calls()).toBe(3);
    expect(log.lines.filter((l) => l.msg === 'digest could not be posted')).toHaveLength(3);
  });

  it('does not retry into the next day', async () => {
    const slack = recordingTarget(() => true);
    const { log } = start({
      targets: [{ target: slack.target, channels: ['C1'] }],
      dataDir: tempDir(),
      now: () => new Date('2025-06-02T21:55:00Z'), // 23:55 in Copenhagen
    });
    await log.waitFor('digest not posted everywhere and the day is over; giving up');
    expect(slack.calls()).toBe(1);
  });

  it('starts over on a corrupt state file instead of crashing', async () => {
    const dataDir = tempDir();
    fs.writeFileSync(path.join(dataDir, STATE_FILE), '{ not json');
    const slack = recordingTarget();
    const { scheduler } = start({ targets: [{ target: slack.target, channels: ['C1'] }], dataDir, catchUp: false });
    expect((await scheduler.runOnce('2025-06-02')).status).toBe('posted');
    const aside = fs.readdirSync(dataDir).filter((f) => f.startsWith(`${STATE_FILE}.corrupt-`));
    expect(aside).toHaveLength(1);
    expect(fs.readFileSync(path.join(dataDir, aside[0]!), 'utf8')).toBe('{ not json');
  });
});
