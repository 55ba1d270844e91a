import { bootstrap, parseArgs, runMain } from './bootstrap.js';
import { openEngine } from '../answer/engine.js';
import { formatDanishDate } from '../corpus/danish-dates.js';

/** `npm run items -- [--json]`: every parsed item (JSON array with --json). */
runMain(async () => {
  const config = bootstrap();
  const { flags } = parseArgs(process.argv.slice(2));
  const engine = await openEngine({ corpusDir: config.corpusDir, dataDir: config.dataDir });
  const items = engine.meetings().flatMap((m) => m.items);
  if (flags.has('json')) {
    process.stdout.write(`${JSON.stringify(items, null, 2)}\n`);
    return;
  }
  for (const meeting of engine.meetings()) {
    process.stdout.write(`${meeting.committee}, ${formatDanishDate(meeting.meetingDate)} (${meeting.source})\n`);
    for (const item of meeting.items) process.stdout.write(`  ${item.number.padEnd(5)} ${item.title}  [${item.caseNumber} ${item.caseOfficers.join('/')}]\n`);
  }
  for (const s of engine.report.skipped) process.stderr.write(`skipped ${s.file}: ${s.reason}\n`);
});
