import { bootstrap, runMain } from './bootstrap.js';
import { loadOrBuildIndex, INDEX_FILE } from '../search/index-store.js';
import path from 'node:path';
import { danishDate as formatDanishDate } from '../answer/present.js';

/** `npm run index`: rebuilds the index and says what was indexed and what was skipped, and why. */
runMain(async () => {
  const config = bootstrap();
  const started = performance.now();
  const { index, skipped } = await loadOrBuildIndex(config.corpusDir, config.dataDir, true);
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  for (const meeting of index.meetings) {
    const what = meeting.kind === 'minutes' ? (meeting.sources.length > 1 ? 'agenda and minutes' : 'minutes') : 'agenda';
    const publisher = meeting.publisher ? `, ${meeting.publisher}` : '';
    const plain = meeting.unstructured ? ' (as plain text)' : '';
    process.stdout.write(`indexed ${meeting.sources.join(' + ')}: ${meeting.committee}${publisher}, ${formatDanishDate(meeting.meetingDate)}, ${what}, ${meeting.items.length} items${plain}\n`);
  }
  for (const s of skipped) process.stdout.write(`${s.severity === 'notice' ? 'note' : 'skipped'} ${s.file}: ${s.reason}\n`);
  process.stdout.write(
    `${index.meetings.length} meetings, ${index.itemCount} items, ${index.docRefs.length} documents in ${seconds} s → ${path.join(config.dataDir, INDEX_FILE)}\n`,
  );
});
