import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PhaseArgs, PhaseResult, LatencySummary } from './phases.js';
import type { QuestionKind } from './questions.js';
import { deriveQuestions } from './questions.js';
import pg from 'pg';
import { loadCorpus } from '../corpus/load-corpus.js';

/**
 * `npm run bench`: for each size a synthetic corpus is indexed, saved, loaded cold and queried,
 * by mødebot's index and by MiniSearch with its default configuration, every step in a child
 * process of its own (so peak RSS is per step and loads start from nothing in memory).
 */
export interface BenchOptions {
  /** Corpus sizes in items. */
  sizes: number[];
  seed?: number;
  /** Questions per size (after 20 warm-up questions). */
  questions?: number;
  /** The real seed agendas: synonyms file, and the `npm start` / `npm run ask` checks. */
  seedCorpus?: string;
  /** Time `npm start` and `npm run ask` on the seed corpus too. */
  seedChecks?: boolean;
  onProgress?: (line: string) => void;
  /** `postgres`: the search tables in `databaseUrl`, beside the in-process index up to 100,000 items. */
  backend?: 'memory' | 'postgres';
  databaseUrl?: string;
}

/** The PostgreSQL backend at one size, and the in-process index at the same size when it is at most 100,000 items. */
export interface PostgresSizeReport {
  items: number;
  meetings: number;
  generateMs: number;
  postgres: SystemFigures & { itemsPerSecond: number };
  memory?: SystemFigures;
}

/** Largest size the in-process index is measured at beside the database (it needs ~850 MiB per 100,000 items). */
const IN_PROCESS_MAX = 100_000;

export interface MachineInfo {
  cpu: string;
  cores: number;
  ramGiB: number;
  node: string;
  platform: string;
}

export interface SystemFigures {
  buildMs: number;
  saveMs: number;
  bytesOnDisk: number;
  /** Cold load in a fresh process (ours: `openEngine` on the saved index; MiniSearch: read + `loadJSON`). */
  loadMs: number;
  latency: LatencySummary;
  latencyByKind: Partial<Record<QuestionKind, LatencySummary>>;
  top1: number;
  buildPeakRssMiB: number;
  servePeakRssMiB: number;
  documents: number;
  terms: number;
}

export interface SizeReport {
  items: number;
  meetings: number;
  generateMs: number;
  ours: SystemFigures;
  miniSearch: SystemFigures;
  /** Ours divided by MiniSearch's (below 1: ours is faster or smaller). */
  ratios: { buildMs: number; bytesOnDisk: number; loadMs: number; p50: number; p95: number; p99: number; servePeakRss: number; buildPeakRss: number };
}

export interface SeedCorpusReport {
  /** Spawn of `npm start` until its `corpus ready` log line, persisted index present. */
  startReadyMs: number;
  /** Load time `npm start` itself logs (`ms` of `corpus ready`). */
  startLoadMs?: number;
  /** Wall-clock of `npm run -s ask -- --json` answering `askQuestions` questions from stdin. */
  askWallMs: number;
  askQuestions: number;
}

export interface BenchReport {
  machine: MachineInfo;
  seed: number;
  questionsPerSize: number;
  sizes: SizeReport[];
  /** With `--backend postgres`. */
  postgres?: PostgresSizeReport[];
  seedCorpus?: SeedCorpusReport;
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    ramGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
  };
}

