import { z } from 'zod';
import type { SqlClient } from '../../db/sql-client.js';
import { threadKey, type Place } from '../../conversation/place.js';
import { MAX_THREADS, ThreadContextSchema, type ThreadContext, type ThreadContextStore } from '../thread-context-store.js';
import { jsonParam } from './json-param.js';

export interface PostgresThreadContextStoreOptions {
  /** How long a context lasts after the thread's last answer (THREAD_CONTEXT_HOURS). */
  hours: number;
  /** The most threads remembered, the least recently answered going first; default {@link MAX_THREADS}. */
  maxThreads?: number;
  /** The clock; default now. */
  now?: () => Date;
}

const ContextRowSchema = z.object({ context: z.unknown() });

/**
 * Thread contexts in PostgreSQL, so a follow-up is understood whichever bot process the platform
 * sends it to. Expired contexts and those beyond the limit are removed as answers are stored.
 */
export class PostgresThreadContextStore implements ThreadContextStore {
  private readonly maxThreads: number;

  constructor(
    private readonly db: SqlClient,
    private readonly options: PostgresThreadContextStoreOptions,
  ) {
    this.maxThreads = options.maxThreads ?? MAX_THREADS;
  }

  /** Contexts answered before this are expired. */
  private cutoff(): Date {
    return new Date((this.options.now?.() ?? new Date()).getTime() - this.options.hours * 3_600_000);
  }

  async get(place: Place): Promise<ThreadContext | undefined> {
    const { rows } = await this.db.query('SELECT context FROM thread_contexts WHERE thread_key = $1 AND answered_at >= $2::timestamptz', [threadKey(place), this.cutoff().toISOString()]);
    return rows[0] === undefined ? undefined : ThreadContextSchema.parse(ContextRowSchema.parse(rows[0]).context);
  }

  async set(place: Place, context: ThreadContext): Promise<void> {
    const at = Date.parse(context.at);
    // A context without a readable time is never live (as in the file store); it is stored expired.
    const answeredAt = new Date(Number.isFinite(at) ? at : 0);
    await this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO thread_contexts (thread_key, answered_at, seq, context) VALUES ($1, $2::timestamptz, nextval('thread_contexts_seq'), $3::jsonb)
         ON CONFLICT (thread_key) DO UPDATE SET answered_at = EXCLUDED.answered_at, seq = EXCLUDED.seq, context = EXCLUDED.context`,
        [threadKey(place), answeredAt.toISOString(), jsonParam(ThreadContextSchema.parse(context))],
      );
      await tx.query('DELETE FROM thread_contexts WHERE answered_at < $1::timestamptz OR seq <= (SELECT seq FROM thread_contexts ORDER BY seq DESC OFFSET $2 LIMIT 1)', [
        this.cutoff().toISOString(),
        this.maxThreads,
      ]);
    });
  }

  /** Every change is stored when its call resolves. */
  idle(): Promise<void> {
    return Promise.resolve();
  }
}
