import type { DatabaseConfig } from '../config.js';
import { Database, openClient, openDatabase } from '../db/database.js';
import type { SqlClient } from '../db/sql-client.js';
import { FileConversationStore, type ConversationStore } from '../adapters/teams/conversation-store.js';
import { PostgresConversationStore } from '../adapters/teams/postgres-conversation-store.js';
import { feedbackSalt, sharedFeedbackSalt } from '../feedback/user-hash.js';
import type { Logger } from '../log.js';
import { FileDigestPostStore, type DigestPostStore } from '../schedule/digest-post-store.js';
import { PostgresDigestPostStore } from '../schedule/postgres-digest-post-store.js';
import { FileFeedbackStore, type FeedbackStore } from './feedback-store.js';
import { PostgresFeedbackStore } from './postgres/feedback-store.js';
import { PostgresThreadContextStore } from './postgres/thread-context-store.js';
import { PostgresWatchStore } from './postgres/watch-store.js';
import { FileThreadContextStore, type ThreadContextStore } from './thread-context-store.js';
import { FileWatchStore, type WatchStore } from './watch-store.js';

/**
 * Everything the bot keeps between answers and across restarts: files in DATA_DIR by default, or
 * tables in the database of DATABASE_URL, which every bot process on it shares.
 */
export interface StateStores {
  /** `files` in DATA_DIR, or `postgres`. */
  backend: 'files' | 'postgres';
  /** Where, for the log: the folder, or the database without user or password. */
  where: string;
  /** Absent when thread follow-ups are switched off (THREAD_CONTEXT_HOURS=0). */
  threads?: ThreadContextStore;
  watches: WatchStore;
  feedback: FeedbackStore;
  /**
   * The key user ids are hashed with for feedback (FEEDBACK_SALT, or the one kept with the state),
   * made and stored on first use, so a report that only reads creates nothing.
   */
  feedbackSalt(): Promise<string>;
  digestPosts: DigestPostStore;
  /** The Teams conversations the bot has seen; opened on first use (only Teams needs them). */
  teamsConversations(): Promise<ConversationStore>;
  /** The open database when the state is in one (/healthz asks it). */
  database?: Database;
  /** Resolves once every change is stored. */
  idle(): Promise<void>;
  /** Waits for {@link idle}, then closes the database; the stores are unusable after. */
  close(): Promise<void>;
}

export interface OpenStoresOptions {
  /** DATA_DIR: the files, and the feedback key a database takes over when it has none yet. */
  dataDir: string;
  /** DATABASE_URL and its settings; absent: files. */
  database?: DatabaseConfig | undefined;
  /** THREAD_CONTEXT_HOURS; 0 switches thread follow-ups off. */
  threadContextHours: number;
  /** FEEDBACK_SALT. */
  feedbackSalt?: string | undefined;
  logger?: Logger | undefined;
  now?: () => Date;
  /** Ends the wait for an unreachable database at start. */
  signal?: AbortSignal;
}

/**
 * Opens the state where the configuration puts it (`backend` and `where` say which, for the log). With a database, start-up
 * waits up to DATABASE_CONNECT_SECONDS for the server and applies the migrations.
 *
 * @throws DatabaseError when the database cannot be reached in time, refuses the login or has a newer schema.
 */
export async function openStores(options: OpenStoresOptions): Promise<StateStores> {
  const { logger } = options;
  if (options.database === undefined) return openFileStores(options);
  const { url, poolMax, statementTimeoutMs, connectSeconds, schema } = options.database;
  const client = openClient({ url, poolMax, statementTimeoutMs, ...(schema ? { schema } : {}), ...(logger ? { logger } : {}) });
  const database = await openDatabase(client, { connectSeconds, ...(logger ? { logger } : {}), ...(options.signal ? { signal: options.signal } : {}) });
  return postgresStores(database, options);
}

/** The file stores in `options.dataDir` (the default, and what the tests of the file stores use). */
export async function openFileStores(options: Omit<OpenStoresOptions, 'database'>): Promise<StateStores> {
  const { dataDir, logger } = options;
  const threads =
    options.threadContextHours > 0
      ? await FileThreadContextStore.open(dataDir, { hours: options.threadContextHours, ...(logger ? { logger } : {}), ...(options.now ? { now: options.now } : {}) })
      : undefined;
  const watches = await FileWatchStore.open(dataDir, logger);
  const feedback = await FileFeedbackStore.open(dataDir, logger);
  let salt: Promise<string> | undefined;
  let conversations: Promise<FileConversationStore> | undefined;
  const idle = async () => {
    await Promise.all([threads?.idle(), watches.idle(), feedback.idle(), (await conversations)?.idle()]);
  };
  return {
    backend: 'files',
    where: dataDir,
    ...(threads ? { threads } : {}),
    watches,
    feedback,
    feedbackSalt: () => (salt ??= feedbackSalt(dataDir, options.feedbackSalt)),
    digestPosts: new FileDigestPostStore(dataDir, logger),
    teamsConversations: () => (conversations ??= FileConversationStore.open(dataDir, logger)),
    idle,
    close: idle,
  };
}

/** The PostgreSQL stores on an open database (migrated), all through its one pool. */
export function postgresStores(database: Database, options: Omit<OpenStoresOptions, 'database'>): StateStores {
  const db: SqlClient = database.client;
  const threads =
    options.threadContextHours > 0 ? new PostgresThreadContextStore(db, { hours: options.threadContextHours, ...(options.now ? { now: options.now } : {}) }) : undefined;
  const conversations = new PostgresConversationStore(db);
  let salt: Promise<string> | undefined;
  // Every change is stored when its call resolves: nothing is left to wait for.
  const idle = () => Promise.resolve();
  return {
    backend: 'postgres',
    where: db.description,
    ...(threads ? { threads } : {}),
    watches: new PostgresWatchStore(db),
    feedback: new PostgresFeedbackStore(db),
    feedbackSalt: () => (salt ??= sharedFeedbackSalt(db, options.dataDir, options.feedbackSalt)),
    digestPosts: new PostgresDigestPostStore(db),
    teamsConversations: () => Promise.resolve(conversations),
    database,
    idle,
    close: () => database.close(),
  };
}
