import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlack, type RunningSlack } from '../../src/adapters/slack/start.js';
import type { AnswerEngine } from '../../src/answer/types.js';
import { createLogger } from '../../src/log.js';
import { readPostedState } from '../../src/schedule/posted-state.js';
import { FileDigestPostStore } from '../../src/schedule/digest-post-store.js';
import { startDigestScheduler, type DigestScheduler } from '../../src/schedule/digest-scheduler.js';
import { startSlackApiServer, type SlackApiServer } from '../stand-ins/slack-api.js';
import { openSeedEngine } from '../digest/seed-engine.js';
import { capturingLogger, digestConfig, tempDir } from './helpers.js';

/**
 * The scheduler posting through the real Slack adapter (Bolt's Web API client) to a local server
 * standing in for Slack's Web API.
 */

let slack: SlackApiServer;
let engine: AnswerEngine;
let running: RunningSlack;
const schedulers: DigestScheduler[] = [];

/** Monday 2 June 2025, 08:00 in Copenhagen: after that morning's posting time. */
const MONDAY_8AM = () => new Date('2025-06-02T06:00:00Z');

beforeAll(async () => {
  slack = await startSlackApiServer();
  ({ engine } = await openSeedEngine());
  running = await startSlack(
    engine,
    {
      botToken: 'xoxb-test-token',
      signingSecret: 'test-signing-secret',
      mode: 'http',
      port: 0,
      apiUrl: slack.apiUrl,
      command: '/dagsorden',
      response: 'in_channel',
      caseNumberReplies: false,
    },
    createLogger('silent'),
  );
});

afterAll(async () => {
  for (const s of schedulers) s.stop();
  await running?.stop();
  await slack?.close();
});

function textOf(args: Record<string, unknown>): string {
  return JSON.stringify([args.text, args.blocks]);
}

describe('digest posted to Slack', () => {
  it('posts the rendered digest with chat.postMessage, retries when Slack refuses, and never twice after a restart', async () => {
    const dataDir = tempDir();
    const destination = { target: running.digestTarget, channels: ['C0DIGEST'] };
    slack.failNext('chat.postMessage', 'not_in_channel');

    const first = capturingLogger();
    const scheduler = startDigestScheduler({
      engine,
      targets: [destination],
      config: digestConfig(),
      posts: new FileDigestPostStore(dataDir, first.logger),
      logger: first.logger,
      now: MONDAY_8AM,
      retryDelayMs: 20,
    });
    schedulers.push(scheduler);

    const refused = await slack.nextCall('chat.postMessage');
    expect(refused.args.channel).toBe('C0DIGEST');
    const posted = await slack.nextCall('chat.postMessage');
    expect(posted.args.channel).toBe('C0DIGEST');
    expect(posted.token).toBe('xoxb-test-token');
    expect(posted.args.blocks).toBeInstanceOf(Array);
    const shown = textOf(posted.args);
    expect(shown).toContain('KKR Hovedstaden');
    expect(shown).toContain('Forventede punkter');
    expect(shown).toContain('Arbejde med international arbejdskraft');
    expect(first.lines.some((l) => l.msg === 'digest could not be posted' && String((l.err as { message?: string })?.message).includes('not_in_channel'))).toBe(true);

    await scheduler.idle();
    expect((await readPostedState(dataDir)).days['2025-06-02']).toMatchObject({ done: ['slack:C0DIGEST'], attempts: 2 });
    scheduler.stop();

    const second = capturingLogger();
    const restarted = startDigestScheduler({ engine, targets: [destination], config: digestConfig(), posts: new FileDigestPostStore(dataDir, second.logger), logger: second.logger, now: MONDAY_8AM });
    schedulers.push(restarted);
    await second.waitFor('digest already posted today');
    expect(slack.callsOf('chat.postMessage').filter((c) => c.args.channel === 'C0DIGEST')).toHaveLength(2);
  });
});