const PHASE_CHILD = fileURLToPath(new URL('./phase-child.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The environment of child processes: no chat tokens, so `npm start` only opens the terminal chat. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(SLACK|DISCORD|TEAMS|DIGEST)_/.test(k)) env[k] = v;
  return { ...env, LOG_LEVEL: 'info', ...extra };
}

async function runChild(args: PhaseArgs): Promise<PhaseResult> {
  const resultFile = path.join(args.dir, `${args.phase}.result.json`);
  // The same runtime flags (the tsx loader) as this process, so the child runs TypeScript too.
  const child = spawn(process.execPath, [...process.execArgv, PHASE_CHILD, JSON.stringify(args), resultFile], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`bench phase ${args.phase} at ${args.items} items failed (exit ${code}): ${stderr.trim()}`);
  return JSON.parse(await readFile(resultFile, 'utf8')) as PhaseResult;
}

function ratio(a: number, b: number): number {
  return b > 0 ? Math.round((a / b) * 100) / 100 : 0;
}

function figures(build: PhaseResult, serve: PhaseResult): SystemFigures {
  return {
    buildMs: Math.round(build.buildMs ?? 0),
    saveMs: Math.round(build.saveMs ?? 0),
    bytesOnDisk: build.bytesOnDisk ?? 0,
    loadMs: Math.round(serve.loadMs ?? 0),
    latency: serve.latency!,
    latencyByKind: serve.latencyByKind ?? {},
    top1: serve.top1 ?? 0,
    buildPeakRssMiB: build.peakRssMiB,
    servePeakRssMiB: serve.peakRssMiB,
    documents: build.documents ?? 0,
    terms: build.terms ?? 0,
  };
}

async function benchSize(items: number, options: Required<Omit<BenchOptions, 'onProgress' | 'sizes' | 'seedChecks' | 'backend' | 'databaseUrl'>>, progress: (s: string) => void): Promise<SizeReport> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `moedebot-bench-${items}-`));
  try {
    const base = { items, seed: options.seed, dir, questions: options.questions, seedCorpus: path.resolve(options.seedCorpus) };
    progress(`${items} items: building our index`);
    const build = await runChild({ ...base, phase: 'build' });
    progress(`${items} items: loading it cold and asking ${options.questions} questions`);
    const serve = await runChild({ ...base, phase: 'serve' });
    progress(`${items} items: MiniSearch (default configuration)`);
    const msBuild = await runChild({ ...base, phase: 'ms-build' });
    const msServe = await runChild({ ...base, phase: 'ms-serve' });
    const ours = figures(build, serve);
    const miniSearch = figures(msBuild, msServe);
    return {
      items,
      meetings: build.meetings ?? 0,
      generateMs: Math.round(build.generateMs ?? 0),
      ours,
      miniSearch,
      ratios: {
        buildMs: ratio(ours.buildMs, miniSearch.buildMs),
        bytesOnDisk: ratio(ours.bytesOnDisk, miniSearch.bytesOnDisk),
        loadMs: ratio(ours.loadMs, miniSearch.loadMs),
        p50: ratio(ours.latency.p50, miniSearch.latency.p50),
        p95: ratio(ours.latency.p95, miniSearch.latency.p95),
        p99: ratio(ours.latency.p99, miniSearch.latency.p99),
        servePeakRss: ratio(ours.servePeakRssMiB, miniSearch.servePeakRssMiB),
        buildPeakRss: ratio(ours.buildPeakRssMiB, miniSearch.buildPeakRssMiB),
      },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Runs an npm script in its own process group, so the whole tree can be stopped. */
function npm(args: string[], env: NodeJS.ProcessEnv, input?: string) {
  const child = spawn('npm', args, { cwd: REPO_ROOT, env, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
  if (input !== undefined) child.stdin.end(input);
  return child;
}

async function seedChecks(seedCorpus: string, progress: (s: string) => void): Promise<SeedCorpusReport> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'moedebot-bench-seed-'));
  try {
    const env = childEnv({ CORPUS_DIR: path.resolve(seedCorpus), DATA_DIR: dataDir });
    const { meetings } = await loadCorpus(seedCorpus);
    const questions = deriveQuestions(meetings, 11, 100).map((q) => q.q);
    while (questions.length < 100) questions.push(...questions.slice(0, 100 - questions.length));
    const input = `${questions.slice(0, 100).join('\n')}\n`;
    progress('seed corpus: persisting the index (not timed)');
    await new Promise<void>((resolve, reject) => {
      const c = npm(['run', '-s', 'ask', '--', '--json', 'fysioterapi'], env);
      c.stdout.resume();
      c.stderr.resume();
      c.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`npm run ask failed (exit ${code})`))));
    });

    progress('seed corpus: npm start until "corpus ready"');
    const started = performance.now();
    const start = npm(['start'], env);
    start.stdout.resume();
    const { readyMs, loadMs } = await new Promise<{ readyMs: number; loadMs?: number }>((resolve, reject) => {
      let buffer = '';
      const timer = setTimeout(() => reject(new Error('npm start did not log "corpus ready" within 60 s')), 60_000);
      start.stderr.on('data', (d: Buffer) => {
        buffer += d.toString();
        const line = buffer.split('\n').find((l) => l.includes('corpus ready'));
        if (line) {
          clearTimeout(timer);
          let ms: number | undefined;
          try {
            ms = (JSON.parse(line) as { ms?: number }).ms;
          } catch {
            ms = undefined;
          }
          resolve({ readyMs: performance.now() - started, ...(ms !== undefined ? { loadMs: ms } : {}) });
        }
      });
      start.on('close', (code) => reject(new Error(`npm start stopped before it was ready (exit ${code}): ${buffer.slice(-500)}`)));
    }).finally(() => {
      try {
        process.kill(-start.pid!, 'SIGTERM');
      } catch {
        // Already gone.
      }
    });

    progress('seed corpus: 100 questions through npm run ask -- --json');
    const askStarted = performance.now();
    const answered = await new Promise<number>((resolve, reject) => {
      const c = npm(['run', '-s', 'ask', '--', '--json'], env, input);
      let out = '';
      c.stdout.on('data', (d: Buffer) => (out += d.toString()));
      c.stderr.resume();
      c.on('close', (code) => (code === 0 ? resolve(out.split('\n').filter((l) => l.trim() !== '').length) : reject(new Error(`npm run ask failed (exit ${code})`))));
    });
    const askWallMs = performance.now() - askStarted;
    if (answered !== 100) throw new Error(`npm run ask answered ${answered} of 100 questions`);
    return { startReadyMs: Math.round(readyMs), ...(loadMs !== undefined ? { startLoadMs: loadMs } : {}), askWallMs: Math.round(askWallMs), askQuestions: answered };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** One size on the PostgreSQL backend, in a schema of its own that is dropped afterwards. */
