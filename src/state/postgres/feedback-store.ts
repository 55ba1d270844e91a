import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { SqlClient } from '../../db/sql-client.js';
import { MAX_FEEDBACK_ENTRIES, UnansweredSchema, VoteSchema, type FeedbackStore, type Unanswered, type Vote } from '../feedback-store.js';
import { jsonParam } from './json-param.js';

/**
 * What makes two votes one (see `sameAnswer` in the file store): a user's later vote on the same
 * answer replaces the earlier one. Hashed, so a long question still fits a unique index.
 */
function answerKey(vote: Vote): string {
  return createHash('sha256')
    .update(JSON.stringify([vote.user, vote.platform, vote.channel, vote.question, vote.itemId ?? null]))
    .digest('hex');
}

const EntryRowSchema = z.object({ entry: z.unknown() });

export interface PostgresFeedbackStoreOptions {
  /** The most entries of each kind kept, the oldest going first; default {@link MAX_FEEDBACK_ENTRIES}. */
  maxEntries?: number;
}

/** Feedback in PostgreSQL, the same retention as the file: the newest entries of each kind. */
export class PostgresFeedbackStore implements FeedbackStore {
  private readonly maxEntries: number;

  constructor(
    private readonly db: SqlClient,
    options: PostgresFeedbackStoreOptions = {},
  ) {
    this.maxEntries = options.maxEntries ?? MAX_FEEDBACK_ENTRIES;
  }

  async addVote(vote: Vote): Promise<void> {
    await this.db.transaction(async (tx) => {
      // A new id on a re-vote puts it last, as the file store moves it to the end.
      await tx.query(
        `INSERT INTO feedback_votes (answer_key, at, vote) VALUES ($1, $2, $3::jsonb)
         ON CONFLICT (answer_key) DO UPDATE SET id = nextval('feedback_votes_seq'), at = EXCLUDED.at, vote = EXCLUDED.vote`,
        [answerKey(vote), vote.at, jsonParam(VoteSchema.parse(vote))],
      );
      await tx.query('DELETE FROM feedback_votes WHERE id <= (SELECT id FROM feedback_votes ORDER BY id DESC OFFSET $1 LIMIT 1)', [this.maxEntries]);
    });
  }

  async addUnanswered(entry: Unanswered): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query('INSERT INTO feedback_unanswered (at, entry) VALUES ($1, $2::jsonb)', [entry.at, jsonParam(UnansweredSchema.parse(entry))]);
      await tx.query('DELETE FROM feedback_unanswered WHERE id <= (SELECT id FROM feedback_unanswered ORDER BY id DESC OFFSET $1 LIMIT 1)', [this.maxEntries]);
    });
  }

  async votes(since?: string): Promise<Vote[]> {
    const { rows } = await this.db.query('SELECT vote AS entry FROM feedback_votes WHERE $1::text IS NULL OR at >= $1::text ORDER BY id', [since ?? null]);
    return rows.map((r) => VoteSchema.parse(EntryRowSchema.parse(r).entry));
  }

  async unanswered(since?: string): Promise<Unanswered[]> {
    const { rows } = await this.db.query('SELECT entry FROM feedback_unanswered WHERE $1::text IS NULL OR at >= $1::text ORDER BY id', [since ?? null]);
    return rows.map((r) => UnansweredSchema.parse(EntryRowSchema.parse(r).entry));
  }

  /** Every change is stored when its call resolves. */
  idle(): Promise<void> {
    return Promise.resolve();
  }
}
