import type { AnswerEngine } from '../answer/types.js';
import { FeedbackRecorder } from '../feedback/feedback.js';
import { feedbackSalt } from '../feedback/user-hash.js';
import type { Logger } from '../log.js';
import { FileFeedbackStore, type FeedbackStore } from '../state/feedback-store.js';
import { FileThreadContextStore, type ThreadContextStore } from '../state/thread-context-store.js';
import { FileWatchStore, type WatchStore } from '../state/watch-store.js';
import { Conversation } from './conversation.js';

/**
 * What every adapter answers through: the conversation (questions, follow-ups, watch commands)
 * and, when feedback is kept, the recorder of 👍/👎.
 */
export interface ChatServices {
  conversation: Conversation;
  /** Absent: answers carry no feedback buttons. */
  feedback?: FeedbackRecorder;
}

/** The stores behind the chat; each a file in DATA_DIR by default, or another implementation (a database). */
export interface ChatStores {
  threads?: ThreadContextStore;
  watches?: WatchStore;
  feedback?: FeedbackStore;
}

/** The chat with nothing kept: no follow-ups, watches or feedback (a load benchmark, a quick test). */
export function statelessChat(engine: AnswerEngine, logger?: Logger): ChatServices {
  return { conversation: new Conversation({ engine, logger }) };
}

export interface OpenChatOptions {
  engine: AnswerEngine;
  dataDir: string;
  /** THREAD_CONTEXT_HOURS; 0 switches thread follow-ups off. */
  threadContextHours: number;
  /** FEEDBACK_SALT; generated and kept in DATA_DIR when absent. */
  feedbackSalt?: string | undefined;
  logger?: Logger;
  now?: () => Date;
}

/** The chat with its state in files in `dataDir`, and the stores, so shutdown can wait for them. */
export async function openChat(options: OpenChatOptions): Promise<{ chat: ChatServices; stores: Required<Pick<ChatStores, 'watches' | 'feedback'>> & ChatStores; idle(): Promise<void> }> {
  const { engine, dataDir, logger } = options;
  const threads =
    options.threadContextHours > 0
      ? await FileThreadContextStore.open(dataDir, { hours: options.threadContextHours, ...(logger ? { logger } : {}), ...(options.now ? { now: options.now } : {}) })
      : undefined;
  const watches = await FileWatchStore.open(dataDir, logger);
  const feedback = await FileFeedbackStore.open(dataDir, logger);
  const salt = await feedbackSalt(dataDir, options.feedbackSalt);
  const conversation = new Conversation({ engine, threads, watches, feedback, logger, ...(options.now ? { now: options.now } : {}) });
  return {
    chat: { conversation, feedback: new FeedbackRecorder(feedback, salt, engine, options.now) },
    stores: { ...(threads ? { threads } : {}), watches, feedback },
    idle: async () => {
      await Promise.all([threads?.idle(), watches.idle(), feedback.idle()]);
    },
  };
}
