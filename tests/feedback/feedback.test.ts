import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openEngine } from '../../src/answer/engine.js';
import type { AnswerEngine } from '../../src/answer/types.js';
import { FeedbackRecorder } from '../../src/feedback/feedback.js';
import { buildFeedbackReport } from '../../src/feedback/report.js';
import { FEEDBACK_SALT_FILE, feedbackSalt, hashUser } from '../../src/feedback/user-hash.js';
import { FileFeedbackStore } from '../../src/state/feedback-store.js';
import { startProcess, TSX_NODE_ARGS } from '../helpers/bot-process.js';
import { tempDir } from '../helpers/temp-dir.js';

let engine: AnswerEngine;
beforeAll(async () => {
  engine = await openEngine({ corpusDir: 'corpus', dataDir: tempDir() });
});

describe('the feedback key', () => {
  it('is generated once, kept readable by the bot only, and reused', async () => {
    const dataDir = tempDir();
    const salt = await feedbackSalt(dataDir);
    expect(salt).toMatch(/^[0-9a-f]{64}$/);
    const file = path.join(dataDir, FEEDBACK_SALT_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await feedbackSalt(dataDir)).toBe(salt);
    expect(await feedbackSalt(dataDir, 'configured-salt-0123456789')).toBe('configured-salt-0123456789');
  });

  it('hashes the same person alike per platform, and never keeps the id', () => {
    expect(hashUser('k', 'slack', 'U0ASKER')).toBe(hashUser('k', 'slack', 'U0ASKER'));
    expect(hashUser('k', 'slack', 'U0ASKER')).not.toBe(hashUser('k', 'discord', 'U0ASKER'));
    expect(hashUser('k', 'slack', 'U0ASKER')).not.toBe(hashUser('other key', 'slack', 'U0ASKER'));
    expect(hashUser('k', 'slack', 'U0ASKER')).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('FeedbackRecorder', () => {
  it('stores a vote with the question, the item, platform, channel and time, the user only as a hash; a second vote replaces the first', async () => {
    const dataDir = tempDir();
    const store = await FileFeedbackStore.open(dataDir);
    const recorder = new FeedbackRecorder(store, 'key-0123456789abcdef', engine, () => new Date('2025-04-14T08:00:00Z'));
    await recorder.vote({ vote: 'up', question: 'fysioterapi', itemId: 'kkr-hovedstaden-2025-04-11-3.6', platform: 'slack', channel: 'C0GENERAL', userId: 'U0ASKER' });
    await recorder.vote({ vote: 'down', question: 'fysioterapi', itemId: 'kkr-hovedstaden-2025-04-11-3.6', platform: 'slack', channel: 'C0GENERAL', userId: 'U0ASKER' });
    await store.idle();
    expect(await store.votes()).toEqual([
      {
        vote: 'down',
        question: 'fysioterapi',
        itemId: 'kkr-hovedstaden-2025-04-11-3.6',
        itemTitle: '3.6 Forslag til revision af kapacitetsdel af praksisplan for fysioterapi',
        platform: 'slack',
        channel: 'C0GENERAL',
        user: hashUser('key-0123456789abcdef', 'slack', 'U0ASKER'),
        at: '2025-04-14T08:00:00.000Z',
      },
    ]);
    expect(readFileSync(path.join(dataDir, 'feedback.json'), 'utf8')).not.toContain('U0ASKER');
  });
});

describe('the feedback report', () => {
  it('lists 👎 answers and questions that found nothing, most frequent first, reading retyped questions as one', () => {
    const vote = (v: 'up' | 'down', question: string, itemId: string, user: string, at: string) => ({ vote: v, question, itemId, platform: 'slack', channel: 'C1', user, at });
    const report = buildFeedbackReport(
      [
        vote('down', 'flygtninge', 'a', 'u1', '2025-04-01T08:00:00Z'),
        vote('down', 'Flygtninge?', 'a', 'u2', '2025-04-03T08:00:00Z'),
        vote('down', 'budget', 'b', 'u1', '2025-04-02T08:00:00Z'),
        vote('up', 'fysioterapi', 'c', 'u1', '2025-04-02T08:00:00Z'),
      ],
      [
        { question: 'robotter', platform: 'teams', channel: 'x', at: '2025-04-01T08:00:00Z' },
        { question: 'ældrepleje i Gribskov', platform: 'slack', channel: 'C1', at: '2025-04-01T08:00:00Z' },
        { question: 'Robotter ', platform: 'discord', channel: 'y', at: '2025-04-05T08:00:00Z' },
      ],
    );
    expect(report.totals).toEqual({ up: 1, down: 3, unanswered: 3 });
    expect(report.downVoted.map((d) => [d.question, d.count, d.last])).toEqual([
      ['flygtninge', 2, '2025-04-03T08:00:00Z'],
      ['budget', 1, '2025-04-02T08:00:00Z'],
    ]);
    expect(report.unanswered.map((u) => [u.question, u.count, u.platforms])).toEqual([
      ['robotter', 2, ['teams', 'discord']],
      ['ældrepleje i Gribskov', 1, ['slack']],
    ]);
  });
});

describe('npm run feedback', () => {
  async function run(dataDir: string, ...args: string[]): Promise<{ code: number | string; out: string; err: string }> {
    const cli = startProcess(process.execPath, [...TSX_NODE_ARGS, 'src/cli/feedback.ts', ...args], { env: { DATA_DIR: dataDir } });
    const code = await cli.exited;
    return { code, out: cli.out(), err: cli.err() };
  }

  it('prints the report as JSON, from a day on', async () => {
    const dataDir = tempDir();
    const store = await FileFeedbackStore.open(dataDir);
    const recorder = new FeedbackRecorder(store, 'key-0123456789abcdef', engine, () => new Date('2025-04-14T08:00:00Z'));
    await recorder.vote({ vote: 'down', question: 'flygtninge', itemId: 'kkr-hovedstaden-2024-06-18-4.3', platform: 'discord', channel: '444', userId: '555' });
    await store.addUnanswered({ question: 'robotstøvsugere', platform: 'teams', channel: '19:x', at: '2025-03-01T08:00:00.000Z' });
    await store.idle();

    const all = await run(dataDir, '--json');
    expect(all.code).toBe(0);
    const report = JSON.parse(all.out);
    expect(report.downVoted).toEqual([
      { question: 'flygtninge', itemId: 'kkr-hovedstaden-2024-06-18-4.3', itemTitle: '4.3 Kommunefordeling af flygtninge for 2025', count: 1, last: '2025-04-14T08:00:00.000Z', platforms: ['discord'] },
    ]);
    expect(report.unanswered.map((u: { question: string }) => u.question)).toEqual(['robotstøvsugere']);

    const recent = JSON.parse((await run(dataDir, '--json', '--since', '2025-04-01')).out);
    expect(recent.since).toBe('2025-04-01');
    expect(recent.unanswered).toEqual([]);
    expect(recent.downVoted).toHaveLength(1);

    const text = await run(dataDir);
    expect(text.out).toContain('Svar med 👎, hyppigste først:');
    expect(text.out).toContain('1 × «flygtninge» → 4.3 Kommunefordeling af flygtninge for 2025  [discord; senest 2025-04-14]');

    const bad = await run(dataDir, '--since', 'i går');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/--since skal være en dato som ÅÅÅÅ-MM-DD/);
  });
});
