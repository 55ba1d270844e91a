import path from 'node:path';
import { z } from 'zod';
import type { ConversationReference } from '@microsoft/agents-activity';
import type { Logger } from '../../log.js';
import { readJsonState, writeJsonAtomic } from '../../state/state-file.js';

/**
 * The Teams conversations the bot has seen, so the daily digest can be posted to them later.
 *
 * A proactive message needs more than a conversation id: Teams only accepts it at the `serviceUrl`
 * of the region that serves the tenant (e.g. `https://smba.trafficmanager.net/emea/`), and that URL
 * only arrives on incoming activities. So every activity the bot receives (a message, or the
 * `conversationUpdate` when the app is added to a team or chat) records its conversation here, in
 * `DATA_DIR/teams-conversations.json` (or, with DATABASE_URL, the database). A channel is stored under the channel's id (`19:…@thread.tacv2`,
 * without the `;messageid=…` of a thread), so the digest starts a new post there rather than
 * replying inside someone's thread.
 */

export const TEAMS_CONVERSATIONS_FILE = 'teams-conversations.json';

export const StoredConversationSchema = z.object({
  /** The id to post to: `DIGEST_TEAMS_CONVERSATIONS` lists these. */
  id: z.string().min(1),
  kind: z.enum(['personal', 'groupChat', 'channel']),
  /** Channel or chat name when Teams sent it; for people reading the file. */
  name: z.string().optional(),
  teamName: z.string().optional(),
  tenantId: z.string().optional(),
  serviceUrl: z.string().min(1),
  channelId: z.string().min(1),
  bot: z.object({ id: z.string().min(1), name: z.string().optional() }),
  updatedAt: z.string(),
});
export type StoredConversation = z.infer<typeof StoredConversationSchema>;

const FileSchema = z.object({ conversations: z.array(StoredConversationSchema) });

/** The parts of an incoming activity a conversation is recognised by. */
export interface ActivityLike {
  channelId?: string | undefined;
  serviceUrl?: string | undefined;
  conversation?: { id?: string; conversationType?: string; tenantId?: string; name?: string } | undefined;
  recipient?: { id?: string; name?: string } | undefined;
  channelData?: unknown;
}

interface TeamsChannelData {
  channel?: { id?: string; name?: string };
  team?: { id?: string; name?: string };
  tenant?: { id?: string };
}

/** The conversation an activity belongs to, as it would be stored; `undefined` when the activity lacks what a post needs. */
export function conversationOf(activity: ActivityLike, now: Date = new Date()): StoredConversation | undefined {
  const conversationId = activity.conversation?.id;
  const botId = activity.recipient?.id;
  if (!conversationId || !botId || !activity.serviceUrl || !activity.channelId) return undefined;
  const data = (typeof activity.channelData === 'object' && activity.channelData !== null ? activity.channelData : {}) as TeamsChannelData;
  const type = activity.conversation?.conversationType;
  const kind = type === 'channel' || type === 'groupChat' || type === 'personal' ? type : data.channel?.id ? 'channel' : 'personal';
  const id = kind === 'channel' ? (data.channel?.id ?? baseConversationId(conversationId)) : baseConversationId(conversationId);
  const tenantId = activity.conversation?.tenantId ?? data.tenant?.id;
  const name = data.channel?.name ?? activity.conversation?.name;
  return {
    id,
    kind,
    ...(name ? { name } : {}),
    ...(data.team?.name ? { teamName: data.team.name } : {}),
    ...(tenantId ? { tenantId } : {}),
    serviceUrl: activity.serviceUrl,
    channelId: activity.channelId,
    bot: { id: botId, ...(activity.recipient?.name ? { name: activity.recipient.name } : {}) },
    updatedAt: now.toISOString(),
  };
}

/** `19:abc@thread.tacv2;messageid=1712` → `19:abc@thread.tacv2`. */
export function baseConversationId(id: string): string {
  return id.replace(/;messageid=.*$/i, '');
}