async function benchPostgresSize(items: number, databaseUrl: string, options: Required<Omit<BenchOptions, 'onProgress' | 'sizes' | 'seedChecks' | 'backend' | 'databaseUrl'>>, progress: (s: string) => void): Promise<PostgresSizeReport> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `moedebot-bench-pg-${items}-`));
  const schema = `moedebot_bench_${items}_${process.pid}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA ${schema}`);
    const base = { items, seed: options.seed, dir, questions: options.questions, seedCorpus: path.resolve(options.seedCorpus), databaseUrl, schema };
    progress(`${items} items: writing them into PostgreSQL`);
    const build = await runChild({ ...base, phase: 'pg-build' });
    progress(`${items} items: opening the postgres engine cold and asking ${options.questions} questions`);
    const serve = await runChild({ ...base, phase: 'pg-serve' });
    let memory: SystemFigures | undefined;
    if (items <= IN_PROCESS_MAX) {
      progress(`${items} items: the in-process index, for comparison`);
      memory = figures(await runChild({ ...base, phase: 'build' }), await runChild({ ...base, phase: 'serve' }));
    }
    const postgres = figures(build, serve);
    return {
      items,
      meetings: build.meetings ?? 0,
      generateMs: Math.round(build.generateMs ?? 0),
      postgres: { ...postgres, itemsPerSecond: Math.round(items / Math.max(0.001, postgres.buildMs / 1000)) },
      ...(memory ? { memory } : {}),
    };
  } finally {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
    await admin.end();
    await rm(dir, { recursive: true, force: true });
  }
}

export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const progress = options.onProgress ?? (() => undefined);
  const resolved = { seed: options.seed ?? 1, questions: options.questions ?? 500, seedCorpus: options.seedCorpus ?? 'corpus' };
  const sizes: SizeReport[] = [];
  const postgres: PostgresSizeReport[] = [];
  if (options.backend === 'postgres') {
    if (!options.databaseUrl) throw new Error('--backend postgres needs DATABASE_URL (postgres://user:password@host:5432/database)');
    for (const items of options.sizes) postgres.push(await benchPostgresSize(items, options.databaseUrl, resolved, progress));
  } else {
    for (const items of options.sizes) sizes.push(await benchSize(items, resolved, progress));
  }
  const report: BenchReport = { machine: machineInfo(), seed: resolved.seed, questionsPerSize: resolved.questions, sizes, ...(options.backend === 'postgres' ? { postgres } : {}) };
  if (options.seedChecks ?? true) report.seedCorpus = await seedChecks(resolved.seedCorpus, progress);
  return report;
}

/** Writes the report as JSON to a file (for docs and comparisons between runs). */
export async function saveReport(file: string, report: BenchReport): Promise<void> {
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
}
