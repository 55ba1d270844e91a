import { DANISH_MONTH_NAMES, isoDate, monthNumber } from '../corpus/danish-dates.js';
import { danishDate } from './present.js';

/** An inclusive range of meeting dates and how it reads to a user. */
export interface DateRange {
  /** YYYY-MM-DD. */
  from: string;
  to: string;
  /** `11. april 2025`, `juni 2024`, `2024`. */
  label: string;
}

/**
 * A date, month or year as users write them, as an inclusive range of meeting dates: a date
 * (`2025-04-11`, `11-04-2025`, `11.04.2025`, `11. april 2025`), a month (`juni 2024`, `jun 2024`,
 * `2024-06`, `06/2024`) or a year (`2024`). Undefined when the text is none of these (or no real day).
 *
 * @example parseDateRange('juni 2024') // { from: '2024-06-01', to: '2024-06-30', label: 'juni 2024' }
 */
export function parseDateRange(text: string): DateRange | undefined {
  const t = text.trim().toLowerCase().replace(/\s+/g, ' ');
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t))) return day(+m[1]!, +m[2]!, +m[3]!);
  if ((m = /^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$/.exec(t))) return day(+m[3]!, +m[2]!, +m[1]!);
  if ((m = /^(\d{1,2})\.? ([a-zæøå]+)\.? (\d{4})$/.exec(t))) {
    const mo = monthNumber(m[2]!);
    return mo === undefined ? undefined : day(+m[3]!, mo, +m[1]!);
  }
  if ((m = /^(\d{4})-(\d{1,2})$/.exec(t))) return month(+m[1]!, +m[2]!);
  if ((m = /^(\d{1,2})[-/](\d{4})$/.exec(t))) return month(+m[2]!, +m[1]!);
  if ((m = /^([a-zæøå]+)\.? (\d{4})$/.exec(t))) {
    const mo = monthNumber(m[1]!);
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
  const iso = isoDate(y, mo, d);
  return iso === undefined ? undefined : { from: iso, to: iso, label: danishDate(iso) };
}

function month(y: number, mo: number): DateRange | undefined {
  if (mo < 1 || mo > 12) return undefined;
  const last = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return { from: `${y}-${pad(mo)}-01`, to: `${y}-${pad(mo)}-${pad(last)}`, label: `${DANISH_MONTH_NAMES[mo - 1]} ${y}` };
}

/**
 * The shortest text {@link parseDateRange} reads back as the range `from`–`to` (`2024`, `2024-06`,
 * `2024-06-18`), for a filter that must travel as text (a Discord button); undefined when the
 * range is not a whole year, month or day.
 */
export function rangeText(from: string | undefined, to: string | undefined): string | undefined {
  if (from === undefined || to === undefined) return undefined;
  if (from === to) return from;
  const year = /^(\d{4})-01-01$/.exec(from);
  if (year && to === `${year[1]}-12-31`) return year[1];
  const month = /^(\d{4})-(\d{2})-01$/.exec(from);
  if (month) {
    const range = parseDateRange(`${month[1]}-${month[2]}`);
    if (range?.to === to) return `${month[1]}-${month[2]}`;
  }
  return undefined;
}
