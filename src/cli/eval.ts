import { existsSync } from 'node:fs';
import { bootstrap, fail, parseArgs, runMain } from './bootstrap.js';
import { engineFromIndex, openEngine } from '../answer/engine.js';
import { backendFlag, openAnswerEngine } from '../answer/open-answer-engine.js';
import type { Config } from '../config.js';
import { evaluate, formatFigures, readQuestions, shownRate, snippetRate, type EvalReport, type Question } from '../answer/evaluation.js';
import { loadCorpus } from '../corpus/load-corpus.js';
import type { Meeting } from '../corpus/types.js';
import { SearchIndex } from '../search/search-index.js';
import { loadAnswerData } from '../answer/served.js';
import { generateMeetings } from '../bench/synthetic-corpus.js';
import { retableMeetings } from '../bench/retabled-corpus.js';

/**
 * `npm run eval -- [file] [--distractors N | --distractor-items N] [--generator synthetic|retabled] [--backend postgres]`:
 * runs a question file through the same path as `ask` and prints top-1, MRR and how often the
 * snippet (and anything shown: snippet, recommendation, decision) holds `answer_contains`, per
 * question kind, with the misses. With distractors, the same questions again among older meetings
 * made by one of the two generators, side by side. With `--backend postgres`, the questions are
 * answered by the search tables in DATABASE_URL (synced with the corpus folder first), beside the
 * in-process index's figures on the same folder.
 */
const DEFAULT_FILE = 'tests/fixtures/eval/dev-questions.jsonl';
const GENERATORS = ['synthetic', 'retabled'] as const;

function printReport(r: EvalReport, label: string): void {
  for (const m of r.misses) process.stdout.write(`  ${m}\n`);
  process.stdout.write(`${label}\n${formatFigures(r)}\n`);
}

// `npm run eval | head` closes the pipe early; that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

/** Seed of the distractor meetings, fixed so runs compare. */
const DISTRACTOR_SEED = 20240618;

function distractors(generator: (typeof GENERATORS)[number], meetings: Meeting[], size: { count?: number; items?: number }): Meeting[] {
  if (generator === 'retabled') return retableMeetings({ source: meetings, seed: DISTRACTOR_SEED, ...size });
  return generateMeetings({ seed: DISTRACTOR_SEED, ...size });
}

/** The figures of the PostgreSQL engine, and the in-process engine's on the same corpus beside them. */
async function comparePostgres(config: Config, questions: Question[], file: string): Promise<void> {
  const opened = await openAnswerEngine(config, { backend: 'postgres' });
  try {
    const database = await evaluate(opened.engine, questions);
    printReport(database, `${file} (postgres: ${opened.engine.report.items} items)`);
    const { meetings } = await loadCorpus(config.corpusDir);
    const memory = await evaluate(engineFromIndex(SearchIndex.build(meetings), await loadAnswerData(config.corpusDir), { corpusDir: config.corpusDir, dataDir: config.dataDir }), questions);
    process.stdout.write(`\n                 memory   postgres  difference\n`);
    const row = (label: string, a: number, b: number) => process.stdout.write(`${label.padEnd(17)}${a.toFixed(3)}    ${b.toFixed(3)}     ${(b - a >= 0 ? '+' : '') + (b - a).toFixed(3)}\n`);
    row('top-1', memory.top1, database.top1);
    row('MRR', memory.mrr, database.mrr);
    row('snippet', snippetRate(memory), snippetRate(database));
    row('shown', shownRate(memory), shownRate(database));
  } finally {
    await opened.close();
  }
}

runMain(async () => {
  const config = bootstrap();
  const { flags, rest } = parseArgs(process.argv.slice(2), ['distractors', 'distractor-items', 'generator', 'backend']);
  const file = rest[0] ?? DEFAULT_FILE;
  if (!existsSync(file)) fail(`No question file at ${file}; pass one: npm run eval -- path/to/questions.jsonl`);
  const questions = await readQuestions(file).catch((error: Error) => fail(error.message));
  const meetingsFlag = flags.get('distractors');
  const itemsFlag = flags.get('distractor-items');
  const backend = backendFlag(flags.get('backend'));
  if (backend === 'postgres') {
    if (meetingsFlag !== undefined || itemsFlag !== undefined) fail('--backend postgres evaluates the corpus folder as the database holds it; distractors are for the in-process index only');
    await comparePostgres(config, questions, file);
    return;
  }
  const engine = await openEngine({ corpusDir: config.corpusDir, dataDir: config.dataDir });
  const plain = await evaluate(engine, questions);
  if (meetingsFlag === undefined && itemsFlag === undefined) {
    printReport(plain, `${file} (${engine.report.items} items)`);
    return;
  }
  const generator = (flags.get('generator') ?? 'synthetic') as string;
  if (!(GENERATORS as readonly string[]).includes(generator)) fail(`--generator takes ${GENERATORS.join(' or ')}`);
  const n = Number(meetingsFlag ?? itemsFlag);
  if (!Number.isInteger(n) || n < 1) fail('--distractors takes a number of meetings, --distractor-items a number of items, e.g. --distractors 1000');
  const size = meetingsFlag !== undefined ? { count: n } : { items: n };
  // Distractors are older meetings in an index built for this run only: the persisted index is left alone.
  const { meetings } = await loadCorpus(config.corpusDir);
  const extra = distractors(generator as (typeof GENERATORS)[number], meetings, size);
  const index = SearchIndex.build([...meetings, ...extra]);
  const options = { corpusDir: config.corpusDir, dataDir: config.dataDir };
  const mixed = await evaluate(engineFromIndex(index, await loadAnswerData(config.corpusDir), options), questions);
  const what = `${extra.length} ${generator} distractor meetings, ${index.itemCount - meetings.reduce((s, m) => s + m.items.length, 0)} items`;
  printReport(mixed, `${file} with ${what} (${index.itemCount} items)`);
  process.stdout.write(`\n                 without     with ${what}\n`);
  process.stdout.write(`top-1            ${plain.top1.toFixed(3)}       ${mixed.top1.toFixed(3)}\n`);
  process.stdout.write(`MRR              ${plain.mrr.toFixed(3)}       ${mixed.mrr.toFixed(3)}\n`);
  process.stdout.write(`snippet          ${snippetRate(plain).toFixed(3)}       ${snippetRate(mixed).toFixed(3)}\n`);
  process.stdout.write(`shown            ${shownRate(plain).toFixed(3)}       ${shownRate(mixed).toFixed(3)}\n`);
});
