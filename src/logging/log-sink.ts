/**
 * Where log lines go: standard error, around the terminal chat's prompt. While the chat shows its
 * `du>` prompt on the same terminal, a log line first clears the prompt line and afterwards the
 * chat redraws it with what was typed so far, so logs are never written over the prompt.
 */

/** The part of the terminal chat the log sink needs. */
export interface PromptOwner {
  /** Clears the prompt line when the prompt is showing. */
  hide(): void;
  /** Redraws the prompt and the input typed so far, when it was showing. */
  show(): void;
}

let owner: PromptOwner | undefined;
let guarded = false;

/** Makes `prompt` the owner of the terminal's prompt line; returns a function that gives it up. */
export function setPromptOwner(prompt: PromptOwner): () => void {
  owner = prompt;
  return () => {
    if (owner === prompt) owner = undefined;
  };
}

/**
 * Writes one formatted log line to `stream` (standard error), around the prompt. On Linux writes to
 * a terminal, a pipe or a file are synchronous, so nothing logged before `process.exit` is lost.
 */
export function writeLogLine(text: string, stream: NodeJS.WritableStream = process.stderr): void {
  if (!guarded && stream === process.stderr) {
    guarded = true;
    // A closed stderr (the reader went away) must not crash the bot through an 'error' event.
    process.stderr.on('error', () => undefined);
  }
  const prompt = owner;
  prompt?.hide();
  stream.write(text);
  prompt?.show();
}
