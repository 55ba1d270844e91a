import { bootstrap, fail, parseArgs, runMain } from './bootstrap.js';
import { formatLoadReport, runLoad } from '../bench/load.js';

/**
 * `npm run load -- [--json] [--commands 200] [--questions 10000] [--items 0]`: a benchmark, not a
 * test. Starts the Slack app in HTTP mode in this process against a local stand-in for Slack,
 * sends the signed slash commands at once and prints ack latencies and when all were answered;
 * then asks the questions and prints the heap and RSS before and after.
 */
runMain(async () => {
  const config = bootstrap();
  const { flags } = parseArgs(process.argv.slice(2), ['commands', 'questions', 'items']);
  const number = (name: string, fallback: number, min = 1) => {
    const v = flags.get(name);
    if (v === undefined) return fallback;
    const n = Number(String(v).replace(/_/g, ''));
    if (!Number.isInteger(n) || n < min) fail(`--${name} takes a whole number of at least ${min}`);
    return n;
  };
  const report = await runLoad({
    corpusDir: config.corpusDir,
    commands: number('commands', 200),
    questions: number('questions', 10_000),
    items: number('items', 0, 0),
    onProgress: (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(flags.has('json') ? `${JSON.stringify(report)}\n` : `${formatLoadReport(report)}\n`);
});
