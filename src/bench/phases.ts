import { copyFile, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import MiniSearch from 'minisearch';
import { generateMeetings } from './synthetic-corpus.js';
import { deriveQuestions, type BenchQuestion, type QuestionKind } from './questions.js';
import { SearchIndex } from '../search/search-index.js';
import { saveIndex } from '../search/index-store.js';
import { corpusFingerprint } from '../corpus/load-corpus.js';
import { SYNONYMS_FILE } from '../search/synonyms.js';
import { GLOSSARY_FILE } from '../search/glossary.js';
import { openEngine } from '../answer/engine.js';
import type { Meeting } from '../corpus/types.js';

/**
 * The steps of one benchmark size. Each runs in its own child process, so its peak RSS is its own
 * and every load is cold (nothing of the build is left in memory).
 */
export interface PhaseArgs {
  phase: 'build' | 'serve' | 'ms-build' | 'ms-serve' | 'pg-build' | 'pg-serve';
  items: number;
  seed: number;
  /** Working folder of this size: `corpus/` (synonyms only), `data/` (our index), `minisearch.json`. */
  dir: string;
  questions: number;
  /** Seed corpus the synonyms file is copied from. */
  seedCorpus: string;
  /** The postgres steps: the server (DATABASE_URL) and the schema of this size. */
  databaseUrl?: string;
  schema?: string;
}

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
}

export interface PhaseResult {
  phase: PhaseArgs['phase'];
  /** Peak resident set of the phase's process, MiB. */
  peakRssMiB: number;
  generateMs?: number;
  buildMs?: number;
  saveMs?: number;
  bytesOnDisk?: number;
  loadMs?: number;
  latency?: LatencySummary;
  latencyByKind?: Partial<Record<QuestionKind, LatencySummary>>;
  /** Share of questions whose source item came first (look-ups and free text; English excluded). */
  top1?: number;
  meetings?: number;
  documents?: number;
  terms?: number;
}

const WARM_UP = 20;

export function summarise(samples: number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? 0;
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    count: sorted.length,
    p50: round(at(0.5)),
    p95: round(at(0.95)),
    p99: round(at(0.99)),
    mean: round(sorted.reduce((s, x) => s + x, 0) / Math.max(1, sorted.length)),
    max: round(sorted[sorted.length - 1] ?? 0),
  };
}

export function peakRssMiB(): number {
  // maxRSS is in KiB on Linux and macOS (Node docs).
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const name of await readdir(dir)) total += (await stat(path.join(dir, name))).size;
  return total;
}

function generate(args: PhaseArgs): { meetings: Meeting[]; ms: number } {
  const t = performance.now();
  const meetings = generateMeetings({ items: args.items, seed: args.seed });
  return { meetings, ms: performance.now() - t };
}

export async function timeQueries(questions: readonly BenchQuestion[], ask: (q: BenchQuestion) => boolean | Promise<boolean>): Promise<Pick<PhaseResult, 'latency' | 'latencyByKind' | 'top1'>> {
  for (const q of questions.slice(0, WARM_UP)) await ask(q);
  const all: number[] = [];
  const byKind = new Map<QuestionKind, number[]>();
  let judged = 0;
  let hits = 0;
  for (const q of questions) {
    const t = performance.now();
    const hit = await ask(q);
    const ms = performance.now() - t;
    all.push(ms);
    byKind.set(q.kind, [...(byKind.get(q.kind) ?? []), ms]);
    if (q.itemId !== undefined) {
      judged++;
      if (hit) hits++;
    }
  }
  const latencyByKind: Partial<Record<QuestionKind, LatencySummary>> = {};
  for (const [kind, samples] of byKind) latencyByKind[kind] = summarise(samples);
  return { latency: summarise(all), latencyByKind, top1: judged > 0 ? Math.round((hits / judged) * 1000) / 1000 : 0 };
}

const paths = (dir: string) => ({
  corpus: path.join(dir, 'corpus'),
  data: path.join(dir, 'data'),
  questions: path.join(dir, 'questions.json'),
  miniSearch: path.join(dir, 'minisearch.json'),
});

