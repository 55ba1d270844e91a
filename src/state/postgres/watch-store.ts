import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { z } from 'zod';
import type { SqlClient } from '../../db/sql-client.js';
import { topicKey, WatchSchema, type Watch, type WatchClaim, type WatchPlace, type WatchStore } from '../watch-store.js';
import { jsonParam } from './json-param.js';

const WatchRowSchema = z.object({ platform: z.string(), channel: z.string(), topic: z.string(), created_at: z.string() });
const KeysSchema = z.array(z.string());

/** How long a claim on a watch post holds; a bot that died mid-post lets its items go after it. */
export const DEFAULT_WATCH_CLAIM_MS = 10 * 60 * 1000;

export interface PostgresWatchStoreOptions {
  /** Default {@link DEFAULT_WATCH_CLAIM_MS}. */
  claimMs?: number;
}

/**
 * Topic watches in PostgreSQL, shared by every bot on the database: a watch added through one is
 * followed by all, and an item is posted to a channel once between them: a bot claims the items
 * before posting (the same lapsing claim as the digest's, see `PostgresDigestPostStore`).
 */
export class PostgresWatchStore implements WatchStore {
  /** Who this poster is in `claimed_by`. */
  readonly claimant = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private readonly claimMs: number;

  constructor(
    private readonly db: SqlClient,
    options: PostgresWatchStoreOptions = {},
  ) {
    this.claimMs = options.claimMs ?? DEFAULT_WATCH_CLAIM_MS;
  }

  async list(place?: WatchPlace): Promise<Watch[]> {
    const { rows } = place
      ? await this.db.query('SELECT platform, channel, topic, created_at FROM topic_watches WHERE platform = $1 AND channel = $2 ORDER BY seq', [place.platform, place.channel])
      : await this.db.query('SELECT platform, channel, topic, created_at FROM topic_watches ORDER BY seq');
    return rows.map((row) => {
      const r = WatchRowSchema.parse(row);
      return WatchSchema.parse({ platform: r.platform, channel: r.channel, topic: r.topic, createdAt: r.created_at });
    });
  }

  async add(watch: Watch): Promise<boolean> {
    const { rows } = await this.db.query(
      `INSERT INTO topic_watches (platform, channel, topic_key, topic, created_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT DO NOTHING RETURNING topic_key`,
      [watch.platform, watch.channel, topicKey(watch.topic), watch.topic, watch.createdAt],
    );
    return rows.length > 0;
  }

  async remove(place: WatchPlace, topic: string): Promise<boolean> {
    const { rows } = await this.db.query('DELETE FROM topic_watches WHERE platform = $1 AND channel = $2 AND topic_key = $3 RETURNING topic_key', [
      place.platform,
      place.channel,
      topicKey(topic),
    ]);
    return rows.length > 0;
  }

  async posted(place: WatchPlace, itemIds: readonly string[]): Promise<Set<string>> {
    if (itemIds.length === 0) return new Set();
    const { rows } = await this.db.query<{ item_id: string }>(
      'SELECT item_id FROM watch_posted WHERE platform = $1 AND channel = $2 AND posted_at IS NOT NULL AND item_id IN (SELECT jsonb_array_elements_text($3::jsonb))',
      [place.platform, place.channel, jsonParam(itemIds)],
    );
    return new Set(rows.map((r) => String(r.item_id)));
  }

  async claim(place: WatchPlace, itemIds: readonly string[]): Promise<WatchClaim> {
    if (itemIds.length === 0) return { mine: [], elsewhere: [] };
    // As the digest's claim: the row lock taken by ON CONFLICT … DO UPDATE makes the second of two
    // bots claiming at once see the first's claim and get nothing back.
    const { rows } = await this.db.query<{ item_id: string }>(
      `INSERT INTO watch_posted AS w (platform, channel, item_id, claimed_by, claimed_until)
       SELECT $1, $2, id, $4, now() + $5 * interval '1 millisecond' FROM jsonb_array_elements_text($3::jsonb) AS ids(id)
       ON CONFLICT (platform, channel, item_id) DO UPDATE SET claimed_by = EXCLUDED.claimed_by, claimed_until = EXCLUDED.claimed_until
       WHERE w.posted_at IS NULL AND (w.claimed_until IS NULL OR w.claimed_until <= now() OR w.claimed_by = EXCLUDED.claimed_by)
       RETURNING item_id`,
      [place.platform, place.channel, jsonParam([...new Set(itemIds)]), this.claimant, this.claimMs],
    );
    const mine = new Set(rows.map((r) => String(r.item_id)));
    const posted = await this.posted(place, itemIds);
    return { mine: itemIds.filter((id) => mine.has(id)), elsewhere: itemIds.filter((id) => !mine.has(id) && !posted.has(id)) };
  }

  async release(place: WatchPlace, itemIds: readonly string[]): Promise<void> {
    if (itemIds.length === 0) return;
    await this.db.query(
      `UPDATE watch_posted SET claimed_until = now()
       WHERE platform = $1 AND channel = $2 AND claimed_by = $4 AND posted_at IS NULL AND item_id IN (SELECT jsonb_array_elements_text($3::jsonb))`,
      [place.platform, place.channel, jsonParam(itemIds), this.claimant],
    );
  }

  async markPosted(place: WatchPlace, itemIds: readonly string[]): Promise<void> {
    if (itemIds.length === 0) return;
    await this.db.query(
      `INSERT INTO watch_posted (platform, channel, item_id, posted_at) SELECT $1, $2, id, now() FROM jsonb_array_elements_text($3::jsonb) AS ids(id)
       ON CONFLICT (platform, channel, item_id) DO UPDATE SET posted_at = COALESCE(watch_posted.posted_at, EXCLUDED.posted_at)`,
      [place.platform, place.channel, jsonParam([...new Set(itemIds)])],
    );
  }

  async checkedMaterial(): Promise<string[] | undefined> {
    const { rows } = await this.db.query<{ keys: unknown }>('SELECT keys FROM watch_checked_material');
    return rows[0] === undefined ? undefined : KeysSchema.parse(rows[0].keys);
  }

  async setCheckedMaterial(keys: readonly string[]): Promise<void> {
    await this.db.query('INSERT INTO watch_checked_material (keys) VALUES ($1::jsonb) ON CONFLICT (singleton) DO UPDATE SET keys = EXCLUDED.keys', [jsonParam(keys)]);
  }

  /** Every change is stored when its call resolves. */
  idle(): Promise<void> {
    return Promise.resolve();
  }
}
