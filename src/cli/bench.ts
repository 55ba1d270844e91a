import { fail, parseArgs, runMain } from './bootstrap.js';
import { runBench, saveReport } from '../bench/run-bench.js';
import { formatReport } from '../bench/format-report.js';

/**
 * `npm run bench -- [--json] [--sizes 1000,10000,100000] [--questions 500] [--seed 1] [--no-seed-checks] [--out file.json] [--backend postgres]`:
 * index build, size on disk, cold load, query latency and peak RSS on synthetic corpora, next to
 * MiniSearch with its default configuration; then `npm start` and `npm run ask` on the seed corpus.
 * With `--backend postgres` (and DATABASE_URL), the search tables in PostgreSQL instead of
 * MiniSearch, beside the in-process index at the sizes up to 100,000 items.
 * Progress goes to stderr; the report (or with --json one JSON object) to stdout.
 */
const DEFAULT_SIZES = [1000, 10_000, 100_000];

runMain(async () => {
  const { flags } = parseArgs(process.argv.slice(2), ['sizes', 'questions', 'seed', 'out', 'backend']);
  const json = flags.has('json');
  const sizesFlag = flags.get('sizes');
  const sizes = typeof sizesFlag === 'string' ? sizesFlag.split(',').map((s) => Number(s.trim().replace(/_/g, ''))) : DEFAULT_SIZES;
  if (sizes.length === 0 || sizes.some((n) => !Number.isInteger(n) || n < 1)) fail('--sizes takes item counts separated by commas, e.g. --sizes 1000,10000');
  const number = (name: string, fallback: number) => {
    const v = flags.get(name);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) fail(`--${name} takes a positive whole number`);
    return n;
  };
  const backend = flags.get('backend');
  if (backend !== undefined && backend !== 'memory' && backend !== 'postgres') fail('--backend takes memory or postgres');
  if (backend === 'postgres' && !process.env.DATABASE_URL) fail('--backend postgres needs DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/moedebot_bench');
  const report = await runBench({
    sizes,
    seed: number('seed', 1),
    questions: number('questions', 500),
    seedChecks: !flags.has('no-seed-checks'),
    ...(backend === 'postgres' ? { backend, ...(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : {}) } : {}),
    onProgress: (line) => process.stderr.write(`${line}\n`),
  });
  const out = flags.get('out');
  if (typeof out === 'string') await saveReport(out, report);
  process.stdout.write(json ? `${JSON.stringify(report)}\n` : `${formatReport(report)}\n`);
});
