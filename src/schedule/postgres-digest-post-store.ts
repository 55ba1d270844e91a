import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { z } from 'zod';
import type { SqlClient } from '../db/sql-client.js';
import type { DigestRecord } from '../digest/types.js';
import type { DigestClaim, DigestPostStore } from './digest-post-store.js';
import type { DayPosting } from './posted-state.js';

/** How long a claim holds: long enough for a post with its rate-limit waits, short enough that a bot dying mid-post does not lose the day. */
export const DEFAULT_CLAIM_MS = 10 * 60 * 1000;
/** Days remembered, as in the file. */
const KEEP_DAYS = 14;

const DayRowSchema = z.object({ attempts: z.coerce.number().int().nonnegative(), last_error: z.string().nullable() });
const RecordRowSchema = z.object({ day: z.string(), meetings: z.array(z.string()), items: z.array(z.string()) });

export interface PostgresDigestPostStoreOptions {
  /** How long a claim holds before another bot may take it over; default {@link DEFAULT_CLAIM_MS}. */
  claimMs?: number;
}

/**
 * The digest's posted-state in PostgreSQL, shared by every bot on the database. Before posting to
 * a channel a bot claims (day, channel) in one statement: a row that is posted, or claimed by
 * another bot whose claim has not lapsed, is left alone, so of two bots firing together exactly one
 * posts. A claim lapses after `claimMs` (the server's clock, the same for every bot), so a bot that
 * died mid-post does not keep the others from posting that day.
 */
export class PostgresDigestPostStore implements DigestPostStore {
  /** Who this poster is in `claimed_by`: unique per store, so a restarted bot is a new claimant. */
  readonly claimant = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private readonly claimMs: number;

  constructor(
    private readonly db: SqlClient,
    options: PostgresDigestPostStoreOptions = {},
  ) {
    this.claimMs = options.claimMs ?? DEFAULT_CLAIM_MS;
  }

  async day(day: string): Promise<DayPosting> {
    const [days, posts] = await Promise.all([
      this.db.query('SELECT attempts, last_error FROM digest_days WHERE day = $1', [day]),
      this.db.query<{ channel: string }>('SELECT channel FROM digest_posts WHERE day = $1 AND posted_at IS NOT NULL ORDER BY posted_at, channel', [day]),
    ]);
    const row = days.rows[0] === undefined ? undefined : DayRowSchema.parse(days.rows[0]);
    return {
      done: posts.rows.map((r) => String(r.channel)),
      attempts: row?.attempts ?? 0,
      ...(row?.last_error ? { lastError: row.last_error } : {}),
    };
  }

  async previous(day: string): Promise<DigestRecord | undefined> {
    const { rows } = await this.db.query('SELECT day, meetings, items FROM digest_records WHERE day < $1 ORDER BY day DESC LIMIT 1', [day]);
    if (rows[0] === undefined) return undefined;
    const r = RecordRowSchema.parse(rows[0]);
    return { date: r.day, meetings: r.meetings, items: r.items };
  }

  async claim(day: string, channel: string): Promise<DigestClaim> {
    // ON CONFLICT … DO UPDATE locks the row and re-checks the WHERE against its newest version, so
    // of two bots claiming at once the second sees the first's claim and gets no row back.
    const { rows } = await this.db.query(
      `INSERT INTO digest_posts AS p (day, channel, claimed_by, claimed_until) VALUES ($1, $2, $3, now() + $4 * interval '1 millisecond')
       ON CONFLICT (day, channel) DO UPDATE SET claimed_by = EXCLUDED.claimed_by, claimed_until = EXCLUDED.claimed_until
       WHERE p.posted_at IS NULL AND (p.claimed_until <= now() OR p.claimed_by = EXCLUDED.claimed_by)
       RETURNING day`,
      [day, channel, this.claimant, this.claimMs],
    );
    if (rows.length > 0) return 'claimed';
    const { rows: held } = await this.db.query('SELECT posted_at IS NOT NULL AS posted FROM digest_posts WHERE day = $1 AND channel = $2', [day, channel]);
    return held[0]?.posted === true ? 'done' : 'elsewhere';
  }

  async countAttempt(day: string): Promise<number> {
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query(
        'INSERT INTO digest_days (day, attempts) VALUES ($1, 1) ON CONFLICT (day) DO UPDATE SET attempts = digest_days.attempts + 1 RETURNING attempts',
        [day],
      );
      await tx.query('DELETE FROM digest_days WHERE day NOT IN (SELECT day FROM digest_days ORDER BY day DESC LIMIT $1)', [KEEP_DAYS]);
      await tx.query('DELETE FROM digest_posts WHERE day < (SELECT min(day) FROM digest_days)');
      return DayRowSchema.pick({ attempts: true }).parse(rows[0]).attempts;
    });
  }

  async markPosted(day: string, channel: string, record: DigestRecord): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query('UPDATE digest_posts SET posted_at = now() WHERE day = $1 AND channel = $2 AND claimed_by = $3', [day, channel, this.claimant]);
      // What the day's digests included, merged under the row's lock (two bots may post different channels the same day).
      const { rows } = await tx.query('SELECT day, meetings, items FROM digest_records WHERE day = $1 FOR UPDATE', [record.date]);
      const prev = rows[0] === undefined ? undefined : RecordRowSchema.parse(rows[0]);
      const meetings = [...new Set([...(prev?.meetings ?? []), ...record.meetings])];
      const items = [...new Set([...(prev?.items ?? []), ...record.items])];
      await tx.query(
        `INSERT INTO digest_records (day, meetings, items) VALUES ($1, $2::jsonb, $3::jsonb)
         ON CONFLICT (day) DO UPDATE SET meetings = EXCLUDED.meetings, items = EXCLUDED.items`,
        [record.date, JSON.stringify(meetings), JSON.stringify(items)],
      );
      await tx.query('DELETE FROM digest_records WHERE day NOT IN (SELECT day FROM digest_records ORDER BY day DESC LIMIT $1)', [KEEP_DAYS]);
    });
  }

  async release(day: string, channel: string, error: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query('UPDATE digest_posts SET claimed_until = now() WHERE day = $1 AND channel = $2 AND claimed_by = $3 AND posted_at IS NULL', [day, channel, this.claimant]);
      await tx.query('UPDATE digest_days SET last_error = $2 WHERE day = $1', [day, `${channel}: ${error}`]);
    });
  }
}