/** A conversation reference for a new message (not a reply) in a stored conversation. */
export function referenceFor(c: StoredConversation): ConversationReference {
  return {
    channelId: c.channelId,
    serviceUrl: c.serviceUrl,
    conversation: {
      id: c.id,
      isGroup: c.kind !== 'personal',
      conversationType: c.kind,
      ...(c.tenantId ? { tenantId: c.tenantId } : {}),
    } as ConversationReference['conversation'],
    agent: { id: c.bot.id, ...(c.bot.name ? { name: c.bot.name } : {}) } as NonNullable<ConversationReference['agent']>,
  };
}

/** Whether two entries post to the same place the same way (`updatedAt` aside). */
export function sameAddress(a: StoredConversation, b: StoredConversation): boolean {
  return (
    a.kind === b.kind &&
    a.name === b.name &&
    a.teamName === b.teamName &&
    a.tenantId === b.tenantId &&
    a.serviceUrl === b.serviceUrl &&
    a.channelId === b.channelId &&
    a.bot.id === b.bot.id &&
    a.bot.name === b.bot.name
  );
}

/**
 * What to store for `next` given what is stored (`prev`): the merged entry, or undefined when
 * nothing changed. A thread reply carries no channel name; the one a conversationUpdate gave stays.
 */
export function mergeConversation(prev: StoredConversation | undefined, next: StoredConversation): StoredConversation | undefined {
  const merged: StoredConversation = { ...prev, ...next };
  return prev && sameAddress(prev, merged) ? undefined : merged;
}

/**
 * The Teams conversations the bot has seen: a file in DATA_DIR by default, a table when several
 * bot processes share a database (a conversation one of them saw is known to all).
 */
export interface ConversationStore {
  get(id: string): Promise<StoredConversation | undefined>;
  list(): Promise<StoredConversation[]>;
  /**
   * Records the conversation of an incoming activity. Returns the stored entry when it is new or
   * its address changed (so the caller can log it once), else `undefined`; nothing is written then.
   */
  remember(activity: ActivityLike): Promise<StoredConversation | undefined>;
  /** Resolves once every change is stored. */
  idle(): Promise<void>;
}

/** Conversations kept in memory and in a JSON file; writes are serialised and atomic (temp file + rename). */
export class FileConversationStore implements ConversationStore {
  private readonly file: string;
  private conversations = new Map<string, StoredConversation>();
  private writing: Promise<void> = Promise.resolve();

  private constructor(dataDir: string) {
    this.file = path.join(dataDir, TEAMS_CONVERSATIONS_FILE);
  }

  /**
   * Opens the store, reading the file when it exists. A damaged file is moved aside with a warning
   * (see `readJsonState`) and the store starts empty: the conversations come back as people write
   * to the bot, and answering never waits for the digest's address book.
   */
  static async open(dataDir: string, logger?: Logger): Promise<FileConversationStore> {
    const store = new FileConversationStore(dataDir);
    const stored = await readJsonState(store.file, FileSchema, { what: 'Teams conversations', empty: () => ({ conversations: [] }), logger });
    for (const c of stored.conversations) store.conversations.set(c.id, c);
    return store;
  }

  async get(id: string): Promise<StoredConversation | undefined> {
    return this.conversations.get(baseConversationId(id.trim()));
  }

  async list(): Promise<StoredConversation[]> {
    return [...this.conversations.values()];
  }

  async remember(activity: ActivityLike): Promise<StoredConversation | undefined> {
    const next = conversationOf(activity);
    if (!next) return undefined;
    const merged = mergeConversation(this.conversations.get(next.id), next);
    if (!merged) return undefined;
    this.conversations.set(next.id, merged);
    await this.save();
    return merged;
  }

  idle(): Promise<void> {
    return this.writing.catch(() => undefined);
  }

  private save(): Promise<void> {
    const run = () => writeJsonAtomic(this.file, { conversations: [...this.conversations.values()] });
    this.writing = this.writing.then(run, run);
    return this.writing;
  }
}
