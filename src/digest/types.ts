/**
 * The platform-neutral digest of upcoming meetings for one day. Built by `src/digest/`, rendered by
 * each adapter's `render-digest.ts`, posted by `src/schedule/`.
 */

export interface DigestItem {
  /** Item number (`3.6`) when the agenda is published; absent for expected items. */
  number?: string;
  title: string;
  /** The recommendation, shortened to a sentence or two; absent for expected items. */
  recommendation?: string;
  /** Link to the item's material (PDF page or meeting-material page). */
  link?: string;
  /** Id of the agenda item, when published (for "show the whole item"). */
  id?: string;
  /** New since the last digest that was posted. */
  isNew: boolean;
  /**
   * A standing item of every agenda (approval of the agenda and the minutes, *Eventuelt*): the
   * renderers list these together on one line rather than one each.
   */
  standing?: boolean;
}

export interface DigestMeeting {
  committee: string;
  /** YYYY-MM-DD. */
  date: string;
  /** `10.00-12.00` when known. */
  time?: string;
  /**
   * `published`: the agenda is in the corpus and `items` are its items.
   * `expected`: only announced; `items` are those expected at the previous meeting (maybe none).
   */
  status: 'published' | 'expected';
  /** The meeting-material page or agenda PDF. */
  link?: string;
  items: DigestItem[];
  /**
   * The agenda is new since the last digest (for an `expected` meeting: the meeting was not in
   * the last digest at all).
   */
  isNew: boolean;
  /**
   * For `expected` meetings whose items come from an earlier agenda's *Punkter til næste møde*:
   * that earlier meeting's date, YYYY-MM-DD.
   */
  announcedAt?: string;
  /** A remark from the calendar, e.g. `Konstituerende møde`. */
  note?: string;
}

export interface Digest {
  /** The morning the digest is for, YYYY-MM-DD. */
  date: string;
  windowDays: number;
  /** Per committee: the meetings within the window and at least the next one, soonest first. */
  meetings: DigestMeeting[];
}

/**
 * What a posted digest included, kept on disk so the next digest can mark what is new.
 * Keys come from `meetingKey` / `itemKey` in `./build-digest.ts`.
 */
export interface DigestRecord {
  /** The morning of that digest, YYYY-MM-DD. */
  date: string;
  meetings: string[];
  items: string[];
}

/** Somewhere a digest can be posted: one platform's client, rendering for that platform. */
export interface DigestTarget {
  /** `slack`, `discord`, `teams`: used in logs and in the posted-state file. */
  platform: string;
  /** Posts the digest to one channel or conversation; rejects when the platform refuses. */
  post(channel: string, digest: Digest): Promise<void>;
}
