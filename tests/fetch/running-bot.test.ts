import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listingPage, Publisher, seedPdf } from './publisher.js';

/** tsx as a loader in one process (its CLI would run the script in a second one that a kill can orphan). */
const node = (script: string, args: string[] = []) => [process.execPath, ['--import', 'tsx', script, ...args]] as const;

let site: Publisher;
let tmp: string;
let bot: ChildProcessWithoutNullStreams | undefined;
beforeEach(async () => {
  site = await Publisher.start();
  tmp = mkdtempSync(path.join(os.tmpdir(), 'moedebot-running-'));
});
afterEach(async () => {
  // A failed or timed-out test must not leave the bot running.
  if (bot && bot.exitCode === null && bot.signalCode === null) {
    const gone = new Promise((resolve) => bot!.once('exit', resolve));
    bot.kill('SIGKILL');
    await gone;
  }
  bot = undefined;
  await site.close();
  rmSync(tmp, { recursive: true, force: true });
});

const PDF_2024 = '/media/a1/dagsorden-kkr-hovedstaden-18-juni-2024.pdf';
const PDF_2025 = '/media/c3/dagsorden-kkr-hovedstaden-11-april-2025.pdf';

describe('npm start with SOURCES', () => {
  it('answers from a document published after it started, without a restart', async () => {
    site.document('/moedemateriale', listingPage('Mødemateriale KKR Hovedstaden', [[PDF_2024, 'Dagsorden KKR Hovedstaden 18. juni 2024']]));
    site.document(PDF_2024, await seedPdf('2024-06-18'));
    // A corpus with nothing in it yet: everything comes from the publisher.
    mkdirSync(path.join(tmp, 'corpus'));
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      LOG_LEVEL: 'info',
      CORPUS_DIR: path.join(tmp, 'corpus'),
      DATA_DIR: path.join(tmp, 'data'),
      SOURCES: site.url('/moedemateriale'),
      SOURCES_CONTACT: 'it@eksempel.dk',
      // Every two seconds: one interval passes quickly.
      SOURCES_CRON: '*/2 * * * * *',
    };
    const child = spawn(...node('src/cli/start.ts'), { env, stdio: ['pipe', 'pipe', 'pipe'] });
    bot = child;
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const waitFor = (found: () => boolean) =>
      new Promise<void>((resolve, reject) => {
        const timer = setInterval(() => {
          if (found()) {
            clearInterval(timer);
            resolve();
          } else if (child.exitCode !== null) {
            clearInterval(timer);
            reject(new Error(`the bot exited: ${stderr}`));
          }
        }, 50);
      });
    try {
      await waitFor(() => /"msg":"corpus changed; index rebuilt"/.test(stderr));
      child.stdin.write('kommunefordeling af flygtninge for 2025\n');
      await waitFor(() => stdout.includes('Materiale: '));
      expect(stdout).toContain(`Materiale: ${site.url(PDF_2024)}#page=`);

      // Published after the bot started: the next scheduled pass fetches it, the watcher indexes it.
      site.document('/moedemateriale', listingPage('Mødemateriale KKR Hovedstaden', [[PDF_2024, 'Dagsorden KKR Hovedstaden 18. juni 2024'], [PDF_2025, 'Dagsorden KKR Hovedstaden 11. april 2025']]));
      site.document(PDF_2025, await seedPdf('2025-04-11'));
      const rebuilt = stderr.split('corpus changed; index rebuilt').length;
      await waitFor(() => stderr.split('corpus changed; index rebuilt').length > rebuilt && /"meetings":2/.test(stderr.split('\n').filter((l) => l.includes('index rebuilt')).pop() ?? ''));
      const before = stdout.length;
      child.stdin.write('hvad indstilles der om fysioterapi?\n');
      await waitFor(() => stdout.slice(before).includes('Materiale: '));
      expect(stdout.slice(before)).toContain('3.6 Forslag til revision af kapacitetsdel af praksisplan for fysioterapi');
      expect(stdout.slice(before)).toContain(`Materiale: ${site.url(PDF_2025)}#page=`);
    } catch (err) {
      throw new Error(`${(err as Error).message}\n--- the bot's log:\n${stderr.slice(-4000)}`);
    }
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toContain('"msg":"stopped"');
  });
});
