import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscord } from '../../src/adapters/discord/start.js';
import { openEngine } from '../../src/answer/engine.js';
import type { AnswerEngine } from '../../src/answer/types.js';
import { createLogger } from '../../src/log.js';
import { SupervisedAdapter } from '../../src/service/supervise.js';
import { APP_ID, FakeDiscord } from '../stand-ins/discord.js';
import { tempDir } from '../helpers/temp-dir.js';

const lines: Array<Record<string, any>> = [];
const logger = createLogger('warn', { format: 'json', write: (l) => void lines.push(JSON.parse(l)) });
let engine: AnswerEngine;

beforeAll(async () => {
  engine = await openEngine({ corpusDir: 'corpus', dataDir: tempDir() });
});

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 50));
}

describe('a platform that is down at start', () => {
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = await new FakeDiscord().start();
  });
  afterAll(async () => {
    await fake?.close();
  });

  it('is retried with back-off until Discord’s gateway is back, and then serves', async () => {
    fake.gatewayDown = true;
    const discord = new SupervisedAdapter({
      name: 'discord',
      logger,
      firstDelayMs: 100,
      startWaitMs: 200,
      start: () => startDiscord(engine, { token: 'MTE.fake.token', applicationId: APP_ID, caseNumberReplies: false }, logger, { api: fake.api, readyTimeoutMs: 1000 }),
    });
    try {
      // Start-up goes on without it.
      await discord.firstAttempt;
      expect(discord.state()).not.toBe('connected');
      await until(() => lines.some((l) => /discord could not start; retrying in/.test(l.msg)));
      fake.gatewayDown = false;
      await until(() => discord.state() === 'connected');
      expect(fake.identifies.length).toBeGreaterThan(0);
    } finally {
      await discord.stop();
    }
    expect(discord.state()).toBe('stopped');
  });
});
