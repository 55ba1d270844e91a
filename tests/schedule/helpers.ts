import { pino, type Logger } from 'pino';
import type { DigestConfig } from '../../src/config.js';
import type { Digest, DigestTarget } from '../../src/digest/types.js';

export { tempDir } from '../helpers/temp-dir.js';

export function digestConfig(overrides: Partial<DigestConfig> = {}): DigestConfig {
  return {
    cron: '30 7 * * 1-5',
    timezone: 'Europe/Copenhagen',
    windowDays: 14,
    slackChannels: [],
    discordChannels: [],
    teamsConversations: [],
    ...overrides,
  };
}

/** Resolves `wait(n)` once `count()` reaches n. */
function counter() {
  let n = 0;
  const waiters: Array<{ n: number; resolve: () => void }> = [];
  return {
    count: () => n,
    bump() {
      n += 1;
      for (const w of waiters.filter((w) => w.n <= n)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    },
    wait(target: number): Promise<void> {
      if (n >= target) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ n: target, resolve }));
    },
  };
}

/**
 * A digest target that stands in for a platform: it records what it was asked to post and
 * refuses while `failing(channel, call)` says so, the way a platform API rejects a post.
 */
export function recordingTarget(failing: (channel: string, call: number) => boolean = () => false, platform = 'slack') {
  const calls = counter();
  const posts: Array<{ channel: string; digest: Digest }> = [];
  const target: DigestTarget = {
    platform,
    async post(channel, digest) {
      const call = calls.count() + 1;
      try {
        if (failing(channel, call)) throw new Error('channel_not_found');
        posts.push({ channel, digest });
      } finally {
        calls.bump();
      }
    },
  };
  return { target, posts, calls: calls.count, waitForCalls: calls.wait };
}

/** A real pino logger whose lines the test can read and wait for. */
export function capturingLogger(): { logger: Logger; lines: Array<Record<string, unknown>>; waitFor(msg: string, times?: number): Promise<void> } {
  const lines: Array<Record<string, unknown>> = [];
  const waiters: Array<{ msg: string; times: number; resolve: () => void }> = [];
  const seen = (msg: string) => lines.filter((l) => l.msg === msg).length;
  const logger = pino(
    { level: 'debug' },
    {
      write(s: string) {
        lines.push(JSON.parse(s) as Record<string, unknown>);
        for (const w of waiters.filter((w) => seen(w.msg) >= w.times)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve();
        }
      },
    },
  );
  return {
    logger,
    lines,
    waitFor(msg, times = 1) {
      if (seen(msg) >= times) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ msg, times, resolve }));
    },
  };
}
