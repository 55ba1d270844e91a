import { countReport, type FetchReport } from './fetch-pass.js';

const STATUS_WIDTH = 10;

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * The report of one pass as text for `npm run fetch`: each source and each document address with
 * what became of it (and why, when it failed), then the totals.
 *
 * @example
 * formatFetchReport(report)
 * // Sources
 * //   listing    https://www.kl.dk/…/moedemateriale (2 pages, 3 documents)
 * // Documents
 * //   new        https://www.kl.dk/media/…/dagsorden.pdf → fetched/www.kl.dk/media/…/dagsorden.pdf (PDF, 62880 bytes)
 * //   unchanged  https://www.kl.dk/media/…/referat.pdf (304 Not Modified)
 * //   failed     https://www.kl.dk/media/…/gammel.pdf: answered 404 Not Found
 * // Found 3 documents on 1 source: fetched 1 (1 new, 0 updated), 1 unchanged, 1 failed.
 */
export function formatFetchReport(report: FetchReport): string {
  const lines: string[] = [];
  const pad = (s: string) => s.padEnd(STATUS_WIDTH);
  lines.push('Sources');
  for (const source of report.sources) {
    const more = source.morePages ? ', more pages not read' : '';
    const what = source.kind === 'listing' ? `(${plural(source.pages, 'page', 'pages')}${more}, ${plural(source.found, 'document', 'documents')})` : '(a single document)';
    lines.push(`  ${pad(source.kind)} ${source.url} ${what}`);
    for (const failure of source.failures) lines.push(`  ${pad('failed')} ${failure.url}: ${failure.reason}`);
  }
  if (report.documents.length > 0) {
    lines.push('Documents');
    for (const doc of report.documents) {
      if (doc.status === 'failed') lines.push(`  ${pad('failed')} ${doc.url}: ${doc.detail}`);
      else if (doc.status === 'unchanged') lines.push(`  ${pad('unchanged')} ${doc.url} (${doc.detail})`);
      else lines.push(`  ${pad(doc.status)} ${doc.url} → ${doc.file} (${doc.detail})`);
    }
  }
  for (const problem of report.problems) lines.push(`Note: ${problem}`);
  const c = countReport(report);
  lines.push(
    `Found ${plural(c.found, 'document', 'documents')} on ${plural(report.sources.length, 'source', 'sources')}: fetched ${c.fetched} (${c.new} new, ${c.updated} updated), ${c.unchanged} unchanged, ${c.failed} failed.`,
  );
  if (c.failed > 0) lines.push('Failed addresses are tried again at the next pass; nothing fetched before was removed or replaced.');
  return `${lines.join('\n')}\n`;
}
