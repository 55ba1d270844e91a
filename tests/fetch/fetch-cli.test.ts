import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listingPage, Publisher, seedHtml, seedPdf } from './publisher.js';

/** tsx as a loader in one process (its CLI would run the script in a second one that a kill can orphan). */
const node = (script: string, args: string[] = []) => [process.execPath, ['--import', 'tsx', script, ...args]] as const;

/** Runs a CLI entry point with only the given settings (never the developer's .env). */
function run(script: string, env: Record<string, string>, args: string[] = []): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(...node(script, args), { env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'silent', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

let site: Publisher;
let tmp: string;
let env: Record<string, string>;
beforeAll(async () => {
  site = await Publisher.start();
  tmp = mkdtempSync(path.join(os.tmpdir(), 'moedebot-fetch-cli-'));
  site.document(
    '/moedemateriale',
    listingPage('Mødemateriale KKR Hovedstaden', [
      ['/media/a1/dagsorden-kkr-hovedstaden-18-juni-2024.pdf', 'Dagsorden KKR Hovedstaden 18. juni 2024'],
      ['/moeder/2025-04-11/dagsorden', 'Dagsorden KKR Hovedstaden 11. april 2025'],
    ]),
  );
  site.document('/media/a1/dagsorden-kkr-hovedstaden-18-juni-2024.pdf', await seedPdf('2024-06-18'));
  site.document('/moeder/2025-04-11/dagsorden', await seedHtml('2025-04-11'));
  env = { SOURCES: site.url('/moedemateriale'), SOURCES_CONTACT: 'it@eksempel.dk', CORPUS_DIR: path.join(tmp, 'corpus'), DATA_DIR: path.join(tmp, 'data') };
});
afterAll(async () => {
  await site.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('npm run fetch', () => {
  it('stores what a listing links to, then finds it all unchanged on the next run', async () => {
    const first = await run('src/cli/fetch.ts', env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const host = new URL(site.origin).host;
    expect(first.stdout).toContain(`listing    ${site.url('/moedemateriale')} (1 page, 2 documents)`);
    expect(first.stdout).toContain(`new        ${site.url('/media/a1/dagsorden-kkr-hovedstaden-18-juni-2024.pdf')} → fetched/${host.replace(':', '_')}/media/a1/dagsorden-kkr-hovedstaden-18-juni-2024.pdf (PDF, `);
    expect(first.stdout).toContain('Found 2 documents on 1 source: fetched 2 (2 new, 0 updated), 0 unchanged, 0 failed.');

    const before = site.requests.length;
    const second = await run('src/cli/fetch.ts', env);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`unchanged  ${site.url('/moeder/2025-04-11/dagsorden')} (304 Not Modified)`);
    expect(second.stdout).toContain('Found 2 documents on 1 source: fetched 0 (0 new, 0 updated), 2 unchanged, 0 failed.');
    expect(site.requests.slice(before).map((r) => r.status)).toEqual([304, 304, 304]);
  });

  it('lets npm run ask find the fetched items, linked to the published documents', async () => {
    const ask = async (question: string) => {
      const result = await run('src/cli/ask.ts', env, ['--json', question]);
      expect(result.code).toBe(0);
      return (JSON.parse(result.stdout) as { results: Array<{ meetingDate: string; number: string; link: string | null }> }).results[0];
    };
    const refugees = await ask('kommunefordeling af flygtninge for 2025');
    expect(refugees).toMatchObject({ meetingDate: '2024-06-18', number: '4.3' });
    expect(refugees?.link).toMatch(new RegExp(`^${site.url('/media/a1/dagsorden-kkr-hovedstaden-18-juni-2024.pdf').replace(/[.?]/g, '\\$&')}#page=\\d+$`));
    const physio = await ask('hvad indstilles der om fysioterapi?');
    expect(physio).toMatchObject({ meetingDate: '2025-04-11', number: '3.6', link: site.url('/moeder/2025-04-11/dagsorden') });
  });

  it('exits 2 and names the address and reason when something failed', async () => {
    const result = await run('src/cli/fetch.ts', { ...env, SOURCES: `${env.SOURCES},${site.url('/media/fjernet.pdf')}` });
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(`failed     ${site.url('/media/fjernet.pdf')}: answered 404 Not Found`);
  });

  it('says in one line what is missing or malformed, without the value', async () => {
    const missing = await run('src/cli/fetch.ts', { CORPUS_DIR: env.CORPUS_DIR!, DATA_DIR: env.DATA_DIR! });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^SOURCES is not set: .*\n$/);
    const malformed = await run('src/cli/fetch.ts', { ...env, SOURCES: 'www.kl.dk/secret-path' });
    expect(malformed.code).toBe(1);
    expect(malformed.stderr).toBe('Configuration error: SOURCES is malformed: address 1 of 1 is not an http(s) URL.\n');
  });
});
