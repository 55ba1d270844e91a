import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from '../helpers/temp-dir.js';

const tsx = path.join('node_modules', '.bin', 'tsx');

function startBot(stdin: 'pipe' | number) {
  const dataDir = tempDir('moedebot-start-');
  // No chat tokens: whatever the developer's .env holds must not leak into the test.
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir, CORPUS_DIR: 'corpus', LOG_LEVEL: 'info' };
  const child = spawn(tsx, ['src/cli/start.ts'], { env, stdio: [stdin, 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const waitFor = (pattern: RegExp, stream: () => string) =>
    new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (pattern.test(stream())) {
          clearInterval(timer);
          resolve();
        } else if (child.exitCode !== null) {
          clearInterval(timer);
          reject(new Error(`exited early: ${stderr}`));
        }
      }, 50);
    });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, waitFor, out: () => stdout, err: () => stderr };
}

describe('npm start without chat tokens', () => {
  it('answers questions typed on standard input as a chat user would see them', async () => {
    const bot = startBot('pipe');
    bot.child.stdin!.write('hvad indstilles der om fysioterapi?\nSAG-2099-00001\n');
    await bot.waitFor(/findes|ingen punkter/, bot.out);
    expect(bot.out()).toContain('3.6 Forslag til revision af kapacitetsdel af praksisplan for fysioterapi');
    expect(bot.out()).toContain('Indstilling: Det indstilles, at KKR Hovedstaden godkender revisionen af Praksisplan for fysioterapi.');
    expect(bot.out()).toContain('Der er ingen punkter med sagsnummer SAG-2099-00001');
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
  });

  it('serves with standard input at /dev/null until SIGTERM, then stops cleanly', async () => {
    const bot = startBot(openSync('/dev/null', 'r'));
    await bot.waitFor(/mødebot is ready/, bot.err);
    // The end of standard input is not a request to stop.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(bot.child.exitCode).toBeNull();
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    expect(bot.err()).toContain('"msg":"stopped"');
  });
});
