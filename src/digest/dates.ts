/**
 * Calendar-day arithmetic on `YYYY-MM-DD` strings. Meeting dates are days, not instants, so they
 * are handled as UTC midnights: no time zone or daylight-saving change can move a day.
 */

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `s` is a real calendar day written as YYYY-MM-DD (`2025-02-30` is not). */
export function isIsoDay(s: string): boolean {
  const m = ISO_DAY.exec(s);
  if (!m) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** `addDays('2024-06-10', 14)` → `2024-06-24`. */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The calendar day an instant falls on in `timeZone`: 2025-03-30T23:30Z is `2025-03-31` in Copenhagen. */
export function localDay(instant: Date, timeZone: string): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}
