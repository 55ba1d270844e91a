import { createInterface } from 'node:readline';
import { bootstrap, parseArgs, runMain } from './bootstrap.js';
import { backendFlag, openAnswerEngine } from '../answer/open-answer-engine.js';
import { answerToJson } from '../answer/answer-json.js';
import { renderAnswerText } from '../answer/render-text.js';

/**
 * `npm run ask -- [--json] [--limit N] [--backend memory|postgres] [question]`: answers one question, or with no question one
 * question per line of standard input: with --json exactly one JSON object per input line, in
 * order, blank lines included (they get an `invalid` answer saying so), so a batch's output lines
 * up with its input; without, one answer per input line, separated by a blank line.
 */
runMain(async () => {
  const config = bootstrap();
  const { flags, rest } = parseArgs(process.argv.slice(2), ['limit', 'backend']);
  const json = flags.has('json');
  const limit = flags.has('limit') ? Number(flags.get('limit')) : undefined;
  const backend = backendFlag(flags.get('backend'));
  const opened = await openAnswerEngine(config, backend ? { backend } : {});
  const engine = opened.engine;
  const answer = (q: string) => engine.ask(q, limit !== undefined ? { limit } : {});
  const print = async (q: string) => {
    let line: string;
    try {
      const a = await answer(q);
      line = json ? JSON.stringify(answerToJson(a)) : `${renderAnswerText(a)}\n`;
    } catch (error) {
      // One line per input line, whatever happens to one question.
      const message = `Spørgsmålet kunne ikke besvares (${(error as Error).message}).`;
      line = json ? JSON.stringify({ query: q.slice(0, 100), status: 'error', mode: 'search', message, results: [] }) : `${message}\n`;
    }
    process.stdout.write(`${line}\n`);
  };
  if (rest.length > 0) {
    const a = await answer(rest.join(' '));
    process.stdout.write(json ? `${JSON.stringify(answerToJson(a), null, 2)}\n` : `${renderAnswerText(a)}\n`);
    await opened.close();
    return;
  }
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) await print(line);
  await opened.close();
});
