import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { bootstrap, fail, parseArgs, runMain } from './bootstrap.js';
import { engineFromIndex, openEngine } from '../answer/engine.js';
import { loadCorpus } from '../corpus/load-corpus.js';
import { SearchIndex } from '../search/search-index.js';
import { Synonyms } from '../search/synonyms.js';
import { generateMeetings } from '../bench/synthetic-corpus.js';
import type { AnswerEngine } from '../answer/types.js';

/**
 * `npm run eval -- [file]`: runs a question file through the same path as `ask` and prints top-1
 * accuracy, MRR and how often the snippet holds `answer_contains`, with the misses.
 */
const QuestionSchema = z.object({
  q: z.string(),
  expect: z.string().regex(/^\d{4}-\d{2}-\d{2}#\d+\.\d+$/),
  answer_contains: z.string().optional(),
  kind: z.string().optional(),
  lang: z.string().optional(),
});
type Question = z.infer<typeof QuestionSchema>;

const DEFAULT_FILE = '../shared/eval/dev-questions.jsonl';

export interface EvalReport {
  questions: number;
  top1: number;
  mrr: number;
  snippetTotal: number;
  snippetHits: number;
  misses: string[];
}

export function evaluate(engine: AnswerEngine, questions: readonly Question[]): EvalReport {
  let top1 = 0;
  let rr = 0;
  let snippetTotal = 0;
  let snippetHits = 0;
  const misses: string[] = [];
  for (const q of questions) {
    const answer = engine.ask(q.q, { limit: 10 });
    const keys = answer.results.map((h) => `${h.item.meetingDate}#${h.item.number}`);
    const rank = keys.indexOf(q.expect);
    if (rank === 0) top1++;
    if (rank >= 0) rr += 1 / (rank + 1);
    else if (rank !== 0) misses.push(`rank ${rank < 0 ? '-' : rank + 1}: ${q.q}  (want ${q.expect}, got ${keys[0] ?? answer.status})`);
    if (rank > 0) misses.push(`rank ${rank + 1}: ${q.q}  (want ${q.expect}, got ${keys[0]})`);
    if (q.answer_contains !== undefined) {
      snippetTotal++;
      const snippet = answer.results[0]?.snippet ?? '';
      if (rank === 0 && snippet.includes(q.answer_contains)) snippetHits++;
      else if (rank === 0) misses.push(`snippet: ${q.q}  (want "${q.answer_contains}", got "${snippet.slice(0, 160)}")`);
    }
  }
  return { questions: questions.length, top1: top1 / Math.max(1, questions.length), mrr: rr / Math.max(1, questions.length), snippetTotal, snippetHits, misses };
}

export async function readQuestions(file: string): Promise<Question[]> {
  const lines = (await readFile(file, 'utf8')).split('\n').filter((l) => l.trim() !== '');
  return lines.map((line, i) => {
    const parsed = QuestionSchema.safeParse(JSON.parse(line));
    if (!parsed.success) fail(`${file}:${i + 1}: ${parsed.error.issues[0]!.path.join('.')}: ${parsed.error.issues[0]!.message}`);
    return parsed.data;
  });
}

function printReport(r: EvalReport, label: string): void {
  for (const m of r.misses) process.stdout.write(`  ${m}\n`);
  process.stdout.write(`${label}\n`);
  process.stdout.write(`questions ${r.questions}\n`);
  process.stdout.write(`top-1 ${r.top1.toFixed(3)}  MRR ${r.mrr.toFixed(3)}\n`);
  process.stdout.write(`snippet holds answer ${r.snippetHits}/${r.snippetTotal} = ${(r.snippetHits / Math.max(1, r.snippetTotal)).toFixed(3)}\n`);
}

// `npm run eval | head` closes the pipe early; that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

/** Seed of the synthetic distractor meetings, fixed so runs compare. */
const DISTRACTOR_SEED = 20240618;

runMain(async () => {
  const config = bootstrap();
  const { flags, rest } = parseArgs(process.argv.slice(2), ['distractors']);
  const file = rest[0] ?? DEFAULT_FILE;
  if (!existsSync(file)) fail(`No question file at ${file}; pass one: npm run eval -- path/to/questions.jsonl`);
  const questions = await readQuestions(file);
  const engine = await openEngine({ corpusDir: config.corpusDir, dataDir: config.dataDir });
  const plain = evaluate(engine, questions);
  if (!flags.has('distractors')) {
    printReport(plain, `${file} (${engine.report.items} items)`);
    return;
  }
  const count = Number(flags.get('distractors'));
  if (!Number.isInteger(count) || count < 1) fail('--distractors takes a number of meetings, e.g. --distractors 1000');
  // Distractors are older meetings of all five KKRs, made from the seeds' sentences, in an index
  // built for this run only: the persisted index is left alone.
  const { meetings } = await loadCorpus(config.corpusDir);
  const distractors = generateMeetings({ count, seed: DISTRACTOR_SEED });
  const index = SearchIndex.build([...meetings, ...distractors]);
  const mixed = evaluate(engineFromIndex(index, await Synonyms.load(config.corpusDir), { corpusDir: config.corpusDir, dataDir: config.dataDir }), questions);
  printReport(mixed, `${file} with ${count} distractor meetings (${index.itemCount} items)`);
  process.stdout.write(`\n                 without     with ${count} distractors\n`);
  process.stdout.write(`top-1            ${plain.top1.toFixed(3)}       ${mixed.top1.toFixed(3)}\n`);
  process.stdout.write(`MRR              ${plain.mrr.toFixed(3)}       ${mixed.mrr.toFixed(3)}\n`);
  process.stdout.write(`snippet answer   ${(plain.snippetHits / Math.max(1, plain.snippetTotal)).toFixed(3)}       ${(mixed.snippetHits / Math.max(1, mixed.snippetTotal)).toFixed(3)}\n`);
});
