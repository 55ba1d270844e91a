import { z } from 'zod';
import type { SqlClient } from '../../db/sql-client.js';
import { baseConversationId, conversationOf, mergeConversation, sameAddress, StoredConversationSchema, type ActivityLike, type ConversationStore, type StoredConversation } from './conversation-store.js';
import { jsonParam } from '../../state/postgres/json-param.js';

const RowSchema = z.object({ conversation: z.unknown() });

/**
 * Teams conversations in PostgreSQL: a conversation that wrote to one bot process can receive the
 * digest from another. What this process last stored or read is remembered, so an ordinary message
 * in a known conversation costs no query.
 */
export class PostgresConversationStore implements ConversationStore {
  private readonly known = new Map<string, StoredConversation>();

  constructor(private readonly db: SqlClient) {}

  async get(id: string): Promise<StoredConversation | undefined> {
    const { rows } = await this.db.query('SELECT conversation FROM teams_conversations WHERE id = $1', [baseConversationId(id.trim())]);
    return rows[0] === undefined ? undefined : StoredConversationSchema.parse(RowSchema.parse(rows[0]).conversation);
  }

  async list(): Promise<StoredConversation[]> {
    const { rows } = await this.db.query('SELECT conversation FROM teams_conversations ORDER BY id');
    return rows.map((r) => StoredConversationSchema.parse(RowSchema.parse(r).conversation));
  }

  async remember(activity: ActivityLike): Promise<StoredConversation | undefined> {
    const next = conversationOf(activity);
    if (!next) return undefined;
    const seen = this.known.get(next.id);
    if (seen && sameAddress(seen, { ...seen, ...next })) return undefined;
    // Read and written under the row's lock, so two processes seeing the same conversation merge, not overwrite.
    const stored = await this.db.transaction(async (tx) => {
      const { rows } = await tx.query('SELECT conversation FROM teams_conversations WHERE id = $1 FOR UPDATE', [next.id]);
      const prev = rows[0] === undefined ? undefined : StoredConversationSchema.parse(RowSchema.parse(rows[0]).conversation);
      const merged = mergeConversation(prev, next);
      if (!merged) return { entry: prev!, changed: false };
      await tx.query(
        `INSERT INTO teams_conversations (id, conversation, updated_at) VALUES ($1, $2::jsonb, now())
         ON CONFLICT (id) DO UPDATE SET conversation = EXCLUDED.conversation, updated_at = EXCLUDED.updated_at`,
        [merged.id, jsonParam(merged)],
      );
      return { entry: merged, changed: true };
    });
    this.known.set(next.id, stored.entry);
    return stored.changed ? stored.entry : undefined;
  }

  /** Every change is stored when its call resolves. */
  idle(): Promise<void> {
    return Promise.resolve();
  }
}
