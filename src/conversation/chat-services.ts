import type { AnswerEngine } from '../answer/types.js';
import { FeedbackRecorder } from '../feedback/feedback.js';
import type { Logger } from '../log.js';
import type { FeedbackStore } from '../state/feedback-store.js';
import { openFileStores, type StateStores } from '../state/open-stores.js';
import type { ThreadContextStore } from '../state/thread-context-store.js';
import type { WatchStore } from '../state/watch-store.js';
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
  /**
   * The stores opened from the configuration (see `openStores`: files in DATA_DIR or the
   * database). Absent: the file stores in `dataDir` are opened here.
   */
  state?: Pick<StateStores, 'threads' | 'watches' | 'feedback' | 'feedbackSalt' | 'idle'>;
  /** DATA_DIR, when `state` is not given. */
  dataDir?: string;
  /** THREAD_CONTEXT_HOURS, when `state` is not given; 0 switches thread follow-ups off. */
  threadContextHours?: number;
  /** FEEDBACK_SALT, when `state` is not given; generated and kept in DATA_DIR when absent. */
  feedbackSalt?: string | undefined;
  logger?: Logger;
  now?: () => Date;
}

/** The chat over its stores, and the stores, so shutdown can wait for them. */
export async function openChat(options: OpenChatOptions): Promise<{ chat: ChatServices; stores: Required<Pick<ChatStores, 'watches' | 'feedback'>> & ChatStores; idle(): Promise<void> }> {
  const { engine, logger } = options;
  const state =
    options.state ??
    (await openFileStores({
      dataDir: options.dataDir ?? 'data',
      threadContextHours: options.threadContextHours ?? 0,
      feedbackSalt: options.feedbackSalt,
      logger,
      ...(options.now ? { now: options.now } : {}),
    }));
  const { threads, watches, feedback } = state;
  const conversation = new Conversation({ engine, threads, watches, feedback, logger, ...(options.now ? { now: options.now } : {}) });
  return {
    chat: { conversation, feedback: new FeedbackRecorder(feedback, await state.feedbackSalt(), engine, options.now) },
    stores: { ...(threads ? { threads } : {}), watches, feedback },
    idle: () => state.idle(),
  };
}
