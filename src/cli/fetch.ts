import { bootstrap, fail, parseArgs, runMain } from './bootstrap.js';
import { countReport, runFetchPass } from '../fetch/fetch-pass.js';
import { formatFetchReport } from '../fetch/fetch-report.js';
import { PoliteClient, userAgentFor } from '../fetch/http-client.js';
import { progressLine } from '../fetch/progress-line.js';

/**
 * `npm run fetch -- [--json]`: one pass over SOURCES. Prints what it found, fetched, found
 * unchanged and failed (per address, with the reason); progress on a terminal. Exits 0 when
 * every address worked, 2 when some failed (they are tried again next time), 1 on a setup error.
 * Ctrl-C stops the pass cleanly: what was fetched is kept and the state is saved.
 */
runMain(async () => {
  const config = bootstrap();
  const { flags } = parseArgs(process.argv.slice(2));
  if (!config.sources) fail('SOURCES is not set: give the addresses of meeting-material pages or documents to fetch, comma-separated (see .env.example).');
  const { sources } = config;
  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort());
  const client = new PoliteClient({ userAgent: userAgentFor(sources.contact), timeoutMs: sources.timeoutMs, maxBytes: sources.maxBytes, signal: stop.signal });
  const progress = progressLine(process.stderr);
  const report = await runFetchPass({ sources: sources.urls, corpusDir: config.corpusDir, dataDir: config.dataDir, client, onProgress: (p) => progress.update(p) });
  progress.done();
  process.stdout.write(flags.has('json') ? `${JSON.stringify(report, null, 2)}\n` : formatFetchReport(report));
  process.exitCode = countReport(report).failed > 0 ? 2 : 0;
});
