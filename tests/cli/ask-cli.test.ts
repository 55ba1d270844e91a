import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';

import path from 'node:path';
import { tempDir } from '../helpers/temp-dir.js';

const dataDir = tempDir('moedebot-cli-');
const env = { ...process.env, DATA_DIR: dataDir, CORPUS_DIR: 'corpus' };
const tsx = path.join('node_modules', '.bin', 'tsx');

describe('npm run ask', () => {
  it('answers N lines of standard input with N JSON lines, in order, blank lines included', () => {
    const out = execFileSync(tsx, ['src/cli/ask.ts', '--json'], { input: 'fysioterapi\nSAG-2024-01739\n\n   \nflygtninge\n\u0000\u001b[2J', env, encoding: 'utf8' });
    expect(out.endsWith('\n')).toBe(true);
    const lines = out.slice(0, -1).split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.query)).toEqual(['fysioterapi', 'SAG-2024-01739', '', '', 'flygtninge', '\u0000\u001b[2J']);
    expect(lines[2]).toMatchObject({ status: 'invalid', message: expect.stringMatching(/^Skriv et spørgsmål/), results: [] });
    const first = lines[0].results[0];
    expect(Object.keys(first).sort()).toEqual(['caseNumber', 'committee', 'decision', 'id', 'kind', 'link', 'meetingDate', 'number', 'publisher', 'recommendation', 'score', 'snippet', 'title', 'unstructured']);
    expect(first.number).toBe('3.6');
    // An agenda: no decision yet.
    expect(first.kind).toBe('agenda');
    expect(first.decision).toBeNull();
    expect(first.meetingDate).toBe('2025-04-11');
    expect(lines[1].results).toHaveLength(12);
    for (const l of lines) for (const r of l.results) expect(typeof r.snippet).toBe('string');
  });

  it('prints a readable answer for a question argument', () => {
    const out = execFileSync(tsx, ['src/cli/ask.ts', 'hvad', 'indstilles', 'der', 'om', 'fysioterapi?'], { env, encoding: 'utf8' });
    expect(out).toContain('3.6 Forslag til revision af kapacitetsdel af praksisplan for fysioterapi');
    expect(out).toContain('Indstilling: Det indstilles, at KKR Hovedstaden godkender revisionen af Praksisplan for fysioterapi.');
    expect(out).toContain('Materiale: https://');
  });
});

describe('npm run items', () => {
  it('prints every parsed item as a JSON array', () => {
    const items = JSON.parse(execFileSync(tsx, ['src/cli/items.ts', '--json'], { env, encoding: 'utf8' }));
    expect(items).toHaveLength(28);
    expect(items.find((i: { id: string }) => i.id === 'kkr-hovedstaden-2025-04-11-3.9').recommendation).toContain('ØA26');
    expect(JSON.stringify(items)).not.toContain('file:');
  });
});

describe('configuration', () => {
  it('stops with one line naming a malformed variable, without its value', () => {
    let stderr = '';
    try {
      execFileSync(tsx, ['src/cli/ask.ts', 'x'], { env: { ...env, SLACK_BOT_TOKEN: 'not-a-token-secret123' }, encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      stderr = String((error as { stderr: string }).stderr);
    }
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('SLACK_BOT_TOKEN');
    expect(stderr).not.toContain('secret123');
  });
});
