import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { AgendaItem } from '../corpus/types.js';
import type { AnswerEngine, Hit } from './types.js';

/**
 * Answer quality on a question file: does the expected item come first (top-1), how high does it
 * rank (MRR), and does what the user is shown hold the asked fact. Used by `npm run eval` and by
 * the test that keeps ranking changes from quietly making answers worse.
 */

/**
 * One question of a JSON-lines question file:
 * - `q`: the question as a user types it;
 * - `expect`: the item that answers it, as `MEETINGDATE#NUMBER` (`2025-04-11#3.6`, `2019-09-24#130`)
 *   or as the item's id (`roedovre-kommune-kommunalbestyrelsen-2019-09-24-p2`, for unnumbered items);
 * - `answer_contains`: text that the shown answer must hold (whitespace runs count as one space);
 * - `kind`: what makes the question hard (`english`, `typo`, `fact`, …), for figures per kind;
 * - `lang`: `en` for English questions without a kind.
 */
export const QuestionSchema = z.object({
  q: z.string().min(1),
  expect: z.string().regex(/^(\d{4}-\d{2}-\d{2}#[\p{L}\d.]+|[\p{L}\d][\p{L}\d._-]*)$/u, 'expected MEETINGDATE#NUMBER or an item id'),
  answer_contains: z.string().min(1).optional(),
  kind: z.string().optional(),
  lang: z.string().optional(),
});
export type Question = z.infer<typeof QuestionSchema>;

/** Figures for a set of questions (all of them, or one kind). */
export interface EvalFigures {
  questions: number;
  /** Share whose expected item came first. */
  top1: number;
  /** Mean reciprocal rank of the expected item among the first ten (0 when absent). */
  mrr: number;
  /** Questions with `answer_contains`. */
  factQuestions: number;
  /** Of those, how many had the expected item first and its snippet holding the fact. */
  snippetHits: number;
  /** …and how many showed the fact anywhere in the answer's first item: snippet, recommendation or decision. */
  shownHits: number;
}

export interface EvalReport extends EvalFigures {
  /** Per question kind (`kind`, else `english` for `lang: en`, else `topic`). */
  byKind: Map<string, EvalFigures>;
  /** One line per question that missed, for reading. */
  misses: string[];
}

/** How far down the answer the expected item is looked for. */
const RANKS_READ = 10;

/** The kind a question is counted under. */
export function questionKind(q: Question): string {
  return q.kind ?? (q.lang === 'en' ? 'english' : 'topic');
}

/** Whether an item is the one `expect` names. */
export function isExpected(item: AgendaItem, expect: string): boolean {
  if (!expect.includes('#')) return item.id === expect;
  const [date, number] = expect.split('#') as [string, string];
  return item.meetingDate === date && item.number === number;
}

const collapse = (s: string) => s.replace(/\s+/g, ' ');

/** Whether a hit shows the fact: in its snippet, and (`shown`) in anything the first result shows. */
function holds(hit: Hit | undefined, fact: string): { snippet: boolean; shown: boolean } {
  if (!hit) return { snippet: false, shown: false };
  const want = collapse(fact);
  const snippet = collapse(hit.snippet).includes(want);
  const shown = snippet || collapse(hit.item.recommendation).includes(want) || collapse(hit.item.decision ?? '').includes(want);
  return { snippet, shown };
}

function emptyFigures(): EvalFigures {
  return { questions: 0, top1: 0, mrr: 0, factQuestions: 0, snippetHits: 0, shownHits: 0 };
}

/**
 * Asks every question and scores the answers.
 * @example (await evaluate(engine, await readQuestions('tests/fixtures/eval/dev-questions.jsonl'))).top1 // 0.986
 */
export async function evaluate(engine: AnswerEngine, questions: readonly Question[]): Promise<EvalReport> {
  const total = emptyFigures();
  const byKind = new Map<string, EvalFigures>();
  const misses: string[] = [];
  for (const q of questions) {
    const kind = questionKind(q);
    const figures = byKind.get(kind) ?? emptyFigures();
    byKind.set(kind, figures);
    const answer = await engine.ask(q.q, { limit: RANKS_READ });
    const rank = answer.results.findIndex((h) => isExpected(h.item, q.expect));
    const got = answer.results[0] ? `${answer.results[0].item.meetingDate}#${answer.results[0].item.number || answer.results[0].item.id}` : answer.status;
    for (const f of [total, figures]) {
      f.questions++;
      if (rank === 0) f.top1++;
      if (rank >= 0) f.mrr += 1 / (rank + 1);
    }
    if (rank !== 0) misses.push(`rank ${rank < 0 ? '-' : rank + 1}: ${q.q}  (want ${q.expect}, got ${got})`);
    if (q.answer_contains === undefined) continue;
    const shown = rank === 0 ? holds(answer.results[0], q.answer_contains) : { snippet: false, shown: false };
    for (const f of [total, figures]) {
      f.factQuestions++;
      if (shown.snippet) f.snippetHits++;
      if (shown.shown) f.shownHits++;
    }
    if (rank === 0 && !shown.snippet) {
      misses.push(`${shown.shown ? 'snippet (shown elsewhere)' : 'snippet'}: ${q.q}  (want "${q.answer_contains}", got "${answer.results[0]!.snippet.slice(0, 200)}")`);
    }
  }
  const average = (f: EvalFigures) => ({ ...f, top1: f.top1 / Math.max(1, f.questions), mrr: f.mrr / Math.max(1, f.questions) });
  return { ...average(total), byKind: new Map([...byKind].sort(([a], [b]) => a.localeCompare(b)).map(([k, f]) => [k, average(f)])), misses };
}

/** Share of fact questions whose snippet holds the fact. */
export function snippetRate(f: EvalFigures): number {
  return f.snippetHits / Math.max(1, f.factQuestions);
}

/** Share of fact questions whose answer shows the fact (snippet, recommendation or decision). */
export function shownRate(f: EvalFigures): number {
  return f.shownHits / Math.max(1, f.factQuestions);
}

/**
 * Reads a JSON-lines question file (blank lines ignored).
 * @throws Error naming the file and line of the first malformed question.
 */
export async function readQuestions(file: string): Promise<Question[]> {
  const lines = (await readFile(file, 'utf8')).split('\n');
  const out: Question[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      throw new Error(`${file}:${i + 1}: not JSON (${(error as Error).message})`);
    }
    const parsed = QuestionSchema.safeParse(json);
    if (!parsed.success) throw new Error(`${file}:${i + 1}: ${parsed.error.issues[0]!.path.join('.')}: ${parsed.error.issues[0]!.message}`);
    out.push(parsed.data);
  });
  return out;
}

/** The figures as a table: one row for all questions and one per kind. */
export function formatFigures(report: EvalReport): string {
  const row = (label: string, f: EvalFigures) =>
    `${label.padEnd(12)} ${String(f.questions).padStart(4)}  ${f.top1.toFixed(3)}  ${f.mrr.toFixed(3)}  ${f.factQuestions > 0 ? `${snippetRate(f).toFixed(3)} (${f.snippetHits}/${f.factQuestions})` : '     -     '}  ${f.factQuestions > 0 ? shownRate(f).toFixed(3) : '  -  '}`;
  const lines = [`${'kind'.padEnd(12)} ${'n'.padStart(4)}  top-1  MRR    snippet          shown`];
  for (const [kind, f] of report.byKind) lines.push(row(kind, f));
  lines.push(row('all', report));
  return lines.join('\n');
}
