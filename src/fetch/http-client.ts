import { STATUS_CODES } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { FetchError, type FetchFailureKind } from '../errors.js';
import { HostQueue } from './host-queue.js';
import { backoffDelay, parseRetryAfter } from './retry.js';

/** Attempts per address and pass, the first included. */
export const DEFAULT_MAX_ATTEMPTS = 3;
/** First back-off after a 5xx or network error; doubled for each further attempt. */
export const DEFAULT_RETRY_BASE_MS = 2_000;
/** A `Retry-After` longer than this ends the address's attempts for this pass. */
export const DEFAULT_MAX_RETRY_AFTER_MS = 5 * 60_000;
/** Pause between two requests to the same host. */
export const DEFAULT_HOST_GAP_MS = 500;
/** Redirect hops followed per request (all on the same host). */
export const MAX_REDIRECTS = 5;

export interface PoliteClientOptions {
  /** Sent with every request; see {@link userAgentFor}. */
  userAgent: string;
  /** Per attempt, redirects and body included. */
  timeoutMs: number;
  /** Larger answers are refused, by `Content-Length` before reading or while reading. */
  maxBytes: number;
  /** Default {@link DEFAULT_MAX_ATTEMPTS}. */
  maxAttempts?: number;
  /** Default {@link DEFAULT_RETRY_BASE_MS}. */
  retryBaseMs?: number;
  /** Default {@link DEFAULT_MAX_RETRY_AFTER_MS}. */
  maxRetryAfterMs?: number;
  /** Default {@link DEFAULT_HOST_GAP_MS}. */
  hostGapMs?: number;
  /** Aborts every request and wait (stopping the bot). */
  signal?: AbortSignal;
}

export interface GetRequest {
  /** What the caller can use, for the `Accept` header. */
  accept: string;
  /** Validators of the copy we have; sent as `If-None-Match` / `If-Modified-Since`. */
  etag?: string;
  lastModified?: string;
}

export type GetAnswer =
  | { status: 'not-modified'; url: string }
  | {
      status: 'ok';
      /** Where the body came from, after same-host redirects. */
      url: string;
      body: Buffer;
      contentType: string | undefined;
      etag: string | undefined;
      lastModified: string | undefined;
    };

/**
 * The User-Agent every request carries: the bot's name and how to reach whoever runs it, as
 * publishers expect of an automated client.
 * @example userAgentFor('it@kommune.dk') // 'moedebot/0.1 (+it@kommune.dk; fetches published meeting material)'
 */
export function userAgentFor(contact: string): string {
  return `moedebot/0.1 (+${contact}; fetches published meeting material)`;
}

const REDIRECTS: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);
const RETRYABLE: ReadonlySet<FetchFailureKind> = new Set(['server', 'network', 'timeout', 'cut-off']);

function statusText(status: number): string {
  return `${status} ${STATUS_CODES[status] ?? ''}`.trim();
}