async function buildPhase(args: PhaseArgs): Promise<PhaseResult> {
  const p = paths(args.dir);
  const { meetings, ms: generateMs } = generate(args);
  let t = performance.now();
  const index = SearchIndex.build(meetings);
  const buildMs = performance.now() - t;
  // A corpus folder with only the synonyms and glossary files: its fingerprint makes `openEngine`
  // load our index, and English questions are read as in production.
  await mkdir(p.corpus, { recursive: true });
  for (const file of [SYNONYMS_FILE, GLOSSARY_FILE]) await copyFile(path.join(args.seedCorpus, file), path.join(p.corpus, file)).catch(() => undefined);
  t = performance.now();
  await saveIndex(p.data, index, await corpusFingerprint(p.corpus));
  const saveMs = performance.now() - t;
  await writeFile(p.questions, JSON.stringify(deriveQuestions(meetings, args.seed + 1, args.questions)));
  return {
    phase: 'build',
    peakRssMiB: peakRssMiB(),
    generateMs,
    buildMs,
    saveMs,
    bytesOnDisk: await folderBytes(p.data),
    meetings: meetings.length,
    documents: index.docRefs.length,
    terms: index.postings.terms.length,
  };
}

async function servePhase(args: PhaseArgs): Promise<PhaseResult> {
  const p = paths(args.dir);
  const questions = JSON.parse(await readFile(p.questions, 'utf8')) as BenchQuestion[];
  const t = performance.now();
  const engine = await openEngine({ corpusDir: p.corpus, dataDir: p.data });
  const loadMs = performance.now() - t;
  if (engine.report.rebuilt) throw new Error('the persisted index was rebuilt instead of loaded; the benchmark would measure the wrong thing');
  const timed = await timeQueries(questions, async (q) => {
    const answer = await engine.ask(q.q);
    return q.kind !== 'english' && answer.results[0]?.item.id === q.itemId;
  });
  return { phase: 'serve', peakRssMiB: peakRssMiB(), loadMs, ...timed };
}

/** MiniSearch as its README shows it: default tokenizer, default search options. */
const MS_OPTIONS = { fields: ['title', 'text'], storeFields: [] as string[] };

async function miniSearchBuildPhase(args: PhaseArgs): Promise<PhaseResult> {
  const p = paths(args.dir);
  const { meetings, ms: generateMs } = generate(args);
  const docs = meetings.flatMap((m) => m.items).map((i) => ({ id: i.id, title: i.title, text: `${i.background}\n${i.recommendation}\n${i.presentation}\n${i.attachments.join('\n')}` }));
  let t = performance.now();
  const ms = new MiniSearch(MS_OPTIONS);
  ms.addAll(docs);
  const buildMs = performance.now() - t;
  t = performance.now();
  await writeFile(p.miniSearch, JSON.stringify(ms));
  const saveMs = performance.now() - t;
  return { phase: 'ms-build', peakRssMiB: peakRssMiB(), generateMs, buildMs, saveMs, bytesOnDisk: (await stat(p.miniSearch)).size, documents: docs.length, terms: ms.termCount };
}

async function miniSearchServePhase(args: PhaseArgs): Promise<PhaseResult> {
  const p = paths(args.dir);
  const questions = JSON.parse(await readFile(p.questions, 'utf8')) as BenchQuestion[];
  const t = performance.now();
  const ms = MiniSearch.loadJSON(await readFile(p.miniSearch, 'utf8'), MS_OPTIONS);
  const loadMs = performance.now() - t;
  const timed = await timeQueries(questions, (q) => q.kind !== 'english' && ms.search(q.q)[0]?.id === q.itemId);
  return { phase: 'ms-serve', peakRssMiB: peakRssMiB(), loadMs, ...timed };
}

export async function runPhase(args: PhaseArgs): Promise<PhaseResult> {
  switch (args.phase) {
    case 'build':
      return buildPhase(args);
    case 'serve':
      return servePhase(args);
    case 'ms-build':
      return miniSearchBuildPhase(args);
    case 'ms-serve':
      return miniSearchServePhase(args);
    case 'pg-build':
      return (await import('./postgres-phases.js')).postgresBuildPhase(args);
    case 'pg-serve':
      return (await import('./postgres-phases.js')).postgresServePhase(args);
  }
}
