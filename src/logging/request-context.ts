import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';

/**
 * The correlation id of the request being handled, carried across awaits, so every line logged
 * while answering it (ours and the SDKs') has the same `reqId` as the one summary line.
 */
export interface RequestContext {
  reqId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** A short random id, unique enough to find one request's lines in a day of logs. */
export function newRequestId(): string {
  return randomBytes(6).toString('base64url');
}

/** Runs `fn` with `context` as the current request. */
export function inRequest<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** The current request, if any. */
export function currentRequest(): RequestContext | undefined {
  return storage.getStore();
}
