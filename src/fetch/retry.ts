/**
 * When to try a failed request again: the server's `Retry-After` when it sent one, otherwise
 * exponential back-off.
 */

/**
 * Reads a `Retry-After` header: delay-seconds (`120`) or an HTTP date
 * (`Wed, 21 Oct 2026 07:28:00 GMT`). Returns milliseconds from `now`, never negative; undefined
 * when the header is absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/**
 * Back-off before attempt `attempt + 1` after `attempt` failures: `baseMs`, then doubled each
 * time, at most `maxMs`.
 *
 * @example backoffDelay(1, 2000) // 2000; backoffDelay(3, 2000) // 8000
 */
export function backoffDelay(attempt: number, baseMs: number, maxMs = 60_000): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
}
