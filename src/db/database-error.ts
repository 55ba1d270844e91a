import { ErrorCode, MoedebotError } from '../errors.js';

/** What went wrong with the database, in classes callers act on. */
export type DatabaseFailureKind =
  /** Not reachable: refused, unknown host, down, too many connections. Worth a retry. */
  | 'unavailable'
  /** The server refused the user or password. A retry will not help. */
  | 'auth'
  /** A statement ran past DATABASE_STATEMENT_TIMEOUT_MS. */
  | 'timeout'
  /** The schema is newer than this code (a newer mødebot migrated it). */
  | 'schema'
  /** Anything else the server reported. */
  | 'query';

/**
 * A database operation failed. The message names where the database is (never the password),
 * what failed and what to do; `kind` says whether retrying makes sense.
 */
export class DatabaseError extends MoedebotError {
  constructor(
    readonly kind: DatabaseFailureKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(ErrorCode.DatabaseFailed, message, options);
    this.name = 'DatabaseError';
  }

  get retryable(): boolean {
    return this.kind === 'unavailable' || this.kind === 'timeout';
  }
}

const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);

/**
 * Turns a driver error into a {@link DatabaseError} saying what to do. `where` is the database's
 * description (see `describeDatabaseUrl`), `what` the operation (`connecting`, `storing a vote`).
 */
export function databaseError(error: unknown, where: string, what: string): DatabaseError {
  if (error instanceof DatabaseError) return error;
  const e = error as { code?: string; message?: string };
  const code = e?.code ?? '';
  const reason = (e?.message ?? String(error)).split('\n')[0]!;
  if (UNAVAILABLE_CODES.has(code) || code === '57P03' || code === '53300' || /Connection terminated|connection timeout|timeout exceeded when trying to connect/i.test(reason)) {
    return new DatabaseError('unavailable', `PostgreSQL at ${where} is not reachable while ${what} (${code || reason}); check that the server runs and DATABASE_URL points at it.`, { cause: error });
  }
  if (code === '28P01' || code === '28000' || code === '3D000') {
    return new DatabaseError('auth', `PostgreSQL at ${where} refused the connection while ${what} (${code === '3D000' ? 'no such database' : 'user or password not accepted'}); check DATABASE_URL.`, { cause: error });
  }
  if (code === '57014') {
    return new DatabaseError('timeout', `PostgreSQL at ${where} took longer than DATABASE_STATEMENT_TIMEOUT_MS while ${what}; the statement was cancelled.`, { cause: error });
  }
  return new DatabaseError('query', `PostgreSQL at ${where} failed while ${what}: ${reason}${code ? ` (${code})` : ''}.`, { cause: error });
}
