import type { AnswerFilters } from '../../answer/types.js';
import { DANISH_MONTHS, danishDate } from './text.js';

/**
 * Turns the slash command's `møde` and `udvalg` options into the engine's filters.
 *
 * `møde` accepts a date (`2025-04-11`, `11-04-2025`, `11.04.2025`, `11. april 2025`), a month
 * (`juni 2024`, `jun 2024`, `2024-06`) or a year (`2024`). `udvalg` is a committee name such as
 * `KKR Hovedstaden`, passed on as typed (the engine matches it).
 */
export type FilterResult = { ok: true; filters: AnswerFilters } | { ok: false; message: string };

const MONTH_ALIASES: Record<string, number> = Object.fromEntries([
  ...DANISH_MONTHS.map((name, i) => [name, i + 1] as const),
  ...DANISH_MONTHS.map((name, i) => [name.slice(0, 3), i + 1] as const),
  ['march', 3],
  ['may', 5],
  ['june', 6],
  ['july', 7],
  ['october', 10],
  ['oct', 10],
]);

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
    const range = parseMeetingRange(m);
    if (range === undefined) {
      return {
        ok: false,
        message: `Jeg forstår ikke mødet «${m}». Skriv en dato (2025-04-11), en måned (juni 2024) eller et år (2024).`,
      };
    }
    filters.dateFrom = range.from;
    filters.dateTo = range.to;
    labels.push(range.label);
  }
  if (labels.length > 0) filters.label = labels.join(', ');
  return { ok: true, filters };
}

interface DateRange {
  from: string;
  to: string;
  label: string;
}

/** A date, month or year as an inclusive range of YYYY-MM-DD dates; undefined when not understood. */
export function parseMeetingRange(text: string): DateRange | undefined {
  const t = text.trim().toLowerCase().replace(/\s+/g, ' ');
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t))) return day(+m[1]!, +m[2]!, +m[3]!);
  if ((m = /^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$/.exec(t))) return day(+m[3]!, +m[2]!, +m[1]!);
  if ((m = /^(\d{1,2})\.? ([a-zæøå]+)\.? (\d{4})$/.exec(t))) {
    const month = MONTH_ALIASES[m[2]!];
    return month === undefined ? undefined : day(+m[3]!, month, +m[1]!);
  }
  if ((m = /^(\d{4})-(\d{1,2})$/.exec(t))) return month(+m[1]!, +m[2]!);
  if ((m = /^(\d{1,2})[-/](\d{4})$/.exec(t))) return month(+m[2]!, +m[1]!);
  if ((m = /^([a-zæøå]+)\.? (\d{4})$/.exec(t))) {
    const mo = MONTH_ALIASES[m[1]!];
    return mo === undefined ? undefined : month(+m[2]!, mo);
  }
  if ((m = /^(\d{4})$/.exec(t))) {
    const y = +m[1]!;
    return { from: `${y}-01-01`, to: `${y}-12-31`, label: String(y) };
  }
  return undefined;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function day(y: number, mo: number, d: number): DateRange | undefined {
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) return undefined;
  const iso = `${y}-${pad(mo)}-${pad(d)}`;
  return { from: iso, to: iso, label: danishDate(iso) };
}

function month(y: number, mo: number): DateRange | undefined {
  if (mo < 1 || mo > 12) return undefined;
  return { from: `${y}-${pad(mo)}-01`, to: `${y}-${pad(mo)}-${pad(daysIn(y, mo))}`, label: `${DANISH_MONTHS[mo - 1]} ${y}` };
}

function daysIn(y: number, mo: number): number {
  return new Date(Date.UTC(y, mo, 0)).getUTCDate();
}
