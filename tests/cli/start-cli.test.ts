import { randomBytes } from 'node:crypto';
import { openSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gone, isRunning, startBot, startProcess } from '../helpers/bot-process.js';
import { tempDir } from '../helpers/temp-dir.js';

/** A platform that needs no network: Teams in local-development mode on a free port. */
const TEAMS_DEV = { TEAMS_ALLOW_UNAUTHENTICATED: 'true', TEAMS_PORT: '0' };

describe('npm start without chat tokens', () => {
  it('answers questions piped in, then ends with code 0 on exit', async () => {
    const bot = startProcess('npm', ['start', '--silent'], { env: { DATA_DIR: tempDir() } });
    bot.child.stdin!.end('hvad indstilles der om fysioterapi?\nSAG-2099-00001\nexit\nfysioterapi\n');
    expect(await bot.exited).toBe(0);
    expect(bot.out()).toContain('3.6 Forslag til revision af kapacitetsdel af praksisplan for fysioterapi');
    expect(bot.out()).toContain('Indstilling: Det indstilles, at KKR Hovedstaden godkender revisionen af Praksisplan for fysioterapi.');
    expect(bot.out()).toContain('Der er ingen punkter med sagsnummer SAG-2099-00001');
    // Nothing after `exit` is answered.
    expect(bot.out().match(/3\.6 Forslag til revision/g)).toHaveLength(1);
  });

  it('ends with code 0 at the end of its input, without exit', async () => {
    const bot = startBot({ env: { DATA_DIR: tempDir() } });
    bot.child.stdin!.end('fysioterapi\n');
    expect(await bot.exited).toBe(0);
    expect(bot.out()).toContain('3.6 Forslag til revision af kapacitetsdel af praksisplan for fysioterapi');
    expect(bot.logs().map((l) => l.msg)).toEqual(expect.arrayContaining(['mødebot is ready', 'stopping', 'stopped']));
  });

  it('ends with code 0 when standard input is /dev/null', async () => {
    const bot = startBot({ env: { DATA_DIR: tempDir() }, stdin: openSync('/dev/null', 'r') });
    expect(await bot.exited).toBe(0);
  });

  it('never echoes control sequences from a question back to the terminal', async () => {
    const bot = startBot({ env: { DATA_DIR: tempDir() } });
    bot.child.stdin!.end('\u202efysio\u0000terapi\u0007\n\u001b]0;pwned\u0007\u001b[2Jzzqx\n');
    expect(await bot.exited).toBe(0);
    expect(bot.out()).toContain('3.6 Forslag til revision');
    expect(bot.out()).toContain('svarer godt på "]0;pwned[2Jzzqx"');
    expect(bot.out()).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
  });
});

describe('npm start after a fault', () => {
  it('rebuilds an index.bin overwritten with garbage, with a warning, and answers', async () => {
    const dataDir = tempDir();
    const first = startBot({ env: { DATA_DIR: dataDir } });
    first.child.stdin!.end('exit\n');
    expect(await first.exited).toBe(0);
    writeFileSync(path.join(dataDir, 'index.bin'), randomBytes(4096));
    const bot = startBot({ env: { DATA_DIR: dataDir } });
    bot.child.stdin!.end('fysioterapi\n');
    expect(await bot.exited).toBe(0);
    expect(bot.logs().find((l) => l.level === 40)?.msg).toMatch(/saved index .* is damaged; rebuilding it from the corpus/);
    expect(bot.logs().find((l) => l.msg === 'corpus ready')).toMatchObject({ rebuilt: true, items: 28 });
    expect(bot.out()).toContain('3.6 Forslag til revision af kapacitetsdel af praksisplan for fysioterapi');
  });

  it('stops with one clear line when the corpus folder cannot be read', async () => {
    const missing = path.join(tempDir(), 'no-agendas-here');
    const bot = startBot({ env: { DATA_DIR: tempDir(), CORPUS_DIR: missing } });
    bot.child.stdin!.end();
    expect(await bot.exited).toBe(1);
    expect(bot.err()).toBe(`The corpus folder ${missing} cannot be read (there is no such folder); set CORPUS_DIR to the folder with the agendas.\n`);
  });
});

describe('npm start with a chat platform', () => {
  it('serves with standard input at /dev/null until SIGTERM, reports health on its port, then stops with code 0', async () => {
    const bot = startBot({ env: { DATA_DIR: tempDir(), ...TEAMS_DEV }, stdin: openSync('/dev/null', 'r') });
    const listening = await bot.waitForLog('teams adapter listening');
    await bot.waitForLog('mødebot is ready');
    const health = await fetch(`http://127.0.0.1:${listening.port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', index: { loaded: true, meetings: 2, items: 28 }, platforms: { teams: 'connected' }, stopping: false });
    // The end of standard input is not a request to stop.
    expect(bot.child.exitCode).toBeNull();
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    expect(bot.logs().map((l) => l.msg)).toEqual(expect.arrayContaining(['stopping', 'stopped']));
  });

  it('does not outlive npm when SIGTERM is sent to the npm process only', async () => {
    const npm = startProcess('npm', ['start', '--silent'], { env: { DATA_DIR: tempDir(), ...TEAMS_DEV }, stdin: openSync('/dev/null', 'r') });
    const ready = await npm.waitForLog('mødebot is ready');
    const botPid = ready.pid as number;
    expect(botPid).not.toBe(npm.child.pid);
    expect(isRunning(botPid)).toBe(true);
    npm.child.kill('SIGTERM');
    await npm.exited;
    await gone(botPid);
    expect(isRunning(botPid)).toBe(false);
  });
});