function errorCode(err: unknown): string | undefined {
  let e: unknown = err;
  // undici wraps the socket's error: TypeError('fetch failed') → cause (→ cause).
  for (let depth = 0; depth < 4 && e !== null && typeof e === 'object'; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'ABORT_ERR') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function errorText(err: unknown): string {
  const parts: string[] = [];
  let e: unknown = err;
  for (let depth = 0; depth < 4 && e instanceof Error; depth++) {
    parts.push(e.message);
    e = e.cause;
  }
  return parts.join(': ');
}

const TLS_CODE = /^(CERT_|ERR_TLS_|ERR_SSL_|UNABLE_TO_(GET|VERIFY)|DEPTH_ZERO|SELF_SIGNED|HOSTNAME_MISMATCH|EPROTO$)/;

/**
 * An HTTP client that is polite to publishers: one request at a time per host, a User-Agent that
 * names the bot and its operator, conditional requests, a size limit and a timeout per request,
 * retries with back-off on 5xx and network errors, `Retry-After` honoured, and never a step off
 * the host it was asked for (each redirect hop is checked).
 *
 * @example
 * const client = new PoliteClient({ userAgent: userAgentFor('it@kommune.dk'), timeoutMs: 60_000, maxBytes: 50 << 20 });
 * const answer = await client.get('https://www.kl.dk/media/x.pdf', { accept: 'application/pdf', etag: '"abc"' });
 * @throws FetchError saying why the address could not be fetched.
 */
export class PoliteClient {
  private readonly queue: HostQueue;
  private readonly maxAttempts: number;
  private readonly retryBaseMs: number;
  private readonly maxRetryAfterMs: number;

  constructor(private readonly options: PoliteClientOptions) {
    this.queue = new HostQueue(options.hostGapMs ?? DEFAULT_HOST_GAP_MS);
    this.maxAttempts = Math.max(1, options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
    this.retryBaseMs = options.retryBaseMs ?? DEFAULT_RETRY_BASE_MS;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS;
  }

  /** GETs `url`, retrying as described on the class. Waits for the host's turn first. */
  get(url: string, request: GetRequest): Promise<GetAnswer> {
    const host = new URL(url).host;
    // Retries wait inside the host's turn: a struggling server gets no other request meanwhile.
    return this.queue.run(host, () => this.withRetries(url, request));
  }

  private async withRetries(url: string, request: GetRequest): Promise<GetAnswer> {
    for (let attempt = 1; ; attempt++) {
      this.throwIfStopped(url);
      try {
        return await this.attempt(url, request);
      } catch (err) {
        if (!(err instanceof FetchError) || !RETRYABLE.has(err.kind) || attempt >= this.maxAttempts) throw err;
        const wait = err.retryAfterMs ?? backoffDelay(attempt, this.retryBaseMs);
        if (wait > this.maxRetryAfterMs) {
          throw new FetchError(url, err.kind, `${err.reason}, and asked to come back in ${Math.ceil(wait / 1000)} s`, { cause: err, status: err.status });
        }
        try {
          await sleep(wait, undefined, this.options.signal ? { signal: this.options.signal } : {});
        } catch {
          this.throwIfStopped(url);
        }
      }
    }
  }

  private throwIfStopped(url: string): void {
    if (this.options.signal?.aborted) throw new FetchError(url, 'aborted', 'was not fetched: the bot is stopping');
  }

  private headers(request: GetRequest): Record<string, string> {
    return {
      'user-agent': this.options.userAgent,
      accept: request.accept,
      'accept-language': 'da, en;q=0.5',
      ...(request.etag !== undefined ? { 'if-none-match': request.etag } : {}),
      ...(request.lastModified !== undefined ? { 'if-modified-since': request.lastModified } : {}),
    };
  }

  private async attempt(url: string, request: GetRequest): Promise<GetAnswer> {
    // One controller per attempt for both the timeout and stopping, released when the attempt
    // ends, so a bot that runs for months does not collect listeners on its stop signal.
    const controller = new AbortController();
    const { signal } = controller;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.options.timeoutMs);
    const onStop = () => controller.abort();
    this.options.signal?.addEventListener('abort', onStop, { once: true });
    const classify = (err: unknown): FetchError => {
      if (err instanceof FetchError) return err;
      if (this.options.signal?.aborted) return new FetchError(url, 'aborted', 'was not fetched: the bot is stopping', { cause: err });
      if (timedOut) return new FetchError(url, 'timeout', `did not answer within ${this.options.timeoutMs / 1000} s`, { cause: err });
      const code = errorCode(err);
      const text = errorText(err);
      if ((code !== undefined && TLS_CODE.test(code)) || /\b(SSL|TLS|certificate)\b/i.test(text)) {
        return new FetchError(url, 'tls', `TLS error${code ? ` (${code})` : ''}: the secure connection could not be made; check the address (https?) or the site's certificate`, { cause: err });
      }
      if (code === 'ENOTFOUND') return new FetchError(url, 'network', 'host not found (ENOTFOUND); check the address', { cause: err });
      return new FetchError(url, 'network', `network error (${code ?? text})`, { cause: err });
    };

    const origin = new URL(url);
    let current = origin;
    try {
      for (let hop = 0; ; hop++) {
        const response = await fetch(current, { redirect: 'manual', headers: this.headers(request), signal });
        const { status } = response;
        if (REDIRECTS.has(status)) {
          await response.body?.cancel().catch(() => undefined);
          const location = response.headers.get('location');
          if (location === null) throw new FetchError(url, 'http-status', `answered ${statusText(status)} without saying where to`, { status });
          const next = new URL(location, current);
          next.hash = '';
          if (next.host !== origin.host || (next.protocol !== 'http:' && next.protocol !== 'https:')) {
            throw new FetchError(url, 'off-host', `redirects to another host (${next.host || next.protocol}); mødebot only fetches from the hosts in SOURCES`, { status });
          }
          if (hop >= MAX_REDIRECTS) throw new FetchError(url, 'too-many-redirects', `redirects more than ${MAX_REDIRECTS} times`, { status });
          current = next;
          continue;
        }
        if (status === 304) {
          await response.body?.cancel().catch(() => undefined);
          if (request.etag === undefined && request.lastModified === undefined) {
            throw new FetchError(url, 'http-status', 'answered 304 Not Modified to a request that had nothing to compare with', { status });
          }
          return { status: 'not-modified', url: current.href };
        }
        if (status >= 500 || status === 429) {
          await response.body?.cancel().catch(() => undefined);
          const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
          throw new FetchError(url, 'server', `answered ${statusText(status)}`, { status, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });
        }
        if (status !== 200 && status !== 203) {
          await response.body?.cancel().catch(() => undefined);
          throw new FetchError(url, 'http-status', `answered ${statusText(status)}`, { status });
        }
        const body = await this.readBody(url, response);
        return {
          status: 'ok',
          url: current.href,
          body,
          contentType: response.headers.get('content-type') ?? undefined,
          etag: response.headers.get('etag') ?? undefined,
          lastModified: response.headers.get('last-modified') ?? undefined,
        };
      }
    } catch (err) {
      throw classify(err);
    } finally {
      clearTimeout(timer);
      this.options.signal?.removeEventListener('abort', onStop);
    }
  }

  private tooLarge(url: string, bytes?: number): FetchError {
    const mb = (n: number) => `${+(n / 1024 / 1024).toFixed(1)} MB`;
    const size = bytes !== undefined ? `is ${mb(bytes)}, ` : 'is ';
    return new FetchError(url, 'too-large', `${size}over the limit of ${mb(this.options.maxBytes)}; raise SOURCES_MAX_MB to fetch it`);
  }

  /** The body, counted while it arrives so a huge answer is cut off at the limit, not buffered. */
  private async readBody(url: string, response: Response): Promise<Buffer> {
    const declared = Number(response.headers.get('content-length') ?? NaN);
    // Node's fetch decompresses; a compressed answer's Content-Length says nothing of its real size.
    const encoded = (response.headers.get('content-encoding') ?? 'identity') !== 'identity';
    if (!encoded && Number.isFinite(declared) && declared > this.options.maxBytes) {
      await response.body?.cancel().catch(() => undefined);
      throw this.tooLarge(url, declared);
    }
    const chunks: Uint8Array[] = [];
    let received = 0;
    if (response.body) {
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        received += value.byteLength;
        if (received > this.options.maxBytes) {
          await reader.cancel().catch(() => undefined);
          throw this.tooLarge(url);
        }
        chunks.push(value);
      }
    }
    if (!encoded && Number.isFinite(declared) && received !== declared) {
      throw new FetchError(url, 'cut-off', `was cut off (${received} of ${declared} bytes arrived)`);
    }
    return Buffer.concat(chunks, received);
  }
}
