/**
 * Answers take turns with the rest of the event loop. Answering is synchronous CPU work (search,
 * snippets, rendering); when hundreds of requests arrive at once, answering them as they come would
 * hold back the acknowledgements of the later ones past Slack's 3 seconds. Awaiting `takeTurn()`
 * right after acknowledging queues the answer: one answer per loop iteration, so the I/O that
 * arrived meanwhile (other requests, their acknowledgements) is handled between two answers.
 *
 * @example
 * await ack();
 * await takeTurn();
 * const message = answerQuestion(engine, question, command);
 */

const queue: Array<() => void> = [];
let scheduled = false;

function next(): void {
  scheduled = false;
  const turn = queue.shift();
  // Scheduled before the turn's work runs (in the microtasks after this callback), so the next
  // turn comes in the next loop iteration, after pending I/O.
  if (queue.length > 0) schedule();
  turn?.();
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  setImmediate(next);
}

/** Resolves at the caller's turn to do its synchronous work. */
export function takeTurn(): Promise<void> {
  return new Promise((resolve) => {
    queue.push(resolve);
    schedule();
  });
}
