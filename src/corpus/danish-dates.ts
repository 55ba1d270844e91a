/** Danish (and English) month names and abbreviations, folded to ASCII-free lookups. */
const MONTHS: Record<string, number> = {
  januar: 1, jan: 1, january: 1,
  februar: 2, feb: 2, february: 2,
  marts: 3, mar: 3, march: 3,
  april: 4, apr: 4,
  maj: 5, may: 5,
  juni: 6, jun: 6, june: 6,
  juli: 7, jul: 7, july: 7,
  august: 8, aug: 8,
  september: 9, sep: 9, sept: 9,
  oktober: 10, okt: 10, october: 10, oct: 10,
  november: 11, nov: 11,
  december: 12, dec: 12,
};

export const DANISH_MONTH_NAMES = [
  'januar', 'februar', 'marts', 'april', 'maj', 'juni',
  'juli', 'august', 'september', 'oktober', 'november', 'december',
] as const;

/** Month number (1–12) of a Danish or English month name or abbreviation, else undefined. */
export function monthNumber(word: string): number | undefined {
  return MONTHS[word.toLowerCase().replace(/\.$/, '')];
}

export function isoDate(year: number, month: number, day: number): string | undefined {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** `11. april 2025` → `2025-04-11`; the first such date in the text. */
export function findDanishDate(text: string): string | undefined {
  const re = /\b(\d{1,2})\.\s*([a-zæøå]+)\.?\s+(\d{4})\b/gi;
  for (const m of text.matchAll(re)) {
    const month = monthNumber(m[2]!);
    if (month === undefined) continue;
    const iso = isoDate(Number(m[3]), month, Number(m[1]));
    if (iso) return iso;
  }
  return undefined;
}

/** `11-04-2025` (the page footer's form) → `2025-04-11`. */
export function parseDmyDate(text: string): string | undefined {
  const m = /\b(\d{2})-(\d{2})-(\d{4})\b/.exec(text);
  return m ? isoDate(Number(m[3]), Number(m[2]), Number(m[1])) : undefined;
}

/** `2025-04-11` → `11. april 2025`, as Danish users read dates. */
export function formatDanishDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d}. ${DANISH_MONTH_NAMES[(m ?? 1) - 1]} ${y}`;
}

const ANY_DATE = new RegExp(
  [
    String.raw`\b(\d{1,2})\.\s*([a-zæøå]+)\.?\s+(\d{4})\b`, // 11. april 2025
    String.raw`\b(\d{1,2})[-.](\d{1,2})[-.](\d{4})\b`, // 06-11-2018, 09.01.2020
    String.raw`\b(\d{4})-(\d{2})-(\d{2})\b`, // 2019-09-24
    String.raw`\b([a-z]+)\s+(\d{1,2}),?\s+(\d{4})\b`, // April 3, 2019
    String.raw`\b(\d{1,2})\/(\d{1,2})[ -](\d{4})\b`, // 29/1 2012
  ].join('|'),
  'gi',
);

/** Every date in the text, in order, in any form publishers print: `6. maj 2019`, `06-11-2018`, `09.01.2020`, `2019-09-24`, `April 3, 2019`, `29/1 2012`. */
export function findDates(text: string): Array<{ iso: string; index: number; text: string }> {
  const out: Array<{ iso: string; index: number; text: string }> = [];
  for (const m of text.matchAll(ANY_DATE)) {
    let iso: string | undefined;
    if (m[1] !== undefined) {
      const month = monthNumber(m[2]!);
      iso = month === undefined ? undefined : isoDate(Number(m[3]), month, Number(m[1]));
    } else if (m[4] !== undefined) iso = isoDate(Number(m[6]), Number(m[5]), Number(m[4]));
    else if (m[7] !== undefined) iso = isoDate(Number(m[7]), Number(m[8]), Number(m[9]));
    else if (m[10] !== undefined) {
      const month = monthNumber(m[10]);
      iso = month === undefined ? undefined : isoDate(Number(m[12]), month, Number(m[11]));
    } else if (m[13] !== undefined) iso = isoDate(Number(m[15]), Number(m[14]), Number(m[13]));
    if (iso) out.push({ iso, index: m.index, text: m[0] });
  }
  return out;
}

/** The first date in the text in any printed form (see `findDates`). */
export function findAnyDate(text: string): string | undefined {
  return findDates(text)[0]?.iso;
}
