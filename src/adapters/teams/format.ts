/** Danish date and place wording shared by the Teams cards. */

const longDate = new Intl.DateTimeFormat('da-DK', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const weekdayDate = new Intl.DateTimeFormat('da-DK', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });

function parseIsoDate(iso: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return undefined;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

/** `2025-04-11` → `11. april 2025`; anything else is returned as it is. */
export function danishDate(iso: string): string {
  const d = parseIsoDate(iso);
  return d ? longDate.format(d) : iso;
}

/** `2025-04-11` → `fredag 11. april`; anything else is returned as it is. */
export function danishWeekday(iso: string): string {
  const d = parseIsoDate(iso);
  return d ? weekdayDate.format(d) : iso;
}

/** `KKR Hovedstaden · 11. april 2025 · punkt 3.6`. */
export function meetingLine(item: { committee: string; meetingDate: string; number: string }): string {
  return `${item.committee} · ${danishDate(item.meetingDate)} · punkt ${item.number}`;
}
