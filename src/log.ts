import { pino, type Logger } from 'pino';
import { prettyFactory } from 'pino-pretty';
import { writeLogLine } from './logging/log-sink.js';
import { currentRequest } from './logging/request-context.js';
import { scrubSecrets } from './logging/secrets.js';

export type { Logger };

/** `pretty`: one readable line per entry, for people at a terminal; `json`: JSON lines, for log collectors. */
export type LogFormat = 'pretty' | 'json';

export interface LoggerOptions {
  /** Default: `pretty` when standard error is a terminal, else `json` (LOG_FORMAT). */
  format?: LogFormat;
  /** Where finished lines go; default standard error, around the terminal chat's prompt. */
  write?: (line: string) => void;
}

/** The format used when LOG_FORMAT is not set: readable for a person, JSON for a machine. */
export function defaultLogFormat(): LogFormat {
  return process.stderr.isTTY === true ? 'pretty' : 'json';
}

/** C0 and C1 controls (but newline and tab, which stack traces need) and bidirectional overrides. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Makes control characters in logged strings (a question, an SDK's message) visible instead of acted on by the terminal. */
function visible(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (depth > 8 || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((v) => visible(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, visible(v, depth + 1)]));
}

function prettyLines(colorize: boolean): (json: string) => string {
  const pretty = prettyFactory({ colorize, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', singleLine: false });
  return (json) => {
    try {
      return pretty(visible(JSON.parse(json)));
    } catch {
      return json;
    }
  };
}

/**
 * The logger: JSON lines or readable lines on stderr (stdout belongs to CLI output and the chat).
 * Every line carries the current request's `reqId` when there is one, and is scrubbed of secrets
 * (the configured values and anything token-shaped, see `./logging/secrets.ts`) after
 * serialization, so neither our fields nor an SDK's error can leak a token at any level.
 * Token-bearing fields are also redacted by name.
 *
 * @example
 * const logger = createLogger(config.logLevel, { format: config.logFormat });
 */
export function createLogger(level: string = 'info', options: LoggerOptions = {}): Logger {
  const format = options.format ?? defaultLogFormat();
  const write = options.write ?? writeLogLine;
  const render = format === 'pretty' ? prettyLines(options.write === undefined && process.stderr.isTTY === true) : (line: string) => line;
  return pino(
    {
      level,
      mixin: () => currentRequest() ?? {},
      redact: {
        paths: [
          '*.token',
          '*.botToken',
          '*.appToken',
          '*.signingSecret',
          '*.appPassword',
          '*.clientSecret',
          '*.password',
          '*.authorization',
          '*.Authorization',
          '*.headers.authorization',
          '*.headers.Authorization',
          'config.slack',
          'config.discord',
          'config.teams',
        ],
        censor: '[hidden]',
      },
    },
    { write: (line: string) => write(render(scrubSecrets(line))) },
  );
}
