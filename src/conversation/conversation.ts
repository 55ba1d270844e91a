import { KKR_COMMITTEES } from '../corpus/committees.js';
import type { AgendaItem } from '../corpus/types.js';
import { isHelpRequest } from '../answer/help.js';
import { danishDate, itemHeadline } from '../answer/present.js';
import {
  WATCHES_UNAVAILABLE,
  WATCH_TOPIC_INVALID,
  noMoreResultsText,
  showIndexText,
  watchAdded,
  watchExists,
  watchList,
  watchRemoved,
  watchUnknown,
} from '../answer/texts.js';
import type { Answer, AnswerEngine, AnswerFilters } from '../answer/types.js';
import type { Logger } from '../log.js';
import type { FeedbackStore } from '../state/feedback-store.js';
import type { ThreadContext, ThreadContextStore } from '../state/thread-context-store.js';
import type { WatchStore } from '../state/watch-store.js';
import { MAX_TOPIC_LENGTH, parseWatchCommand, type WatchCommand } from './commands.js';
import { interpretFollowUp } from './follow-up.js';
import type { Place } from './place.js';

/**
 * One message to the bot, as every adapter hands it to the core: the text, where it was written
 * and whether it continues a thread the bot answers in.
 */
export interface Turn {
  text: string;
  place: Place;
  /**
   * The answer goes into `place.thread`, so the thread's context is read (follow-ups) and kept for
   * the next message. False for slash commands and other answers outside a thread.
   */
  threaded: boolean;
  /** Filters chosen outside the text (Discord's `møde` and `udvalg` options). */
  filters?: AnswerFilters;
  /** Where to start ("more results" buttons). */
  offset?: number;
}

/** What the bot replies, for each adapter to render in its own way. */
export type Reply =
  | { kind: 'help' }
  /** `followUp` says how a follow-up was read (`fysioterapi · 2024`), shown above the answer. */
  | { kind: 'answer'; answer: Answer; followUp?: string }
  | { kind: 'item'; item: AgendaItem; followUp?: string }
  /** A sentence of the core's (watches, a follow-up that cannot be followed). */
  | { kind: 'notice'; text: string };

export interface ConversationOptions {
  engine: AnswerEngine;
  /** Absent when threads are switched off (THREADS=off or THREAD_CONTEXT_HOURS=0). */
  threads?: ThreadContextStore | undefined;
  /** Absent where topics cannot be followed. */
  watches?: WatchStore | undefined;
  /** Records questions that found nothing. */
  feedback?: FeedbackStore | undefined;
  logger?: Logger | undefined;
  now?: () => Date;
}

/**
 * The chat as every platform shares it: help, questions, follow-ups in a thread, and topic
 * watches. Adapters translate a platform's message into a {@link Turn}, call `reply`, and render
 * the {@link Reply}; none of them interprets a message itself.
 *
 * @example
 * const reply = await conversation.reply({ text: 'og i 2024?', place: { platform: 'slack', channel: 'C1', thread: '1712.1' }, threaded: true });
 */
export class Conversation {
  constructor(private readonly options: ConversationOptions) {}

  get engine(): AnswerEngine {
    return this.options.engine;
  }

