import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { IsoDate } from '../corpus/types.js';
import { MoedebotError, ErrorCode } from '../errors.js';

/**
 * The meeting calendar: known meeting dates per committee, kept by hand in `corpus/calendar.json`
 * from the dates KL publishes on each KKR's meeting-material page. It lets the digest name a
 * meeting before its agenda is out and before any agenda has announced it.
 */

/** One known meeting. */
export const CalendarEntrySchema = z.object({
  /** The council, spelt as in the agendas: `KKR Hovedstaden`. */
  committee: z.string().trim().min(1),
  date: IsoDate,
  /** `10.00-12.00` when known; an agenda's *Punkter til næste møde* overrides it. */
  time: z
    .string()
    .regex(/^\d{1,2}\.\d{2}-\d{1,2}\.\d{2}$/, 'expected a time span such as 10.00-12.00')
    .optional(),
  /** The committee's meeting-material page. */
  materialUrl: z.url().optional(),
  /** A remark shown with the meeting, e.g. `Konstituerende møde`. */
  note: z.string().optional(),
});
export type CalendarEntry = z.infer<typeof CalendarEntrySchema>;

export const CalendarSchema = z.object({
  /** Where the dates come from, for whoever maintains the file. */
  source: z.string().optional(),
  meetings: z.array(CalendarEntrySchema),
});
export type Calendar = z.infer<typeof CalendarSchema>;

/** The file name of the calendar inside the corpus folder. */
export const CALENDAR_FILE = 'calendar.json';

/**
 * Reads `calendar.json` from the corpus folder. A missing file is an empty calendar (the digest
 * then knows only the meetings the agendas announce); a malformed one is an error that names the
 * field, since silently dropping known meetings would make the digest quietly wrong.
 *
 * @example const calendar = await loadCalendar('corpus');
 */
export async function loadCalendar(corpusDir: string): Promise<Calendar> {
  const file = path.join(corpusDir, CALENDAR_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { meetings: [] };
    throw new MoedebotError(ErrorCode.CorpusFileUnreadable, `${file}: cannot be read (${(err as Error).message}).`, { cause: err });
  }
  return parseCalendar(text, file);
}

/** Parses the calendar's JSON text; `file` only names it in error messages. */
export function parseCalendar(text: string, file: string = CALENDAR_FILE): Calendar {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new MoedebotError(ErrorCode.CorpusFileUnparseable, `${file}: is not valid JSON (${(err as Error).message}).`, { cause: err });
  }
  const parsed = CalendarSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new MoedebotError(
      ErrorCode.CorpusFileUnparseable,
      `${file}: ${issue.path.join('.') || 'top level'} ${issue.message}; fix the entry or remove it.`,
    );
  }
  return parsed.data;
}
