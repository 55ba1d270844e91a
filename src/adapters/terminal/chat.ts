import { createInterface, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Answer, AnswerEngine } from '../../answer/types.js';
import { isHelpRequest } from '../../answer/help.js';
import { renderAnswerText, renderHelpText } from '../../answer/render-text.js';
import { renderItemText } from './render-item.js';
import type { RunningAdapter } from '../adapter.js';

/**
 * The local chat: type a question, get the answer as a chat user would see it. `mere` shows more
 * results, `vis 2` the whole of result 2, `hjælp` the examples, `exit` (or Ctrl-D) quits.
 */
export interface TerminalChatOptions {
  input: Readable;
  output: Writable;
  /** Show the prompt and bold matched words (a real terminal). */
  interactive: boolean;
  /** Called when the user quits (exit, Ctrl-D on a terminal). */
  onClose?: () => void;
}

const BOLD = (s: string) => `\u001b[1m${s}\u001b[22m`;

export function startTerminalChat(engine: AnswerEngine, options: TerminalChatOptions): RunningAdapter {
  const { output, interactive } = options;
  const rl: Interface = createInterface({ input: options.input, output: interactive ? output : undefined, terminal: interactive });
  const write = (text: string) => output.write(`${text}\n`);
  let last: Answer | undefined;
  let closedByUs = false;

  if (interactive) {
    write(`mødebot kender ${engine.meetings().length} møder med ${engine.meetings().reduce((n, m) => n + m.items.length, 0)} punkter. Skriv et spørgsmål, "hjælp" eller "exit".`);
    rl.setPrompt('du> ');
    rl.prompt();
  }

  rl.on('line', (line) => {
    const text = line.trim();
    try {
      if (text === '') {
        // nothing to answer
      } else if (/^(exit|quit|afslut)$/i.test(text)) {
        rl.close();
        return;
      } else if (isHelpRequest(text)) {
        write(renderHelpText());
      } else if (/^(mere|more|flere)$/i.test(text)) {
        if (!last || !last.hasMore) write('Der er ikke flere resultater. Stil et nyt spørgsmål.');
        else {
          last = engine.ask(last.query, { offset: last.offset + last.results.length });
          write(renderAnswerText(last, interactive ? BOLD : undefined));
        }
      } else if (/^(vis|show)\s+\d+$/i.test(text)) {
        const n = Number(text.split(/\s+/)[1]);
        const hit = last?.results[n - 1];
        write(hit ? renderItemText(hit.item) : 'Skriv "vis 1" for det første resultat af dit seneste spørgsmål.');
      } else {
        last = engine.ask(text);
        write(renderAnswerText(last, interactive ? BOLD : undefined));
        if (last.status === 'found') write(`\n(${last.hasMore ? '"mere" for flere resultater, ' : ''}"vis 1" for hele punktet)`);
      }
    } catch (error) {
      write(`Beklager, det spørgsmål kunne jeg ikke besvare (${(error as Error).message}).`);
    }
    if (interactive) {
      write('');
      rl.prompt();
    }
  });
  rl.on('close', () => {
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
