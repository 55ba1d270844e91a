import type { FetchProgress } from './fetch-pass.js';

/** Redraws at most this often; a fast pass would otherwise spend its time on the terminal. */
const REDRAW_MS = 100;

export interface ProgressLine {
  update(progress: FetchProgress): void;
  /** Clears the line, so the report starts on a clean one. */
  done(): void;
}

/**
 * One self-updating line on a terminal: `[12/40] https://www.kl.dk/media/…`. Prints nothing when
 * the stream is not a terminal (a log file, CI, cron), so those stay clean; a library bar
 * (cli-progress) would need a total up front, which a pass only learns while it reads listings.
 */
export function progressLine(stream: NodeJS.WriteStream): ProgressLine {
  if (!stream.isTTY) return { update() {}, done() {} };
  let last = 0;
  let shown = false;
  return {
    update({ found, done, url }) {
      const now = Date.now();
      if (now - last < REDRAW_MS && done < found) return;
      last = now;
      const width = Math.max(20, (stream.columns || 80) - 1);
      const text = `[${done}/${found}] ${url}`;
      stream.write(`\r\x1b[2K${text.length > width ? `${text.slice(0, width - 1)}…` : text}`);
      shown = true;
    },
    done() {
      if (shown) stream.write('\r\x1b[2K');
    },
  };
}
