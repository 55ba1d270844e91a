import path from 'node:path';
import { z } from 'zod';
import type { Logger } from '../log.js';
import { channelKey, type Place } from '../conversation/place.js';
import { CoalescedJsonWriter, readJsonState } from './state-file.js';

/** A channel following a topic (`/dagsorden følg fysioterapi`). */
export const WatchSchema = z.object({
  platform: z.enum(['slack', 'teams', 'discord', 'terminal']),
  channel: z.string().min(1),
  /** As the user wrote it (after `følg`). */
  topic: z.string().min(1),
  /** ISO 8601. */
  createdAt: z.string(),
});
export type Watch = z.infer<typeof WatchSchema>;

/** The channel a watch posts to. */
export type WatchPlace = Pick<Place, 'platform' | 'channel'>;

/** Topics compared without case or spacing: `Fysioterapi ` and `fysioterapi` are one watch. */
export function topicKey(topic: string): string {
  return topic.toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * The topic watches, which items each channel has been sent (each item once per channel), and
 * which meeting material has been checked already. The file implementation below is the default;
 * a database implementation (shared by several bot processes) implements the same methods.
 */
export interface WatchStore {
  /** Every watch, or one channel's, oldest first. */
  list(place?: WatchPlace): Promise<Watch[]>;
  /** Adds a watch; false when the channel already follows that topic. */
  add(watch: Watch): Promise<boolean>;
  /** Ends a channel's watch of a topic; false when it had none. */
  remove(place: WatchPlace, topic: string): Promise<boolean>;
  /** Of `itemIds`, those already posted to the channel. */
  posted(place: WatchPlace, itemIds: readonly string[]): Promise<Set<string>>;
  /**
   * Of `itemIds`, those this process may post to the channel now (`mine`: not posted there yet and
   * not being posted by another bot sharing the store), each to be followed by `markPosted` or
   * `release`; and those another bot is posting right now (`elsewhere`), to be checked again later.
   */
  claim(place: WatchPlace, itemIds: readonly string[]): Promise<WatchClaim>;
  /** Lets go of claimed items whose post failed, so a later check (here or in another bot) posts them. */
  release(place: WatchPlace, itemIds: readonly string[]): Promise<void>;
  markPosted(place: WatchPlace, itemIds: readonly string[]): Promise<void>;
  /**
   * The material already checked against the watches (`<meeting id>#<agenda|minutes>`), or
   * undefined before the first check ever (so a first start does not post the whole corpus).
   */
  checkedMaterial(): Promise<string[] | undefined>;
  setCheckedMaterial(keys: readonly string[]): Promise<void>;
  /** Resolves once every change is stored. */
  idle(): Promise<void>;
}

/** What a claim on a channel's items found (see {@link WatchStore.claim}). */
export interface WatchClaim {
  mine: string[];
  elsewhere: string[];
}

export const WATCHES_FILE = 'watches.json';

const FileSchema = z.object({
  watches: z.array(WatchSchema),
  /** Per channel (`slack|C0123`), the item ids posted there. */
  posted: z.record(z.string(), z.array(z.string())),
  checkedMaterial: z.array(z.string()).optional(),
});
type WatchFile = z.infer<typeof FileSchema>;

/** Watches in `DATA_DIR/watches.json`. */
export class FileWatchStore implements WatchStore {
  private readonly writer: CoalescedJsonWriter;

  private constructor(
    file: string,
    private state: WatchFile,
  ) {
    this.writer = new CoalescedJsonWriter(file, () => this.state);
  }

  /** Opens the store; a damaged file is set aside with a warning and the store starts empty. */
  static async open(dataDir: string, logger?: Logger): Promise<FileWatchStore> {
    const file = path.join(dataDir, WATCHES_FILE);
    const state = await readJsonState(file, FileSchema, { what: 'topic watches', empty: () => ({ watches: [], posted: {} }), logger });
    return new FileWatchStore(file, state);
  }

  async list(place?: WatchPlace): Promise<Watch[]> {
    return this.state.watches.filter((w) => place === undefined || (w.platform === place.platform && w.channel === place.channel));
  }

  async add(watch: Watch): Promise<boolean> {
    const key = topicKey(watch.topic);
    if (this.state.watches.some((w) => w.platform === watch.platform && w.channel === watch.channel && topicKey(w.topic) === key)) return false;
    this.state.watches.push(watch);
    await this.writer.save();
    return true;
  }

  async remove(place: WatchPlace, topic: string): Promise<boolean> {
    const key = topicKey(topic);
    const before = this.state.watches.length;
    this.state.watches = this.state.watches.filter((w) => !(w.platform === place.platform && w.channel === place.channel && topicKey(w.topic) === key));
    if (this.state.watches.length === before) return false;
    await this.writer.save();
    return true;
  }

  async posted(place: WatchPlace, itemIds: readonly string[]): Promise<Set<string>> {
    const sent = new Set(this.state.posted[channelKey(place)] ?? []);
    return new Set(itemIds.filter((id) => sent.has(id)));
  }

  /** One process posts from a data folder: every item not yet posted is this one's. */
  async claim(place: WatchPlace, itemIds: readonly string[]): Promise<WatchClaim> {
    const sent = await this.posted(place, itemIds);
    return { mine: itemIds.filter((id) => !sent.has(id)), elsewhere: [] };
  }

  async release(): Promise<void> {}

  async markPosted(place: WatchPlace, itemIds: readonly string[]): Promise<void> {
    const key = channelKey(place);
    this.state.posted[key] = [...new Set([...(this.state.posted[key] ?? []), ...itemIds])];
    await this.writer.save();
  }

  async checkedMaterial(): Promise<string[] | undefined> {
    return this.state.checkedMaterial;
  }

  async setCheckedMaterial(keys: readonly string[]): Promise<void> {
    this.state.checkedMaterial = [...keys];
    await this.writer.save();
  }

  idle(): Promise<void> {
    return this.writer.idle();
  }
}
