import type { DigestRecord } from '../digest/types.js';
import type { Logger } from '../log.js';
import { previousRecord, readPostedState, withRecord, writePostedState, type DayPosting, type PostedState } from './posted-state.js';

/** What a claim on a (day, channel) found. */
export type DigestClaim =
  /** This poster holds the claim: post now, then `markPosted` or `release`. */
  | 'claimed'
  /** The channel has the day's digest already. */
  | 'done'
  /** Another live poster holds the claim (it is posting right now); its claim lapses if it dies. */
  | 'elsewhere';

/**
 * Which channels have had each day's digest, and what the digests included (the baseline for the
 * "new" marks). A file in DATA_DIR by default; a database when several bot processes share the
 * posting, where a channel is claimed before it is posted to so that exactly one of them posts.
 * Channels are `platform:channel`; days YYYY-MM-DD in the digest's time zone.
 */
export interface DigestPostStore {
  /** The day's posting so far (channels done, attempts made). */
  day(day: string): Promise<DayPosting>;
  /** What the last digest posted before `day` included. */
  previous(day: string): Promise<DigestRecord | undefined>;
  /** Claims the channel for the day's post (see {@link DigestClaim}). */
  claim(day: string, channel: string): Promise<DigestClaim>;
  /** Counts an attempt at the day (before posting, so a crash mid-post still counts); returns the day's attempts now. */
  countAttempt(day: string): Promise<number>;
  /** The channel has the day's digest; `record` is what the digest included. */
  markPosted(day: string, channel: string, record: DigestRecord): Promise<void>;
  /** Posting to the channel failed: the claim is let go, so the next attempt (here or in another bot) takes it. */
  release(day: string, channel: string, error: string): Promise<void>;
}

/**
 * The posted-state in `DATA_DIR/digest-state.json` (see `posted-state.ts`), read afresh at every
 * call and written atomically after every change. One process posts from a data folder, so a claim
 * only asks whether the channel is done.
 */
export class FileDigestPostStore implements DigestPostStore {
  /** One change at a time: each reads, changes and writes the whole file. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dataDir: string,
    private readonly logger?: Logger,
  ) {}

  private read(): Promise<PostedState> {
    return readPostedState(this.dataDir, this.logger);
  }

  private change<T>(fn: (state: PostedState) => { state: PostedState; result: T }): Promise<T> {
    const run = async () => {
      const { state, result } = fn(await this.read());
      await writePostedState(this.dataDir, state);
      return result;
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  async day(day: string): Promise<DayPosting> {
    return (await this.read()).days[day] ?? { done: [], attempts: 0 };
  }

  async previous(day: string): Promise<DigestRecord | undefined> {
    return previousRecord(await this.read(), day);
  }

  async claim(day: string, channel: string): Promise<DigestClaim> {
    return (await this.day(day)).done.includes(channel) ? 'done' : 'claimed';
  }

  countAttempt(day: string): Promise<number> {
    return this.change((state) => {
      const current = state.days[day] ?? { done: [], attempts: 0 };
      const next = { ...current, attempts: current.attempts + 1 };
      return { state: { ...state, days: { ...state.days, [day]: next } }, result: next.attempts };
    });
  }

  markPosted(day: string, channel: string, record: DigestRecord): Promise<void> {
    return this.change((state) => {
      const current = state.days[day] ?? { done: [], attempts: 0 };
      const next = { ...current, done: [...new Set([...current.done, channel])] };
      return { state: withRecord({ ...state, days: { ...state.days, [day]: next } }, record), result: undefined };
    });
  }

  release(day: string, channel: string, error: string): Promise<void> {
    return this.change((state) => {
      const current = state.days[day] ?? { done: [], attempts: 0 };
      return { state: { ...state, days: { ...state.days, [day]: { ...current, lastError: `${channel}: ${error}` } } }, result: undefined };
    });
  }
}
