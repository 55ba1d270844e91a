import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('npm run load', () => {
  it('acknowledges and answers every signed slash command sent at once and reports the memory figures', () => {
    const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'src/cli/load.ts', '--json', '--commands', '20', '--questions', '200'], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, DOTENV_CONFIG_PATH: '/dev/null', CORPUS_DIR: 'corpus' },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const report = JSON.parse(out);
    expect(report.corpusItems).toBe(28);
    expect(report.commands).toMatchObject({ sent: 20, acknowledged: 20, answered: 20 });
    expect(report.memory).toMatchObject({ questions: 200, gcExposed: true });
    expect(report.memory.quarters).toHaveLength(4);
  }, 120_000);
});
