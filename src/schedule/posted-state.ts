import path from 'node:path';
import { z } from 'zod';
import type { Logger } from '../log.js';
import type { DigestRecord } from '../digest/types.js';
import { readJsonState, writeJsonAtomic, type StateFile } from '../state/state-file.js';

/**
 * What the scheduler has posted, kept in `<dataDir>/digest-state.json` so a restart neither posts
 * the same day's digest twice nor forgets what the last digest showed (for the "new" marks).
 */

export const STATE_FILE = 'digest-state.json';

/** How many posted digests and days are remembered; older ones are of no use. */
const KEEP = 14;

const DayPostingSchema = z.object({
  /** `platform:channel` of every channel the day's digest reached. */
  done: z.array(z.string()),
  /** Attempts made that day, successful or not. */
  attempts: z.number().int().nonnegative(),
  /** The last failure, as logged, for whoever reads the file. */
  lastError: z.string().optional(),
});
export type DayPosting = z.infer<typeof DayPostingSchema>;

const PostedStateSchema = z.object({
  version: z.literal(1),
  /** What each posted digest included, oldest first. */
  digests: z.array(z.object({ date: z.string(), meetings: z.array(z.string()), items: z.array(z.string()) })),
  /** Per digest day (YYYY-MM-DD in the digest's time zone): where it was posted. */
  days: z.record(z.string(), DayPostingSchema),
});
export type PostedState = z.infer<typeof PostedStateSchema>;

/** `digest-state.json`, read here and by the import into a database. */
export const DIGEST_STATE_FILE: StateFile<typeof PostedStateSchema> = { name: STATE_FILE, what: 'digest state', schema: PostedStateSchema };

export function emptyPostedState(): PostedState {
  return { version: 1, digests: [], days: {} };
}

/**
 * Reads the state. A missing file is a fresh start. A malformed one is moved aside (as
 * `digest-state.json.corrupt-<time>`) with a warning so the bot keeps posting: the price is one
 * day's digest perhaps posted twice and no "new" marks the next morning, better than silence.
 */
export async function readPostedState(dataDir: string, logger?: Logger): Promise<PostedState> {
  return readJsonState(path.join(dataDir, STATE_FILE), PostedStateSchema, { what: DIGEST_STATE_FILE.what, empty: emptyPostedState, logger });
}

/**
 * Writes the state atomically (see `writeFileAtomic`), so a crash mid-write leaves either the old
 * or the new state, never half a file.
 */
export async function writePostedState(dataDir: string, state: PostedState): Promise<void> {
  await writeJsonAtomic(path.join(dataDir, STATE_FILE), prune(state));
}

function prune(state: PostedState): PostedState {
  const digests = [...state.digests].sort((a, b) => a.date.localeCompare(b.date)).slice(-KEEP);
  const days = Object.fromEntries(
    Object.entries(state.days)
      .sort(([a], [b]) => a.localeCompare(b))
      .slice(-KEEP),
  );
  return { version: 1, digests, days };
}

/** What the last digest posted before `day` included: the baseline for "new" on `day`. */
export function previousRecord(state: PostedState, day: string): DigestRecord | undefined {
  let best: DigestRecord | undefined;
  for (const record of state.digests) {
    if (record.date < day && (best === undefined || record.date > best.date)) best = record;
  }
  return best;
}

/** Adds what a digest posted on its day included, merged with what that day already posted. */
export function withRecord(state: PostedState, record: DigestRecord): PostedState {
  const same = state.digests.find((r) => r.date === record.date);
  const merged: DigestRecord = same
    ? {
        date: record.date,
        meetings: [...new Set([...same.meetings, ...record.meetings])],
        items: [...new Set([...same.items, ...record.items])],
      }
    : record;
  return { ...state, digests: [...state.digests.filter((r) => r.date !== record.date), merged] };
}