  /** Whether follow-ups in threads are read in context (threads switched on). */
  get threadsOn(): boolean {
    return this.options.threads !== undefined;
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /**
   * Whether the bot has answered in this thread within the context's lifetime, so a message there
   * without a mention is meant for it.
   */
  async followsThread(place: Place): Promise<boolean> {
    if (this.options.threads === undefined || place.thread === undefined) return false;
    return (await this.options.threads.get(place)) !== undefined;
  }

  /** The committees follow-ups can name: the corpus's and the five KKR. */
  private async committees(): Promise<string[]> {
    return [...new Set([...KKR_COMMITTEES, ...(await this.options.engine.catalog()).map((m) => m.committee)])];
  }

  async reply(turn: Turn): Promise<Reply> {
    const text = turn.text.replace(/\s+/g, ' ').trim();
    if (text === '' || isHelpRequest(text)) return { kind: 'help' };
    const command = parseWatchCommand(text);
    if (command) return this.watchCommand(command, turn.place);

    const threads = turn.threaded && turn.place.thread !== undefined ? this.options.threads : undefined;
    const context = threads ? await threads.get(turn.place) : undefined;
    const followUp = context ? interpretFollowUp(text, context, { committees: await this.committees() }) : undefined;
    let reply: Reply;
    let asked: { question: string; filters: AnswerFilters; answer: Answer } | undefined;
    if (followUp && context) {
      switch (followUp.kind) {
        case 'more': {
          if (!context.hasMore) return { kind: 'notice', text: noMoreResultsText(context.question) };
          const answer = await this.options.engine.ask(context.question, { offset: context.offset + context.shown, filters: context.filters });
          asked = { question: context.question, filters: context.filters, answer };
          reply = { kind: 'answer', answer };
          break;
        }
        case 'show': {
          const id = context.itemIds[followUp.index - 1];
          const item = id !== undefined ? await this.options.engine.item(id) : undefined;
          return item ? { kind: 'item', item } : { kind: 'notice', text: showIndexText(context.itemIds.length) };
        }
        case 'item-number': {
          const filters: AnswerFilters = context.meeting
            ? { committee: context.meeting.committee, dateFrom: context.meeting.date, dateTo: context.meeting.date, label: `${context.meeting.committee}, ${danishDate(context.meeting.date)}` }
            : {};
          const question = `punkt ${followUp.number}`;
          const answer = await this.options.engine.ask(question, { filters });
          const only = answer.status === 'found' && answer.results.length === 1 ? answer.results[0]!.item : undefined;
          // The item itself when the thread's meeting has it; else the look-up's answer (which says why).
          if (only) return { kind: 'item', item: only, followUp: `${itemHeadline(only)} · ${danishDate(only.meetingDate)}` };
          asked = { question, filters, answer };
          reply = { kind: 'answer', answer, followUp: question };
          break;
        }
        case 'ask': {
          const answer = await this.options.engine.ask(followUp.question, { filters: followUp.filters });
          asked = { question: followUp.question, filters: followUp.filters, answer };
          reply = { kind: 'answer', answer, followUp: followUp.understood };
          break;
        }
      }
    } else {
      const filters = turn.filters ?? {};
      const answer = await this.options.engine.ask(text, { filters, ...(turn.offset !== undefined ? { offset: turn.offset } : {}) });
      asked = { question: answer.query, filters, answer };
      reply = { kind: 'answer', answer };
    }
    if (asked) {
      await this.noteUnanswered(asked.answer, turn.place);
      if (threads) await this.remember(threads, turn.place, asked.question, asked.filters, asked.answer);
    }
    return reply;
  }

  /** A question that found nothing goes on the to-do list (`npm run feedback`); later pages do not count. */
  private async noteUnanswered(answer: Answer, place: Place): Promise<void> {
    if (this.options.feedback === undefined || answer.status !== 'not-found' || answer.offset > 0) return;
    try {
      await this.options.feedback.addUnanswered({ question: answer.query, platform: place.platform, channel: place.channel, at: this.now().toISOString() });
    } catch (err) {
      // The answer matters more than the statistics.
      this.options.logger?.warn({ err }, 'could not record an unanswered question');
    }
  }

  private async remember(threads: ThreadContextStore, place: Place, question: string, filters: AnswerFilters, answer: Answer): Promise<void> {
    if (answer.status === 'invalid') return;
    const first = answer.results[0]?.item;
    const context: ThreadContext = {
      question,
      mode: answer.mode,
      filters,
      offset: answer.offset,
      shown: answer.results.length,
      hasMore: answer.hasMore,
      itemIds: answer.results.map((h) => h.item.id),
      ...(first ? { meeting: { committee: first.committee, date: first.meetingDate } } : {}),
      at: this.now().toISOString(),
    };
    try {
      await threads.set(place, context);
    } catch (err) {
      this.options.logger?.warn({ err }, 'could not keep the thread context; follow-ups in this thread start afresh');
    }
  }

  /**
   * Records that the bot answered in a thread it was not asked in through `reply` (a button's
   * answer posted in the thread), so follow-ups there read that answer.
   */
  async rememberAnswer(place: Place, answer: Answer): Promise<void> {
    if (this.options.threads === undefined || place.thread === undefined) return;
    await this.remember(this.options.threads, place, answer.query, answer.filters, answer);
  }

  private async watchCommand(command: WatchCommand, place: Place): Promise<Reply> {
    const store = this.options.watches;
    if (store === undefined) return { kind: 'notice', text: WATCHES_UNAVAILABLE };
    const channel = { platform: place.platform, channel: place.channel };
    switch (command.kind) {
      case 'list':
        return { kind: 'notice', text: watchList((await store.list(channel)).map((w) => w.topic)) };
      case 'stop': {
        if (await store.remove(channel, command.topic)) return { kind: 'notice', text: watchRemoved(command.topic) };
        return { kind: 'notice', text: watchUnknown(command.topic, (await store.list(channel)).map((w) => w.topic)) };
      }
      case 'follow': {
        const probe = await this.options.engine.ask(command.topic, { limit: 1 });
        if (command.topic.length > MAX_TOPIC_LENGTH || probe.status === 'invalid') return { kind: 'notice', text: WATCH_TOPIC_INVALID };
        const added = await store.add({ ...channel, topic: command.topic, createdAt: this.now().toISOString() });
        if (!added) return { kind: 'notice', text: watchExists(command.topic) };
        const latest = probe.status === 'found' ? probe.results[0]!.item : undefined;
        return { kind: 'notice', text: watchAdded(command.topic, latest ? `${itemHeadline(latest)} (${latest.committee}, ${danishDate(latest.meetingDate)})` : undefined) };
      }
    }
  }
}
