import { createInterface } from 'node:readline';
import { bootstrap, parseArgs, runMain } from './bootstrap.js';
import { openEngine } from '../answer/engine.js';
import { answerToJson } from '../answer/answer-json.js';
import { renderAnswerText } from '../answer/render-text.js';

/**
 * `npm run ask -- [--json] [--limit N] [question]`: answers one question, or with no question one
 * question per line of standard input (one JSON object per line with --json).
 */
runMain(async () => {
  const config = bootstrap();
  const { flags, rest } = parseArgs(process.argv.slice(2), ['limit']);
  const json = flags.has('json');
  const limit = flags.has('limit') ? Number(flags.get('limit')) : undefined;
  const engine = await openEngine({ corpusDir: config.corpusDir, dataDir: config.dataDir });
  const answer = (q: string) => engine.ask(q, limit !== undefined ? { limit } : {});
  const print = (q: string) => {
    const a = answer(q);
    process.stdout.write(json ? `${JSON.stringify(answerToJson(a))}\n` : `${renderAnswerText(a)}\n\n`);
  };
  if (rest.length > 0) {
    const a = answer(rest.join(' '));
    process.stdout.write(json ? `${JSON.stringify(answerToJson(a), null, 2)}\n` : `${renderAnswerText(a)}\n`);
    return;
  }
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    print(line);
  }
});
