import { clearLine, createInterface, cursorTo, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Answer, AnswerEngine } from '../../answer/types.js';
import { isHelpRequest } from '../../answer/help.js';
import { renderAnswerText, renderHelpText } from '../../answer/render-text.js';
import { setPromptOwner } from '../../logging/log-sink.js';
import type { Requests } from '../../service/requests.js';
import { renderItemText } from './render-item.js';
import { markBold, terminalText, typedText } from './terminal-text.js';
import type { RunningAdapter } from '../adapter.js';

/**
 * The local chat: type a question, get the answer as a chat user would see it. `mere` shows more
 * results, `vis 2` the whole of result 2, `hjælp` the examples, `exit` (or `quit`, or the end of
 * the input: Ctrl-D, the end of a pipe) ends the chat.
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
}

const QUIT = /^(exit|quit|afslut)$/i;

export function startTerminalChat(engine: AnswerEngine, options: TerminalChatOptions): RunningAdapter {
  const { output, interactive } = options;
  const rl: Interface = createInterface({ input: options.input, output: interactive ? output : undefined, terminal: interactive });
  const write = (text: string) => output.write(`${terminalText(text, interactive)}\n`);
  let last: Answer | undefined;
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
    write(`mødebot kender ${engine.meetings().length} møder med ${engine.meetings().reduce((n, m) => n + m.items.length, 0)} punkter. Skriv et spørgsmål, "hjælp" eller "exit".`);
    rl.setPrompt('du> ');
    prompt();
  }

  const answer = (text: string) => {
    if (text === '') {
      // nothing to answer
    } else if (isHelpRequest(text)) {
      write(renderHelpText());
    } else if (/^(mere|more|flere)$/i.test(text)) {
      if (!last || !last.hasMore) write('Der er ikke flere resultater. Stil et nyt spørgsmål.');
      else {
        last = engine.ask(last.query, { offset: last.offset + last.results.length });
        write(renderAnswerText(last, markBold));
      }
    } else if (/^(vis|show)\s+\d+$/i.test(text)) {
      const n = Number(text.split(/\s+/)[1]);
      const hit = last?.results[n - 1];
      write(hit ? renderItemText(hit.item) : 'Skriv "vis 1" for det første resultat af dit seneste spørgsmål.');
    } else {
      last = engine.ask(text);
      write(renderAnswerText(last, markBold));
      if (last.status === 'found') write(`\n(${last.hasMore ? '"mere" for flere resultater, ' : ''}"vis 1" for hele punktet)`);
    }
  };

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
    const run = () => {
      try {
        answer(text);
      } catch (error) {
        write(`Beklager, det spørgsmål kunne jeg ikke besvare (${(error as Error).message}).`);
      }
    };
    if (options.requests && text !== '') void options.requests.handle({ platform: 'terminal', kind: 'question' }, run);
    else run();
    if (interactive) {
      write('');
      prompt();
    }
  });
  rl.on('close', () => {
    ended = true;
    promptShown = false;
    releasePrompt();
    if (!closedByUs) options.onClose?.();
  });

  return {
    name: 'terminal',
    async stop() {
      closedByUs = true;
      rl.close();
    },
  };
}
