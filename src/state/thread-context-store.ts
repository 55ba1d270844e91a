import path from 'node:path';
import { z } from 'zod';
import type { Logger } from '../log.js';
import { threadKey, type Place } from '../conversation/place.js';
import { CoalescedJsonWriter, readJsonState, type StateFile } from './state-file.js';

/**
 * What a thread remembers of the bot's last answer in it, so a follow-up without a mention
 * ("og i 2024?", "hvad med KKR Sjælland?", "vis punkt 3.12", "mere") is read in its light.
 */
export const ThreadContextSchema = z.object({
  /** The question as last asked of the engine (a follow-up's rewritten question). */
  question: z.string(),
  mode: z.enum(['search', 'case', 'item']),
  filters: z.object({
    committee: z.string().optional(),
    dateFrom: z.string().optional(),
    dateTo: z.string().optional(),
    label: z.string().optional(),
  }),
  /** The offset of the page last shown and how many results it showed. */
  offset: z.number().int().min(0),
  shown: z.number().int().min(0),
  hasMore: z.boolean(),
  /** The items last shown, in order (`vis 2`). */
  itemIds: z.array(z.string()),
  /** The meeting of the first item last shown (`vis punkt 3.12`). */
  meeting: z.object({ committee: z.string(), date: z.string() }).optional(),
  /** When the thread was last answered, ISO 8601. */
  at: z.string(),
});
export type ThreadContext = z.infer<typeof ThreadContextSchema>;

/**
 * Thread contexts by thread. The file implementation below is the default; a database
 * implementation (shared by several bot processes) implements the same three methods.
 */
export interface ThreadContextStore {
  /** The thread's context, or undefined when it has none or it is older than the store's expiry. */
  get(place: Place): Promise<ThreadContext | undefined>;
  set(place: Place, context: ThreadContext): Promise<void>;
  /** Resolves once every change is stored (before the process exits). */
  idle(): Promise<void>;
}

export const THREAD_CONTEXTS_FILE = 'thread-contexts.json';
/** The most threads remembered; the least recently answered are forgotten first. */
export const MAX_THREADS = 10_000;

const FileSchema = z.object({ threads: z.record(z.string(), ThreadContextSchema) });

/** `thread-contexts.json`, read by the store and by the import into a database. */
export const THREAD_CONTEXTS_STATE_FILE: StateFile<typeof FileSchema> = { name: THREAD_CONTEXTS_FILE, what: 'thread contexts', schema: FileSchema };

export interface FileThreadContextStoreOptions {
  /** How long a context lasts after the thread's last answer (THREAD_CONTEXT_HOURS). */
  hours: number;
  logger?: Logger;
  /** The clock; default now. */
  now?: () => Date;
}

/** Thread contexts in `DATA_DIR/thread-contexts.json`, expired ones dropped as it goes. */
export class FileThreadContextStore implements ThreadContextStore {
  private readonly threads = new Map<string, ThreadContext>();
  private readonly writer: CoalescedJsonWriter;

  private constructor(
    file: string,
    private readonly options: FileThreadContextStoreOptions,
  ) {
    this.writer = new CoalescedJsonWriter(file, () => ({ threads: Object.fromEntries(this.threads) }));
  }

  /** Opens the store; a damaged file is set aside with a warning and the store starts empty. */
  static async open(dataDir: string, options: FileThreadContextStoreOptions): Promise<FileThreadContextStore> {
    const file = path.join(dataDir, THREAD_CONTEXTS_FILE);
    const store = new FileThreadContextStore(file, options);
    const stored = await readJsonState(file, FileSchema, { what: THREAD_CONTEXTS_STATE_FILE.what, empty: () => ({ threads: {} }), logger: options.logger });
    for (const [key, context] of Object.entries(stored.threads)) if (store.live(context)) store.threads.set(key, context);
    return store;
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  private live(context: ThreadContext): boolean {
    const at = Date.parse(context.at);
    return Number.isFinite(at) && this.now().getTime() - at <= this.options.hours * 3_600_000;
  }

  async get(place: Place): Promise<ThreadContext | undefined> {
    const context = this.threads.get(threadKey(place));
    return context !== undefined && this.live(context) ? context : undefined;
  }

  async set(place: Place, context: ThreadContext): Promise<void> {
    const key = threadKey(place);
    // Re-inserted, so the map stays in order of last answer and the oldest are first to go.
    this.threads.delete(key);
    this.threads.set(key, context);
    for (const [k, c] of this.threads) {
      if (this.threads.size <= MAX_THREADS && this.live(c)) break;
      this.threads.delete(k);
    }
    await this.writer.save();
  }

  idle(): Promise<void> {
    return this.writer.idle();
  }
}

/**
 * Thread contexts kept in memory only: the terminal chat, which is one thread for as long as it
 * runs, so `mere` and `vis 2` work there whatever THREADS says.
 */
export class MemoryThreadContextStore implements ThreadContextStore {
  private readonly threads = new Map<string, ThreadContext>();

  async get(place: Place): Promise<ThreadContext | undefined> {
    return this.threads.get(threadKey(place));
  }

  async set(place: Place, context: ThreadContext): Promise<void> {
    this.threads.set(threadKey(place), context);
  }

  idle(): Promise<void> {
    return Promise.resolve();
  }
}
