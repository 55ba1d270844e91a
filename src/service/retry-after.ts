/**
 * Retrying a call a platform refused with HTTP 429 (rate limited), after the wait it asked for in
 * `Retry-After`. Slack's Web API client and discord.js do this themselves; Bolt's `respond()`
 * (response_url posts) and the Agents SDK's Bot Connector client do not, so replies through them
 * go through {@link withRetryAfter}.
 */

export interface RetryAfterOptions {
  /** Attempts in all, the first included (default 3). */
  attempts?: number;
  /** Longest wait honoured; a longer Retry-After gives up (default 30 s). */
  maxWaitMs?: number;
  /** Wait when the platform names none (default 1 s). */
  defaultWaitMs?: number;
  /** Told of each wait, for the log. */
  onRetry?: (waitMs: number, attempt: number) => void;
}

/** The HTTP status and headers of an error from axios (Bolt, the Agents SDK), fetch wrappers or discord.js. */
function responseOf(error: unknown): { status?: number; headers?: Record<string, unknown> } {
  const e = error as { status?: unknown; statusCode?: unknown; response?: { status?: unknown; headers?: unknown } } | undefined;
  const status = [e?.response?.status, e?.status, e?.statusCode].find((s): s is number => typeof s === 'number');
  const rawHeaders = e?.response?.headers as Record<string, unknown> | { get?: (name: string) => unknown } | undefined;
  let headers: Record<string, unknown> | undefined;
  if (rawHeaders && typeof (rawHeaders as { get?: unknown }).get === 'function') {
    headers = { 'retry-after': (rawHeaders as { get: (name: string) => unknown }).get('retry-after') };
  } else if (rawHeaders) headers = rawHeaders as Record<string, unknown>;
  return { ...(status !== undefined ? { status } : {}), ...(headers ? { headers } : {}) };
}

/** Whether the error is a 429, and how long to wait (ms) before trying again. */
export function rateLimitWait(error: unknown, defaultWaitMs = 1000): number | undefined {
  const { status, headers } = responseOf(error);
  if (status !== 429) return undefined;
  const raw = headers?.['retry-after'] ?? headers?.['Retry-After'];
  const value = Array.isArray(raw) ? raw[0] : raw;
  const seconds = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
  if (typeof value === 'string') {
    const at = Date.parse(value);
    if (Number.isFinite(at)) return Math.max(0, at - Date.now());
  }
  return defaultWaitMs;
}

/**
 * Runs `call`, and when it fails with HTTP 429 waits for Retry-After and tries again, up to
 * `attempts` times in all. Any other failure, or a wait longer than `maxWaitMs`, is thrown at once.
 */
export async function withRetryAfter<T>(call: () => Promise<T>, options: RetryAfterOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 3;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const wait = rateLimitWait(error, options.defaultWaitMs ?? 1000);
      if (wait === undefined || attempt >= attempts || wait > (options.maxWaitMs ?? 30_000)) throw error;
      options.onRetry?.(wait, attempt);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
