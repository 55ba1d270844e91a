/**
 * Case numbers (*sagsnumre*) as Danish publishers print them, recognised in one place for the
 * parser (a case line under an item's title) and for questions (`SAG-2025-01103`, `19/3143`).
 *
 * Forms seen in published material:
 * - KL: `SAG-2025-01103 ascm` (case officers' initials follow);
 * - labelled: `Sagsnr. 19/3143`, `Sagnr.: 1-30-76-9-09`, `Sagsid.: 18/5090, Sagsinitialer: KDL`,
 *   `J.nr. 00.01.00-A00-1-19`, `Sagsnr. 299835 Kultur- og Idrætsudvalget Åbent punkt`;
 * - KLE journal numbers alone on a line: `27.00.00-A00-1-19`, `00.01.00P35-0104`;
 * - after an open/closed flag: `Åbent - 2012/057275`.
 * `Sag nr. 129` with a bare number is the item's running number in some minutes, not a case.
 */

/** A KLE journal-plan number: `00.32.00-S00-1-19`, `85.02.02-G01-5-17`, `00.01.00P35-0104`. */
const KLE = String.raw`\d{2}\.\d{2}(?:\.\d{2})?(?:-?[A-ZÆØÅ]\d{2})?(?:-\d+){1,3}`;
/** `19/3143`, `2012/057275`, `20/15075`. */
const SLASHED = String.raw`\d{2,4}\/\d{1,7}(?:-\d+)?`;
/** `1-30-76-9-09` (dashed serials). */
const DASHED = String.raw`\d{1,4}(?:-\d{1,6}){2,5}`;
/** KL's `SAG-2025-01103`; SBSYS and others print the same shape with their own prefix (`EMN-2019-01234`). */
const KL = String.raw`(?:SAG|EMN|[A-ZÆØÅ]{2,5})-\d{4}-\d{3,7}`;

const LABEL = String.raw`(?:sags?\s?nr|sagsnummer|sags?-?id|j\.?\s?nr|journal\s?nr|journalnummer|dok\.?\s?nr|sag)\.?`;

const KL_LINE = new RegExp(String.raw`^(${KL})\b\s*(.*)$`, 'u');
const LABELLED_LINE = new RegExp(String.raw`^${LABEL}\s*:?\s*(${KL}|${KLE}|${SLASHED}|${DASHED}|\d{3,9})(?![\d/])[,;]?\s*(.*)$`, 'iu');
const KLE_LINE = new RegExp(String.raw`^(${KLE})\s*$`, 'u');
const FLAGGED_LINE = new RegExp(String.raw`^(?:åben|åbent|lukket)(?:\s+punkt)?\s*[-–:]\s*(${KL}|${KLE}|${SLASHED}|${DASHED}|\d{3,9})\s*$`, 'iu');
const RUNNING_NUMBER = /^sag\s+nr\.?\s*(\d{1,4})\s*$/iu;

export interface CaseLine {
  caseNumber: string;
  /** Case officers' initials (`ascm`, `KDL`). */
  officers: string[];
}

function officersOf(rest: string): string[] {
  const labelled = /sagsinitialer\s*:?\s*([\p{L}/,\s]+)/iu.exec(rest);
  const source = labelled ? labelled[1]! : rest;
  // Only a KL-style tail (`ascm`, `jjc/asfp/emmj`) or labelled initials are officers; a committee
  // name after the number (`299835 Kultur- og Idrætsudvalget Åbent punkt`) is not.
  if (!labelled && !/^[\p{Ll}]{2,8}(?:\s*[/,]\s*[\p{Ll}]{2,8})*\s*$/u.test(source.trim())) return [];
  return source
    .split(/[\s/,;]+/)
    .map((s) => s.trim())
    .filter((s) => /^\p{L}{2,8}$/u.test(s));
}

/**
 * Reads a line that states an item's case number, e.g. `SAG-2025-01103 ascm`, `Sagsid.: 20/348,
 * Sagsinitialer: KDL`, `00.32.00-S00-1-19`, `Åbent - 2012/057275`; undefined for any other line
 * (a sentence that mentions a case number is not a case line).
 */
