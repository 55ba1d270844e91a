import { parseDateRange } from '../../answer/date-range.js';
import { meetingNotUnderstood } from '../../answer/texts.js';
import type { AnswerFilters } from '../../answer/types.js';

/**
 * Turns the slash command's `møde` and `udvalg` options into the engine's filters.
 *
 * `møde` accepts a date, a month or a year as the core reads them (`parseDateRange`). `udvalg`
 * is a committee name such as `KKR Hovedstaden`, passed on as typed (the engine matches it).
 */
export type FilterResult = { ok: true; filters: AnswerFilters } | { ok: false; message: string };

export function parseFilters(meeting: string | null | undefined, committee: string | null | undefined): FilterResult {
  const filters: AnswerFilters = {};
  const labels: string[] = [];
  const c = committee?.trim() ?? '';
  if (c !== '') {
    filters.committee = c;
    labels.push(c);
  }
  const m = meeting?.trim() ?? '';
  if (m !== '') {
    const range = parseDateRange(m);
    if (range === undefined) {
      return { ok: false, message: meetingNotUnderstood(m) };
    }
    filters.dateFrom = range.from;
    filters.dateTo = range.to;
    labels.push(range.label);
  }
  if (labels.length > 0) filters.label = labels.join(', ');
  return { ok: true, filters };
}
