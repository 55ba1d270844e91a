import { bootstrap, parseArgs, runMain } from './bootstrap.js';
import { openEngine } from '../answer/engine.js';
import { danishDate as formatDanishDate } from '../answer/present.js';

/** `npm run items -- [--json]`: every parsed item (JSON array with --json). */
runMain(async () => {
  const config = bootstrap();
  const { flags } = parseArgs(process.argv.slice(2));
  const engine = await openEngine({ corpusDir: config.corpusDir, dataDir: config.dataDir });
  const meetings = await engine.meetings();
  const items = meetings.flatMap((m) => m.items);
  if (flags.has('json')) {
    process.stdout.write(`${JSON.stringify(items, null, 2)}\n`);
    return;
  }
  for (const meeting of meetings) {
    process.stdout.write(`${meeting.committee}${meeting.publisher ? `, ${meeting.publisher}` : ''}, ${formatDanishDate(meeting.meetingDate)}, ${meeting.kind === 'minutes' ? 'referat' : 'dagsorden'} (${meeting.sources.join(' + ')})\n`);
    for (const item of meeting.items) {
      const caseLine = item.caseNumber ? `  [${item.caseNumber}${item.caseOfficers.length > 0 ? ` ${item.caseOfficers.join('/')}` : ''}]` : '';
      process.stdout.write(`  ${item.number.padEnd(5)} ${item.title}${caseLine}${item.decision ? `  → ${item.decision.split('\n')[0]!.slice(0, 60)}` : ''}\n`);
    }
  }
  for (const s of engine.report.skipped) process.stderr.write(`${s.severity === 'notice' ? 'note' : 'skipped'} ${s.file}: ${s.reason}\n`);
});
