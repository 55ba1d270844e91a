import { itemHeadline } from '../answer/present.js';
import type { AnswerEngine } from '../answer/types.js';
import type { FeedbackStore } from '../state/feedback-store.js';
import { hashUser } from './user-hash.js';

/** A click on 👍 or 👎 as an adapter reads it. */
export interface VoteInput {
  vote: 'up' | 'down';
  question: string;
  itemId?: string | undefined;
  platform: string;
  channel: string;
  /** The platform's user id; only its keyed hash is stored. */
  userId: string;
}

/**
 * Records votes for the adapters: the user id becomes a keyed hash, and the item's headline is
 * kept next to its id so the report reads well after the corpus has changed.
 */
export class FeedbackRecorder {
  constructor(
    private readonly store: FeedbackStore,
    private readonly salt: string,
    private readonly engine: Pick<AnswerEngine, 'item'>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async vote(input: VoteInput): Promise<void> {
    const item = input.itemId ? await this.engine.item(input.itemId) : undefined;
    await this.store.addVote({
      vote: input.vote,
      question: input.question,
      ...(input.itemId ? { itemId: input.itemId } : {}),
      ...(item ? { itemTitle: itemHeadline(item) } : {}),
      platform: input.platform,
      channel: input.channel,
      user: hashUser(this.salt, input.platform, input.userId),
      at: this.now().toISOString(),
    });
  }
}
