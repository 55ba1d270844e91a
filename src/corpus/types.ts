import { z } from 'zod';

/** A meeting date as the material writes it in machine form: `2025-04-11`. */
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');

/** Whether a document (and so its meeting) is the agenda, before the meeting, or the minutes, after it. */
export const MeetingKindSchema = z.enum(['agenda', 'minutes']);
export type MeetingKind = z.infer<typeof MeetingKindSchema>;

/**
 * What a section of an item is for, whatever the publisher calls it: *Resume*, *Sagens kerne* and
 * *Baggrund* are all `background`; `decision` is this meeting's own *Beslutning*; `history` holds
 * decisions of other bodies or earlier meetings quoted in the item (`Økonomiudvalget, 18. september
 * 2019, pkt. 153:`); `other` is everything else (*Økonomi*, *Sagens forløb*, *Beslutningskompetence* …).
 */
export const SectionRoleSchema = z.enum(['background', 'recommendation', 'presentation', 'decision', 'attachments', 'history', 'other']);
export type SectionRole = z.infer<typeof SectionRoleSchema>;

/** One section of an item as printed: its heading (empty for text before the first heading) and text. */
export const SectionSchema = z.object({
  heading: z.string(),
  role: SectionRoleSchema,
  text: z.string(),
});
export type Section = z.infer<typeof SectionSchema>;

/**
 * One agenda item (*dagsordenspunkt*), the unit the bot answers with.
 * The schema guards the persisted index and `npm run items -- --json`, so it is the single
 * definition of the item's shape.
 */
export const AgendaItemSchema = z.object({
  /** Stable id: meeting id and item number, e.g. `kkr-hovedstaden-2025-04-11-3.6` (`…-p3` for the third of unnumbered items). */
  id: z.string(),
  /** The council or committee that meets, e.g. `KKR Hovedstaden`, `Økonomiudvalget`. */
  committee: z.string(),
  /** The municipality or region that publishes the material, when known, e.g. `Odense Kommune`. */
  publisher: z.string().optional(),
  meetingDate: IsoDate,
  /** The meeting's material: `minutes` once its minutes are known (their decisions are then in the items). */
  kind: MeetingKindSchema,
  /** Item number as printed, without the trailing dot: `3.6`, `130`; empty when the material prints none. */
  number: z.string(),
  /** 1-based place of the item in its meeting: the agenda order whatever the numbers look like. */
  position: z.number().int().positive(),
  /** The numbered section heading the item stands under, e.g. `Regionalpolitiske sager`. */
  heading: z.string(),
  /** The title as printed; when the material prints none, a stand-in (`Sag 20/348`) and `untitled` is set. */
  title: z.string(),
  untitled: z.boolean().optional(),
  /** The case number as printed, without its label: `SAG-2025-01103`, `19/3143`, `00.32.00-S00-1-19`; empty when none is printed. */
  caseNumber: z.string(),
  /** Initials of the case officers, e.g. `["jjc", "asfp", "emmj"]`. */
  caseOfficers: z.array(z.string()),
  /** *Baggrund*. */
  background: z.string(),
  /** *Indstilling*: the whole recommendation, every point of it. */
  recommendation: z.string(),
  /** *Sagsfremstilling*. */
  presentation: z.string(),
  /** This meeting's decision (*Beslutning*), from the minutes; null while only the agenda is known. */
  decision: z.string().nullable(),
  /** Every section in the order printed, those above included. */
  sections: z.array(SectionSchema),
  /** Titles listed under *Bilag*. */
  attachments: z.array(z.string()),
  /** http(s) links found in the item (PDF link annotations); never `file:` links. */
  links: z.array(z.string()),
  /** 1-based page of the source PDF where the item starts, when known. */
  page: z.number().int().positive().optional(),
  /** The corpus file the item came from (the minutes when both agenda and minutes are known). */
  source: z.string(),
  /** The file could not be split into items: the item is the whole document, read as plain text. */
  unstructured: z.boolean().optional(),
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
  /** `kkr-hovedstaden-2025-04-11`; the publisher's slug first when known (`odense-kommune-oekonomiudvalget-2012-09-05`). */
  id: z.string(),
  committee: z.string(),
  publisher: z.string().optional(),
  meetingDate: IsoDate,
  kind: MeetingKindSchema,
  /** The file the items were read from: the minutes when there are minutes, else the agenda. */
  source: z.string(),
  /** Every file of the meeting (its agenda and its minutes). */
  sources: z.array(z.string()),
  /** The published PDF, when known. */
  sourceUrl: z.string().optional(),
  /** The committee's meeting-material page. */
  materialUrl: z.string().optional(),
  items: z.array(AgendaItemSchema),
  nextMeeting: NextMeetingSchema.optional(),
  /** The meeting's only file could not be split into items (see `AgendaItem.unstructured`). */
  unstructured: z.boolean().optional(),
});
export type Meeting = z.infer<typeof MeetingSchema>;

/** One document's metadata in `corpus/manifest.json`; every field overrides what the text says. */
export const ManifestEntrySchema = z.object({
  file: z.string(),
  committee: z.string().optional(),
  publisher: z.string().optional(),
  meetingDate: IsoDate.optional(),
  kind: MeetingKindSchema.optional(),
  /** A title for a document whose text has none (used for unstructured files). */
  title: z.string().optional(),
  materialUrl: z.url().optional(),
  sourceUrl: z.url().optional(),
});
export type ManifestEntry = z.infer<typeof ManifestEntrySchema>;

export const ManifestSchema = z.object({
  documents: z.array(ManifestEntrySchema),
});
export type Manifest = z.infer<typeof ManifestSchema>;

/**
 * A corpus file that could not be used, or was used with a caveat, and why, in words a user can
 * act on. `skipped` (the default) means nothing of the file is served; `notice` means it is served
 * (read as plain text, a conflict settled, a repeated item number).
 */
export interface SkippedFile {
  file: string;
  reason: string;
  severity?: 'skipped' | 'notice';
}
