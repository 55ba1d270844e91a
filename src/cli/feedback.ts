import { isIsoDay } from '../digest/dates.js';
import { feedbackReport, renderFeedbackReport } from '../feedback/report.js';
import { createLogger } from '../log.js';
import { openStores } from '../state/open-stores.js';
import { bootstrap, fail, parseArgs, runMain } from './bootstrap.js';

/**
 * `npm run feedback -- [--json] [--since YYYY-MM-DD]`: the answers voted 👎 and the questions that
 * found nothing, most frequent first: the to-do list for synonyms and parsing. It reads what the
 * running bot keeps: `DATA_DIR/feedback.json`, or the database of DATABASE_URL.
 */

const USAGE = `Brug: npm run feedback -- [--json] [--since ÅÅÅÅ-MM-DD]
  --since  kun feedback fra den dag og frem
  --json   som JSON i stedet for tekst`;

runMain(async () => {
  const { flags, rest } = parseArgs(process.argv.slice(2), ['since']);
  if (flags.has('help')) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const unknown = [...flags.keys()].filter((f) => f !== 'since' && f !== 'json');
  if (unknown.length > 0 || rest.length > 0) fail(`Ukendt argument: ${[...unknown.map((f) => `--${f}`), ...rest].join(' ')}\n${USAGE}`);
  const sinceFlag = flags.get('since');
  if (sinceFlag === true || (typeof sinceFlag === 'string' && !isIsoDay(sinceFlag))) fail(`--since skal være en dato som ÅÅÅÅ-MM-DD, fx 2025-06-01.\n${USAGE}`);
  const since = typeof sinceFlag === 'string' ? sinceFlag : undefined;

  const config = bootstrap();
  const state = await openStores({ dataDir: config.dataDir, database: config.database, threadContextHours: 0, feedbackSalt: config.chat.feedbackSalt, logger: createLogger(config.logLevel) });
  let report;
  try {
    report = await feedbackReport(state.feedback, since);
  } finally {
    await state.close();
  }
  process.stdout.write(flags.has('json') ? `${JSON.stringify(report, null, 2)}\n` : renderFeedbackReport(report));
});
