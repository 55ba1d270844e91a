import { clearLine, createInterface, cursorTo, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { AnswerEngine } from '../../answer/types.js';
import { renderAnswerText, renderHelpText } from '../../answer/render-text.js';
import { failureText, followUpNote } from '../../answer/texts.js';
import { Conversation, type Reply } from '../../conversation/conversation.js';
import type { Place } from '../../conversation/place.js';
import { setPromptOwner } from '../../logging/log-sink.js';
import type { Logger } from '../../log.js';
import { logFailure } from '../../service/failure.js';
import type { Requests } from '../../service/requests.js';
import { MemoryThreadContextStore } from '../../state/thread-context-store.js';
import type { WatchTarget } from '../../watches/topic-watcher.js';
import { renderItemText } from './render-item.js';
import { renderWatchText } from './render-watch.js';
import { markBold, terminalText, typedText } from './terminal-text.js';
import type { RunningAdapter } from '../adapter.js';

/**
 * The local chat: type a question, get the answer as a chat user would see it. The chat is one
 * thread, so follow-ups work as in a Slack thread: `mere` shows more results, `vis 2` the whole of
 * result 2, `og i 2024?` the last question in 2024; `følg fysioterapi` follows a topic (new items
 * about it are printed here), `hjælp` shows examples, `exit` (or `quit`, or the end of the input:
 * Ctrl-D, the end of a pipe) ends the chat.
 */
export interface TerminalChatOptions {
  input: Readable;
  output: Writable & { isTTY?: boolean };
  /** Show the prompt and bold matched words (a real terminal). */
  interactive: boolean;
  /** Called when the chat ends by itself: `exit`, `quit` or the end of the input. */
  onClose?: () => void;
  /** Tracks each question (logged at debug level: the person sees the answer). */
  requests?: Requests;
  /**
   * Whether log lines reach the same terminal as the chat, so the prompt must make way for them;
   * default: both standard error and `output` are terminals.
   */
  sharesTerminalWithLogs?: boolean;
  /** The conversation to answer through (with watches and feedback); default one of its own, its thread in memory. */
  conversation?: Conversation;
  logger?: Logger;
}

const QUIT = /^(exit|quit|afslut)$/i;

/** The terminal chat's one place: its watches post here, its thread is the session. */
export const TERMINAL_PLACE: Place = { platform: 'terminal', channel: 'terminal', thread: 'session' };

export interface RunningTerminal extends RunningAdapter {
  name: 'terminal';
  /** Prints topic-watch matches between the questions. */
  watchTarget: WatchTarget;
}

export function startTerminalChat(engine: AnswerEngine, options: TerminalChatOptions): RunningTerminal {
  const { output, interactive } = options;
  const conversation = options.conversation ?? new Conversation({ engine, threads: new MemoryThreadContextStore() });
  const rl: Interface = createInterface({ input: options.input, output: interactive ? output : undefined, terminal: interactive });
  const write = (text: string) => output.write(`${terminalText(text, interactive)}\n`);
  let closedByUs = false;
  let promptShown = false;
  const prompt = () => {
    rl.prompt();
    promptShown = true;
  };

  // Log lines (on the same terminal) clear the prompt line and the prompt is redrawn after them.
  const shared = options.sharesTerminalWithLogs ?? (output.isTTY === true && process.stderr.isTTY === true);
  const releasePrompt =
    interactive && shared
      ? setPromptOwner({
          hide: () => {
            if (!promptShown) return;
            cursorTo(output, 0);
            clearLine(output, 0);
          },
          show: () => {
            if (promptShown) rl.prompt(true);
          },
        })
      : () => undefined;

  if (interactive) {
    rl.setPrompt('du> ');
    void engine
      .catalog()
      .then((meetings) => write(`mødebot kender ${meetings.length} møder med ${meetings.reduce((n, m) => n + m.itemCount, 0)} punkter. Skriv et spørgsmål, "hjælp" eller "exit".`))
      .catch((err: unknown) => options.logger?.error({ err }, 'the corpus could not be counted'))
      .finally(prompt);
  }

  const show = (reply: Reply) => {
    switch (reply.kind) {
      case 'help':
        write(renderHelpText());
        break;
      case 'notice':
        write(reply.text);
        break;
      case 'item':
        write(renderItemText(reply.item));
        break;
      case 'answer':
        if (reply.followUp) write(`(${followUpNote(reply.followUp)})`);
        write(renderAnswerText(reply.answer, markBold));
        if (reply.answer.status === 'found') write(`\n(${reply.answer.hasMore ? '"mere" for flere resultater, ' : ''}"vis 1" for hele punktet)`);
        break;
    }
  };

  const answer = async (text: string) => {
    if (text === '') return;
    try {
      show(await conversation.reply({ text, place: TERMINAL_PLACE, threaded: true }));
    } catch (error) {
      const failure = options.logger ? logFailure(options.logger, error, 'terminal question') : { text: failureText('-') };
      write(failure.text);
    }
  };

  // Answers are written in the order the questions came, one at a time.
  let queue: Promise<void> = Promise.resolve();
  let ended = false;
  rl.on('line', (line) => {
    // readline still hands over the rest of a chunk after close(): lines after `exit` are not questions.
    if (ended) return;
    promptShown = false;
    const text = typedText(line).trim();
    if (QUIT.test(text)) {
      ended = true;
      rl.close();
      return;
    }
    queue = queue.then(async () => {
      if (options.requests && text !== '') await options.requests.handle({ platform: 'terminal', kind: 'question' }, () => answer(text));
      else await answer(text);
      if (interactive && !ended) {
        write('');
        prompt();
      }
    });
  });
  rl.on('close', () => {
    ended = true;
    promptShown = false;
    releasePrompt();
    if (!closedByUs) options.onClose?.();
  });

  return {
    name: 'terminal',
    watchTarget: {
      platform: 'terminal',
      async post(_channel, match) {
        write(`\n${renderWatchText(match)}`);
      },
    },
    async stop() {
      closedByUs = true;
      rl.close();
      // The questions already typed are answered before the chat ends.
      await queue;
    },
  };
}
