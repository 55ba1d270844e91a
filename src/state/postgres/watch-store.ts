import { z } from 'zod';
import type { SqlClient } from '../../db/sql-client.js';
import { topicKey, WatchSchema, type Watch, type WatchPlace, type WatchStore } from '../watch-store.js';
import { jsonParam } from './json-param.js';

const WatchRowSchema = z.object({ platform: z.string(), channel: z.string(), topic: z.string(), created_at: z.string() });
const KeysSchema = z.array(z.string());

/**
 * Topic watches in PostgreSQL, shared by every bot on the database: a watch added through one is
 * followed by all, and an item posted to a channel by one is not posted there again by another.
 */
export class PostgresWatchStore implements WatchStore {
  constructor(private readonly db: SqlClient) {}

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
      'SELECT item_id FROM watch_posted WHERE platform = $1 AND channel = $2 AND item_id IN (SELECT jsonb_array_elements_text($3::jsonb))',
      [place.platform, place.channel, jsonParam(itemIds)],
    );
    return new Set(rows.map((r) => String(r.item_id)));
  }

  async markPosted(place: WatchPlace, itemIds: readonly string[]): Promise<void> {
    if (itemIds.length === 0) return;
    await this.db.query(
      `INSERT INTO watch_posted (platform, channel, item_id) SELECT $1, $2, id FROM jsonb_array_elements_text($3::jsonb) AS ids(id)
       ON CONFLICT DO NOTHING`,
      [place.platform, place.channel, jsonParam(itemIds)],
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