export function parseCaseLine(line: string): CaseLine | undefined {
  const text = line.trim();
  if (text.length > 140 || RUNNING_NUMBER.test(text)) return undefined;
  const kl = KL_LINE.exec(text);
  if (kl) return { caseNumber: kl[1]!, officers: officersOf(kl[2] ?? '') };
  const labelled = LABELLED_LINE.exec(text);
  if (labelled) {
    // `Sag 3: …` is an item heading, not a case line: a plain short number needs a real label.
    if (/^sag\b(?!s)/i.test(text) && /^\d{1,4}$/.test(labelled[1]!)) return undefined;
    return { caseNumber: labelled[1]!, officers: officersOf(labelled[2] ?? '') };
  }
  const kle = KLE_LINE.exec(text);
  if (kle) return { caseNumber: kle[1]!, officers: [] };
  const flagged = FLAGGED_LINE.exec(text);
  if (flagged) return { caseNumber: flagged[1]!, officers: [] };
  return undefined;
}

/** `Sag nr. 130` on a line of its own: the running number of an item (Rødovre), not a case number. */
export function parseRunningNumber(line: string): string | undefined {
  return RUNNING_NUMBER.exec(line.trim())?.[1];
}

/**
 * The form case numbers are compared in: upper case, no spaces, KL serials padded to five digits
 * (`sag 2025-1103` and `SAG-2025-01103` are one case).
 */
export function caseKey(caseNumber: string): string {
  const compact = caseNumber.toUpperCase().replace(/\s+/g, '');
  const kl = /^SAG-?(\d{4})-?(\d{1,6})$/.exec(compact);
  return kl ? `SAG-${kl[1]}-${kl[2]!.padStart(5, '0')}` : compact;
}

/** `29/1` (day/month) or `12/2024` (month/year): a date, not a case. */
function looksLikeDate(text: string): boolean {
  const [a, b] = text.split('/').map(Number) as [number, number];
  if (/^\d{1,2}\/\d{1,2}$/.test(text)) return true;
  return /^\d{1,2}\/\d{4}$/.test(text) && a >= 1 && a <= 12 && b >= 1900 && b <= 2099;
}

/** How case numbers are written in questions, each with how its match becomes the number. */
const QUESTION_PATTERNS: Array<{ re: RegExp; value: (m: RegExpMatchArray) => string | undefined }> = [
  // `SAG-2025-01103`, `sag 2025-1103`, `sagsnr. 2025/1103`
  { re: /\bsag(?:snr\.?|snummer)?[\s.:#-]*(\d{4})\s*[-/ ]\s*(\d{1,6})\b/giu, value: (m) => `SAG-${m[1]}-${m[2]}` },
  { re: new RegExp(String.raw`(?<![\w-])(${KL})(?![\w-])`, 'gu'), value: (m) => m[1] },
  { re: new RegExp(String.raw`(?<![\w./-])(${KLE})(?![\w/])`, 'gu'), value: (m) => m[1] },
  // `19/3143`, `sagsnr. 299835`, `j.nr. 2012/057275`
  { re: new RegExp(String.raw`(?:\b${LABEL}\s*:?\s*)(${SLASHED}|${DASHED}|\d{3,9})(?![\d/])`, 'giu'), value: (m) => m[1] },
  // A bare `19/3143`, as staff paste them; `29/1` and `12/2024` read as dates, a case has a longer serial.
  { re: new RegExp(String.raw`(?<![\w./-])(${SLASHED})(?![\w/])`, 'gu'), value: (m) => (looksLikeDate(m[1]!) ? undefined : m[1]) },
];

/** A case number found in a question: its lookup key and the text it was written as. */
export interface QuestionCase {
  key: string;
  text: string;
}

/**
 * Case numbers written in a question, in any of the printed forms. A bare `19/3143` counts, as
 * staff paste them so; a date such as `29/1` does not (too short on either side).
 */
export function findCaseNumbers(question: string): QuestionCase[] {
  const found: QuestionCase[] = [];
  const taken: Array<[number, number]> = [];
  for (const { re, value } of QUESTION_PATTERNS) {
    for (const m of question.matchAll(re)) {
      const start = m.index;
      const end = start + m[0].length;
      if (taken.some(([a, b]) => start < b && end > a)) continue;
      const number = value(m);
      if (number === undefined) continue;
      taken.push([start, end]);
      found.push({ key: caseKey(number), text: m[0] });
    }
  }
  return found;
}
