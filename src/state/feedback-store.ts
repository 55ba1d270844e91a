import path from 'node:path';
import { z } from 'zod';
import type { Logger } from '../log.js';
import { CoalescedJsonWriter, readJsonState, type StateFile } from './state-file.js';

/** A 👍 or 👎 on an answer. The user is only a keyed hash (see `src/feedback/user-hash.ts`). */
export const VoteSchema = z.object({
  vote: z.enum(['up', 'down']),
  question: z.string(),
  /** The item the answer led with. */
  itemId: z.string().optional(),
  /** Its headline when the vote was cast, for reading the report after the corpus changed. */
  itemTitle: z.string().optional(),
  platform: z.string(),
  channel: z.string(),
  /** HMAC-SHA256 of the platform's user id with the feedback key; never the id itself. */
  user: z.string(),
  /** ISO 8601. */
  at: z.string(),
});
export type Vote = z.infer<typeof VoteSchema>;

/** A question that found nothing, recorded as it was asked. */
export const UnansweredSchema = z.object({
  question: z.string(),
  platform: z.string(),
  channel: z.string(),
  at: z.string(),
});
export type Unanswered = z.infer<typeof UnansweredSchema>;

/**
 * Votes on answers and questions that found nothing: the to-do list for synonyms and parsing
 * (`npm run feedback`). The file implementation below is the default; a database implementation
 * implements the same methods.
 */
export interface FeedbackStore {
  /** Stores a vote; a user's later vote on the same answer replaces the earlier one. */
  addVote(vote: Vote): Promise<void>;
  addUnanswered(entry: Unanswered): Promise<void>;
  /** Votes and unanswered questions at or after `since` (an ISO date or time), oldest first. */
  votes(since?: string): Promise<Vote[]>;
  unanswered(since?: string): Promise<Unanswered[]>;
  idle(): Promise<void>;
}

export const FEEDBACK_FILE = 'feedback.json';
/** The most entries of each kind kept; the oldest go first. */
export const MAX_FEEDBACK_ENTRIES = 20_000;

const FileSchema = z.object({ votes: z.array(VoteSchema), unanswered: z.array(UnansweredSchema) });
type FeedbackFile = z.infer<typeof FileSchema>;

/** `feedback.json`, read by the store and by the import into a database. */
export const FEEDBACK_STATE_FILE: StateFile<typeof FileSchema> = { name: FEEDBACK_FILE, what: 'feedback', schema: FileSchema };

function sameAnswer(a: Vote, b: Vote): boolean {
  return a.user === b.user && a.platform === b.platform && a.channel === b.channel && a.question === b.question && a.itemId === b.itemId;
}

/** Feedback in `DATA_DIR/feedback.json`. */
export class FileFeedbackStore implements FeedbackStore {
  private readonly writer: CoalescedJsonWriter;

  private constructor(
    file: string,
    private readonly state: FeedbackFile,
  ) {
    this.writer = new CoalescedJsonWriter(file, () => this.state);
  }

  /** Opens the store; a damaged file is set aside with a warning and the store starts empty. */
  static async open(dataDir: string, logger?: Logger): Promise<FileFeedbackStore> {
    const file = path.join(dataDir, FEEDBACK_FILE);
    const state = await readJsonState(file, FileSchema, { what: FEEDBACK_STATE_FILE.what, empty: () => ({ votes: [], unanswered: [] }), logger });
    return new FileFeedbackStore(file, state);
  }

  async addVote(vote: Vote): Promise<void> {
    const votes = this.state.votes.filter((v) => !sameAnswer(v, vote));
    votes.push(vote);
    this.state.votes = votes.slice(-MAX_FEEDBACK_ENTRIES);
    await this.writer.save();
  }

  async addUnanswered(entry: Unanswered): Promise<void> {
    this.state.unanswered.push(entry);
    if (this.state.unanswered.length > MAX_FEEDBACK_ENTRIES) this.state.unanswered.splice(0, this.state.unanswered.length - MAX_FEEDBACK_ENTRIES);
    await this.writer.save();
  }

  async votes(since?: string): Promise<Vote[]> {
    return this.state.votes.filter((v) => since === undefined || v.at >= since);
  }

  async unanswered(since?: string): Promise<Unanswered[]> {
    return this.state.unanswered.filter((u) => since === undefined || u.at >= since);
  }

  idle(): Promise<void> {
    return this.writer.idle();
  }
}
