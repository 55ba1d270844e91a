import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import path from 'node:path';
import { startSlack } from '../adapters/slack/start.js';
import { engineFromIndex, openEngine } from '../answer/engine.js';
import type { AnswerEngine } from '../answer/types.js';
import { createLogger } from '../log.js';
import { SearchIndex } from '../search/search-index.js';
import { Synonyms } from '../search/synonyms.js';
import { loadCorpus } from '../corpus/load-corpus.js';
import { generateMeetings } from './synthetic-corpus.js';
import { deriveQuestions } from './questions.js';
import { Random } from './prng.js';
import { startSlackStandIn } from './slack-stand-in.js';

const CLIENT = fileURLToPath(new URL('./load-client.ts', import.meta.url));

/** Sends the commands from a process of its own (as Slack does), so the sender does not take the bot's CPU time. */
async function sendFromAnotherProcess(url: string, bodies: string[]): Promise<Array<{ ok: boolean; ms: number }>> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLIENT], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  child.stdin.end(JSON.stringify({ url, secret: SECRET, bodies }));
  if ((await exited) !== 0) throw new Error('the load client failed');
  return JSON.parse(out) as Array<{ ok: boolean; ms: number }>;
}

/** What `npm run load` measures. */
export interface LoadOptions {
  corpusDir: string;
  /** Slash commands sent at once (default 200). */
  commands: number;
  /** Questions asked in one process for the memory figures (default 10,000). */
  questions: number;
  /** Synthetic items added to the corpus, so answers cost what they cost on a large one (default 0). */
  items: number;
  onProgress?: (line: string) => void;
}

export interface LoadReport {
  corpusItems: number;
  commands: {
    sent: number;
    acknowledged: number;
    /** Acknowledgements within Slack's 3 seconds. */
    ackedWithin3s: number;
    ackMs: { p50: number; p99: number; max: number };
    answered: number;
    /** From sending the first command to the last answer arriving. */
    allAnsweredMs: number;
    answerMs: { p50: number; p99: number; max: number };
  };
  memory: {
    questions: number;
    /** After a warm-up of 1,000 questions and a garbage collection. */
    before: { heapMiB: number; rssMiB: number };
    /** After all questions and a garbage collection. */
    after: { heapMiB: number; rssMiB: number };
    /** Heap after each quarter of the questions: it levels off once the bounded caches are full. */
    quarters: number[];
    heapGrowthMiB: number;
    gcExposed: boolean;
  };
}

const SECRET = 'load-test-signing-secret';
const MiB = 1024 * 1024;

function quantiles(values: number[]): { p50: number; p99: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { p50: Math.round(at(0.5)), p99: Math.round(at(0.99)), max: Math.round(sorted.at(-1) ?? 0) };
}

function memory(): { heapMiB: number; rssMiB: number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  return { heapMiB: Math.round((m.heapUsed / MiB) * 10) / 10, rssMiB: Math.round((m.rss / MiB) * 10) / 10 };
}

/** Questions people ask plus what they should not: typos, random words, punctuation, long text. */
async function questionStream(engine: AnswerEngine, n: number): Promise<string[]> {
  const random = new Random(18);
  const asked = deriveQuestions(await engine.meetings(), 18, Math.min(n, 2000)).map((q) => q.q);
  const letters = 'abcdefghijklmnopqrstuvwxyzæøå';
  const word = () => Array.from({ length: random.int(3, 14) }, () => letters[random.int(0, letters.length - 1)]).join('');
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const kind = i % 4;
    if (kind === 0) out.push(asked[i % asked.length]!);
    else if (kind === 1) out.push(`${asked[random.int(0, asked.length - 1)]} ${word()}`);
    else if (kind === 2) out.push(Array.from({ length: random.int(1, 6) }, word).join(' '));
    else out.push(random.chance(0.5) ? `SAG-${random.int(2000, 2030)}-${String(random.int(0, 99999)).padStart(5, '0')}` : `${word()}?! ${'.'.repeat(random.int(0, 40))}`);
  }
  return out;
}

/**
 * The load benchmark: the Slack app in HTTP mode, in this process, against a local stand-in for
 * Slack; `commands` signed slash commands sent at once (ack latency: Slack gives up after 3 s;
 * answer completion through response_url); then `questions` questions through the engine with the
 * heap and RSS before and after.
 */
