import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { BenchReport } from '../../src/bench/run-bench.js';

const run = promisify(execFile);

describe('npm run bench -- --json', () => {
  it('prints one JSON object with the machine and, per size, our figures, MiniSearch figures and ratios', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/cli/bench.ts', '--json', '--sizes', '60', '--questions', '20', '--no-seed-checks'], { maxBuffer: 10 * 2 ** 20 });
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const report = JSON.parse(lines[0]!) as BenchReport;
    expect(report.machine.cores).toBeGreaterThan(0);
    expect(report.machine.node).toBe(process.version);
    expect(report.machine.cpu).not.toBe('');
    expect(report.seedCorpus).toBeUndefined();
    expect(report.sizes).toHaveLength(1);
    const size = report.sizes[0]!;
    expect(size.items).toBe(60);
    for (const system of [size.ours, size.miniSearch]) {
      expect(system.bytesOnDisk).toBeGreaterThan(0);
      expect(system.latency.count).toBe(20);
      expect(system.latency.p50).toBeLessThanOrEqual(system.latency.p99);
      expect(system.servePeakRssMiB).toBeGreaterThan(0);
      expect(system.buildPeakRssMiB).toBeGreaterThan(0);
    }
    expect(size.ours.documents).toBeGreaterThan(60);
    expect(size.miniSearch.documents).toBe(60);
    expect(Object.keys(size.ratios).sort()).toEqual(['buildMs', 'buildPeakRss', 'bytesOnDisk', 'loadMs', 'p50', 'p95', 'p99', 'servePeakRss']);
    expect(Object.keys(size.ours.latencyByKind).sort()).toEqual(['case', 'danish', 'english', 'item', 'typo']);
  }, 120_000);

  it('refuses sizes that are not item counts', async () => {
    await expect(run(process.execPath, ['--import', 'tsx', 'src/cli/bench.ts', '--sizes', 'lots'])).rejects.toMatchObject({ stderr: expect.stringContaining('--sizes') });
  }, 60_000);
});
