import { z } from 'zod';

/** A meeting date as the material writes it in machine form: `2025-04-11`. */
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');

/**
 * One agenda item (*dagsordenspunkt*), the unit the bot answers with.
 * The schema guards the persisted index and `npm run items -- --json`, so it is the single
 * definition of the item's shape.
 */
export const AgendaItemSchema = z.object({
  /** Stable id: committee slug, meeting date and item number, e.g. `kkr-hovedstaden-2025-04-11-3.6`. */
  id: z.string(),
  /** The council that meets, e.g. `KKR Hovedstaden`. */
  committee: z.string(),
  meetingDate: IsoDate,
  /** Item number as printed, without the trailing dot: `3.6`. */
  number: z.string().regex(/^\d+\.\d+$/),
  /** The numbered section heading the item stands under, e.g. `Regionalpolitiske sager`. */
  heading: z.string(),
  title: z.string(),
  /** `SAG-2025-01103`; empty when the agenda prints none. */
  caseNumber: z.string(),
  /** Initials of the case officers, e.g. `["jjc", "asfp", "emmj"]`. */
  caseOfficers: z.array(z.string()),
  /** *Baggrund*. */
  background: z.string(),
  /** *Indstilling*: the whole recommendation, every point of it. */
  recommendation: z.string(),
  /** *Sagsfremstilling*. */
  presentation: z.string(),
  /** Titles listed under *Bilag*. */
  attachments: z.array(z.string()),
  /** http(s) links found in the item (PDF link annotations); never `file:` links. */
  links: z.array(z.string()),
  /** 1-based page of the source PDF where the item starts, when known. */
  page: z.number().int().positive().optional(),
  /** The corpus file the item came from. */
  source: z.string(),
  /** Where a user can read the material: the item's page in the PDF, else the meeting-material page. */
  link: z.string().optional(),
});
export type AgendaItem = z.infer<typeof AgendaItemSchema>;

/** What an agenda announces for the next meeting (*Punkter til næste møde*). */
export const NextMeetingSchema = z.object({
  date: IsoDate,
  /** `10.00-12.00` when the agenda gives it. */
  time: z.string().optional(),
  expectedItems: z.array(z.string()),
});
export type NextMeeting = z.infer<typeof NextMeetingSchema>;

export const MeetingSchema = z.object({
  /** `kkr-hovedstaden-2025-04-11`. */
  id: z.string(),
  committee: z.string(),
  meetingDate: IsoDate,
  source: z.string(),
  /** The published PDF, when known. */
  sourceUrl: z.string().optional(),
  /** The committee's meeting-material page. */
  materialUrl: z.string().optional(),
  items: z.array(AgendaItemSchema),
  nextMeeting: NextMeetingSchema.optional(),
});
export type Meeting = z.infer<typeof MeetingSchema>;

/** One document's metadata in `corpus/manifest.json`; every field overrides what the text says. */
export const ManifestEntrySchema = z.object({
  file: z.string(),
  committee: z.string().optional(),
  meetingDate: IsoDate.optional(),
  materialUrl: z.url().optional(),
  sourceUrl: z.url().optional(),
});
export type ManifestEntry = z.infer<typeof ManifestEntrySchema>;

export const ManifestSchema = z.object({
  documents: z.array(ManifestEntrySchema),
});
export type Manifest = z.infer<typeof ManifestSchema>;

/** A corpus file that could not be used, and why, in words a user can act on. */
export interface SkippedFile {
  file: string;
  reason: string;
}
