import { backendFlag, openAnswerEngine } from '../answer/open-answer-engine.js';
import { buildDigest, meetingsForDigest } from '../digest/build-digest.js';
import { loadCalendar } from '../digest/calendar.js';
import { isIsoDay, localDay } from '../digest/dates.js';
import { renderDigestText } from '../digest/render-text.js';
import { createLogger } from '../log.js';
import { openStores } from '../state/open-stores.js';
import { bootstrap, fail, parseArgs, runMain } from './bootstrap.js';

/**
 * `npm run digest -- [--date YYYY-MM-DD] [--json] [--backend memory|postgres]`: prints the digest that would be posted that
 * morning (default today in DIGEST_TIMEZONE). "New" marks are relative to the last digest the bot
 * posted before that day. It only reads the posted-state: printing never counts as posting.
 */

const USAGE = `Brug: npm run digest -- [--date ÅÅÅÅ-MM-DD] [--json] [--backend memory|postgres]
  --date     dagen oversigten gælder (standard: i dag i DIGEST_TIMEZONE)
  --json     som JSON (mødedatoer som ÅÅÅÅ-MM-DD) i stedet for tekst
  --backend  søgning i hukommelsen eller i PostgreSQL (standard: SEARCH_BACKEND)`;

runMain(async () => {
  const { flags, rest } = parseArgs(process.argv.slice(2), ['date', 'backend']);
  if (flags.has('help')) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const unknown = [...flags.keys()].filter((f) => f !== 'date' && f !== 'json' && f !== 'backend');
  if (unknown.length > 0 || rest.length > 0) fail(`Ukendt argument: ${[...unknown.map((f) => `--${f}`), ...rest].join(' ')}\n${USAGE}`);

  const config = bootstrap();
  const dateFlag = flags.get('date');
  const date = typeof dateFlag === 'string' ? dateFlag : localDay(new Date(), config.digest.timezone);
  if (!isIsoDay(date)) fail(`--date skal være en dato som ÅÅÅÅ-MM-DD, fx 2025-06-01 (fik "${date}").`);

  const logger = createLogger(config.logLevel);
  const backend = backendFlag(flags.get('backend'));
  const opened = await openAnswerEngine(config, { logger, ...(backend ? { backend } : {}) });
  const engine = opened.engine;
  const state = await openStores({ dataDir: config.dataDir, database: config.database, threadContextHours: 0, feedbackSalt: config.chat.feedbackSalt, logger });
  let previous;
  try {
    previous = await state.digestPosts.previous(date);
  } finally {
    await state.close();
  }
  const digest = buildDigest({
    meetings: await meetingsForDigest(engine, date),
    calendar: await loadCalendar(config.corpusDir),
    date,
    windowDays: config.digest.windowDays,
    previous,
  });
  await opened.close();
  process.stdout.write(flags.has('json') ? `${JSON.stringify(digest, null, 2)}\n` : renderDigestText(digest));
});
