/**
 * Error codes of mødebot. Each error carries a message that says what to do about it;
 * adapters show users a short text and log the rest.
 */
export enum ErrorCode {
  ConfigInvalid = 'config_invalid',
  CorpusFileUnreadable = 'corpus_file_unreadable',
  CorpusFileUnparseable = 'corpus_file_unparseable',
  CorpusFolderUnreadable = 'corpus_folder_unreadable',
  ManifestInvalid = 'manifest_invalid',
  IndexUnreadable = 'index_unreadable',
  QuestionInvalid = 'question_invalid',
  FetchFailed = 'fetch_failed',
  DatabaseFailed = 'database_failed',
}

export class MoedebotError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'MoedebotError';
  }
}

/** A setting is missing or malformed; the message names the variable, never its value. */
export class ConfigError extends MoedebotError {
  constructor(message: string) {
    super(ErrorCode.ConfigInvalid, message);
    this.name = 'ConfigError';
  }
}

/** A corpus file cannot be read or parsed; the message names the file and the reason. */
export class CorpusFileError extends MoedebotError {
  constructor(
    code: ErrorCode.CorpusFileUnreadable | ErrorCode.CorpusFileUnparseable,
    readonly file: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(code, `${file}: ${reason}`, options);
    this.name = 'CorpusFileError';
  }
}

export class ManifestError extends MoedebotError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(ErrorCode.ManifestInvalid, message, options);
    this.name = 'ManifestError';
  }
}

/** The corpus folder itself cannot be listed; the message names the folder, the reason and CORPUS_DIR. */
export class CorpusFolderError extends MoedebotError {
  constructor(
    readonly folder: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(ErrorCode.CorpusFolderUnreadable, `The corpus folder ${folder} cannot be read (${reason}); set CORPUS_DIR to the folder with the agendas.`, options);
    this.name = 'CorpusFolderError';
  }
}

/**
 * Why fetching one address failed, in classes the fetcher acts on: whether to try again within
 * the pass (`server`, `network`, `timeout`, `cut-off`) or only at the next pass (the rest).
 */
export type FetchFailureKind =
  | 'http-status'
  | 'server'
  | 'network'
  | 'timeout'
  | 'cut-off'
  | 'tls'
  | 'too-large'
  | 'wrong-type'
  | 'off-host'
  | 'too-many-redirects'
  | 'aborted';

/** One address could not be fetched; `reason` says why in words for the fetch report. */
export class FetchError extends MoedebotError {
  /** What the server asked for in `Retry-After`, when it did. */
  readonly retryAfterMs: number | undefined;
  /** The HTTP status, when there was an answer. */
  readonly status: number | undefined;

  constructor(
    readonly url: string,
    readonly kind: FetchFailureKind,
    readonly reason: string,
    options?: { cause?: unknown; retryAfterMs?: number; status?: number },
  ) {
    super(ErrorCode.FetchFailed, `${url}: ${reason}`, options);
    this.name = 'FetchError';
    this.retryAfterMs = options?.retryAfterMs;
    this.status = options?.status;
  }
}
