import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Runs tasks one at a time per host, with a pause between them, so mødebot never has two
 * requests open to the same publisher. Tasks for different hosts run side by side.
 *
 * @example
 * const queue = new HostQueue(500);
 * await queue.run('www.kl.dk', () => fetch('https://www.kl.dk/…'));
 */
export class HostQueue {
  private readonly tails = new Map<string, Promise<void>>();

  /** @param gapMs pause after each task before the host's next one starts; default 0. */
  constructor(private readonly gapMs = 0) {}

  run<T>(host: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(host) ?? Promise.resolve();
    const result = previous.then(task);
    const tail = result.then(
      () => this.pause(),
      () => this.pause(),
    );
    this.tails.set(host, tail);
    // Forget idle hosts, so a long-running bot does not keep one entry per host it ever saw.
    void tail.then(() => {
      if (this.tails.get(host) === tail) this.tails.delete(host);
    });
    return result;
  }

  private async pause(): Promise<void> {
    // Referenced: a queued request waits on this pause, and nothing else may keep the process alive.
    if (this.gapMs > 0) await sleep(this.gapMs);
  }
}
