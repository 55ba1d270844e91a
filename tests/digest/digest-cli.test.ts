import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { Digest } from '../../src/digest/types.js';
import { STATE_FILE, emptyPostedState, writePostedState } from '../../src/schedule/posted-state.js';
import { tempDir } from '../helpers/temp-dir.js';

const run = promisify(execFile);

async function digestCli(args: string[], dataDir: string): Promise<string> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/cli/digest.ts', ...args], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      CORPUS_DIR: 'corpus',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      DIGEST_TIMEZONE: 'Europe/Copenhagen',
      DIGEST_WINDOW_DAYS: '14',
    },
  });
  return stdout;
}

describe('npm run digest', () => {
  it('prints the 18 June 2024 agenda as JSON on 10 June 2024, new since the last posted digest, without touching the posted-state', async () => {
    const dataDir = tempDir('moedebot-');
    // The bot posted a digest on 7 June that showed nothing yet.
    await writePostedState(dataDir, {
      ...emptyPostedState(),
      digests: [{ date: '2024-06-07', meetings: [], items: [] }],
      days: { '2024-06-07': { done: ['slack:C1'], attempts: 1 } },
    });
    const stateBefore = fs.readFileSync(path.join(dataDir, STATE_FILE), 'utf8');

    const digest = JSON.parse(await digestCli(['--date', '2024-06-10', '--json'], dataDir)) as Digest;
    expect(digest.date).toBe('2024-06-10');
    const june = digest.meetings.find((m) => m.committee === 'KKR Hovedstaden');
    expect(june).toMatchObject({ date: '2024-06-18', status: 'published', isNew: true });
    expect(june?.items.map((i) => i.title)).toContain('Kommunefordeling af flygtninge for 2025');
    expect(june?.items.every((i) => i.isNew)).toBe(true);

    expect(fs.readFileSync(path.join(dataDir, STATE_FILE), 'utf8')).toBe(stateBefore);
    expect(fs.readdirSync(dataDir).filter((f) => f.startsWith('digest-state'))).toEqual([STATE_FILE]);
  });

  it('prints readable Danish text by default', async () => {
    const dataDir = tempDir('moedebot-');
    const text = await digestCli(['--date', '2025-06-01'], dataDir);
    expect(text).toContain('KKR Hovedstaden – onsdag den 18. juni 2025 kl. 10.00-12.00');
    expect(text).toContain('Forventede punkter (varslet på mødet 11. april 2025):');
    expect(text).toContain('  • Arbejde med international arbejdskraft');
    expect(fs.existsSync(path.join(dataDir, STATE_FILE))).toBe(false);
  });

  it('refuses a date that is not YYYY-MM-DD with one Danish line', async () => {
    const dataDir = tempDir('moedebot-');
    await expect(digestCli(['--date', '1/6/2025'], dataDir)).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('--date skal være en dato som ÅÅÅÅ-MM-DD'),
    });
  });
});