export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  const progress = options.onProgress ?? (() => undefined);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'moedebot-load-'));
  const slack = await startSlackStandIn();
  const logger = createLogger('warn');
  try {
    let engine: AnswerEngine;
    if (options.items > 0) {
      progress(`building an index of the corpus and ${options.items} synthetic items…`);
      const { meetings } = await loadCorpus(options.corpusDir);
      const index = SearchIndex.build([...meetings, ...generateMeetings({ items: options.items, seed: 1 })]);
      engine = engineFromIndex(index, await Synonyms.load(options.corpusDir), { corpusDir: options.corpusDir, dataDir });
    } else {
      engine = await openEngine({ corpusDir: options.corpusDir, dataDir });
    }
    const corpusItems = (await engine.catalog()).reduce((n, m) => n + m.itemCount, 0);
    const app = await startSlack(
      engine,
      { botToken: 'xoxb-load-test', signingSecret: SECRET, mode: 'http', port: 0, apiUrl: slack.apiUrl, command: '/dagsorden', response: 'in_channel', caseNumberReplies: false },
      logger,
    );
    const url = `http://127.0.0.1:${app.port}/slack/events`;
    const questions = await questionStream(engine, options.commands);
    progress(`sending ${options.commands} signed slash commands at once…`);
    const bodies = questions.map((q, i) =>
      new URLSearchParams({ command: '/dagsorden', text: q, user_id: `U${i}`, channel_id: 'C0LOAD', team_id: 'T0LOAD', response_url: slack.responseUrl(i), trigger_id: `${i}` }).toString(),
    );
    const start = performance.now();
    const acks = await sendFromAnotherProcess(url, bodies);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([slack.answers(options.commands), new Promise((resolve) => (timer = setTimeout(resolve, 60_000)))]);
    clearTimeout(timer);
    const answered = [...slack.answeredAt.values()];
    await app.stop();

    progress(`asking ${options.questions} questions…`);
    const stream = await questionStream(engine, options.questions + 1000);
    for (const q of stream.slice(0, 1000)) await engine.ask(q);
    const before = memory();
    const rest = stream.slice(1000);
    const quarters: number[] = [];
    for (let k = 1; k <= 4; k++) {
      for (const q of rest.slice(Math.floor(((k - 1) * rest.length) / 4), Math.floor((k * rest.length) / 4))) await engine.ask(q);
      if (k < 4) quarters.push(memory().heapMiB);
    }
    const after = memory();
    quarters.push(after.heapMiB);

    return {
      corpusItems,
      commands: {
        sent: options.commands,
        acknowledged: acks.filter((a) => a.ok).length,
        ackedWithin3s: acks.filter((a) => a.ok && a.ms <= 3000).length,
        ackMs: quantiles(acks.map((a) => a.ms)),
        answered: answered.length,
        allAnsweredMs: Math.round(Math.max(0, ...answered) - start),
        answerMs: quantiles(answered.map((t) => t - start)),
      },
      memory: {
        questions: options.questions,
        before,
        after,
        quarters,
        heapGrowthMiB: Math.round((after.heapMiB - before.heapMiB) * 10) / 10,
        gcExposed: typeof (globalThis as { gc?: unknown }).gc === 'function',
      },
    };
  } finally {
    await slack.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

export function formatLoadReport(r: LoadReport): string {
  const c = r.commands;
  const m = r.memory;
  return [
    `corpus: ${r.corpusItems} items`,
    '',
    `Slack HTTP mode, ${c.sent} signed slash commands sent at once`,
    `  acknowledged       ${c.acknowledged}/${c.sent}, ${c.ackedWithin3s} within 3 s`,
    `  ack latency        p50 ${c.ackMs.p50} ms, p99 ${c.ackMs.p99} ms, max ${c.ackMs.max} ms`,
    `  answered           ${c.answered}/${c.sent}, all within ${c.allAnsweredMs} ms (p50 ${c.answerMs.p50} ms, p99 ${c.answerMs.p99} ms)`,
    '',
    `${m.questions} questions in one process${m.gcExposed ? '' : ' (run with --expose-gc for exact figures)'}`,
    `  heap               ${m.before.heapMiB} MiB → ${m.after.heapMiB} MiB (${m.heapGrowthMiB >= 0 ? '+' : ''}${m.heapGrowthMiB} MiB; by quarter ${m.quarters.join(', ')} MiB)`,
    `  RSS                ${m.before.rssMiB} MiB → ${m.after.rssMiB} MiB`,
  ].join('\n');
}
