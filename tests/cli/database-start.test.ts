import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { startBot } from '../helpers/bot-process.js';
import { tempDir } from '../helpers/temp-dir.js';

/** A port on 127.0.0.1 that nothing listens on: taken, then freed. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('the bot with a DATABASE_URL nothing answers at', () => {
  it('stops at start with one line naming the server and what to check, never the password', async () => {
    const port = await closedPort();
    const bot = startBot({
      stdin: 'ignore',
      env: { DATABASE_URL: `postgres://moedebot:hunter2-not-shown@127.0.0.1:${port}/moedebot`, DATABASE_CONNECT_SECONDS: '0', DATA_DIR: tempDir() },
    });
    expect(await bot.exited).toBe(1);
    expect(bot.err()).toMatch(new RegExp(`^PostgreSQL at postgres://127\\.0\\.0\\.1:${port}/moedebot is not reachable while \\w+ \\(ECONNREFUSED\\); check that the server runs and DATABASE_URL points at it\\. Gave up after 1 attempts\\.$`, 'm'));
    // It stops before building the index.
    expect(bot.logs().map((l) => l.msg)).not.toContain('corpus ready');
    expect(bot.err() + bot.out()).not.toContain('hunter2-not-shown');
  });
});
