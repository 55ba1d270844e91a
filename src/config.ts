import { z } from 'zod';
import { ConfigError } from './errors.js';

/**
 * The environment, parsed and validated once at start-up. Every chat platform is optional: an
 * adapter runs when its token is set, and then its other required settings must be set too.
 * Messages name the variable and never echo its value, since many of them are secrets.
 */

/** Every hour from 07:00 to 18:00 on weekdays, when councils publish. */
export const DEFAULT_SOURCES_CRON = '0 7-18 * * 1-5';

const optionalString = z
  .string()
  .trim()
  .transform((s) => (s === '' ? undefined : s))
  .optional();

const bool = (fallback: boolean) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .optional()
    .transform((s, ctx) => {
      if (s === undefined || s === '') return fallback;
      if (['true', '1', 'yes', 'ja', 'on'].includes(s)) return true;
      if (['false', '0', 'no', 'nej', 'off'].includes(s)) return false;
      ctx.addIssue({ code: 'custom', message: 'must be true or false' });
      return z.NEVER;
    });

interface NumberRange {
  min: number;
  max: number;
  /** Only whole numbers. */
  whole?: boolean;
  /** `min` itself is refused: "above 0". */
  aboveMin?: boolean;
}

/** A number within `range`, or `fallback` when unset or empty. */
function numberIn<F extends number | undefined>(fallback: F, range: NumberRange, message: string) {
  return z
    .string()
    .trim()
    .optional()
    .transform((s, ctx): number | F => {
      if (s === undefined || s === '') return fallback;
      const n = Number(s);
      const inRange = Number.isFinite(n) && (range.aboveMin ? n > range.min : n >= range.min) && n <= range.max;
      if (!inRange || (range.whole === true && !Number.isInteger(n))) {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
      return n;
    });
}

/** A whole number in [min, max], or `fallback` when unset. */
const integer = (fallback: number, min: number, max: number, message: string) => numberIn(fallback, { min, max, whole: true }, message);
const port = (fallback: number) => integer(fallback, 0, 65535, 'must be a port number from 0 to 65535');
const positiveInt = (fallback: number) => integer(fallback, 1, Number.MAX_SAFE_INTEGER, 'must be a whole number above 0');
/** A port, or undefined when unset or empty. */
const optionalPort = numberIn(undefined, { min: 0, max: 65535, whole: true }, 'must be a port number from 0 to 65535');

const list = z
  .string()
  .optional()
  .transform((s) =>
    (s ?? '')
      .split(',')
      .map((x) => x.trim())
      .filter((x) => x !== ''),
  );

const httpUrl = z
  .string()
  .trim()
  .optional()
  .transform((s, ctx) => {
    if (s === undefined || s === '') return undefined;
    if (!/^https?:\/\/[^\s]+$/.test(s)) {
      ctx.addIssue({ code: 'custom', message: 'must be an http(s) URL' });
      return z.NEVER;
    }
    return s.endsWith('/') ? s : `${s}/`;
  });

/** A positive number, decimals allowed, at most `max`; `fallback` when unset. */
const positiveNumber = (fallback: number, max: number, message: string) => numberIn(fallback, { min: 0, max, aboveMin: true }, message);
/** A number from 0 to `max`, decimals allowed; `fallback` when unset. */
const positiveNumberOrZero = (fallback: number, max: number, message: string) => numberIn(fallback, { min: 0, max }, message);

/**
 * Comma-separated http(s) addresses, normalised (no `#fragment`) and without duplicates. A bad
 * entry is named by its position, not its text: an address may carry a token in its query.
 */
const sourceList = z
  .string()
  .optional()
  .transform((s, ctx) => {
    const entries = (s ?? '')
      .split(',')
      .map((x) => x.trim())
      .filter((x) => x !== '');
    const urls: string[] = [];
    for (const [i, entry] of entries.entries()) {
      let url: URL;
      try {
        url = new URL(entry);
      } catch {
        url = new URL('invalid:');
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        ctx.addIssue({ code: 'custom', message: `address ${i + 1} of ${entries.length} is not an http(s) URL` });
        return z.NEVER;
      }
      if (url.username !== '' || url.password !== '') {
        ctx.addIssue({ code: 'custom', message: `address ${i + 1} of ${entries.length} carries a user name or password; mødebot fetches public pages only` });
        return z.NEVER;
      }
      url.hash = '';
      if (!urls.includes(url.href)) urls.push(url.href);
    }
    return urls;
  });

/** Goes into the User-Agent header, so printable ASCII only; an e-mail address or a web page. */
const contact = z
  .string()
  .trim()
  .optional()
  .transform((s, ctx) => {
    if (s === undefined || s === '') return undefined;
    const email = /^[^\s@<>()";]+@[^\s@<>()";]+\.[a-z]{2,}$/i.test(s);
    const web = /^https?:\/\/[!-~]+$/.test(s);
    if (!/^[ -~]+$/.test(s) || (!email && !web)) {
      ctx.addIssue({ code: 'custom', message: 'must be an e-mail address or an http(s) URL in plain ASCII, where publishers can reach whoever runs the bot' });
      return z.NEVER;
    }
    return s;
  });

const EnvSchema = z.object({
  NODE_ENV: optionalString,
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .optional()
    .default('info'),
  LOG_FORMAT: z.enum(['pretty', 'json']).optional(),
  SHUTDOWN_GRACE_MS: integer(10_000, 0, 600_000, 'must be a whole number of milliseconds from 0 to 600000'),
  HEALTH_PORT: optionalPort,
  CORPUS_DIR: optionalString.default('corpus'),
  DATA_DIR: optionalString.default('data'),
  DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .transform((s, ctx) => {
      if (s === undefined || s === '') return undefined;
      let url: URL | undefined;
      try {
        url = new URL(s);
      } catch {
        url = undefined;
      }
      if (url === undefined || (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') || url.hostname === '') {
        ctx.addIssue({ code: 'custom', message: 'must be a PostgreSQL connection URL, postgres://user:password@host:5432/database' });
        return z.NEVER;
      }
      return s;
    }),
  DATABASE_POOL_MAX: integer(10, 1, 1000, 'must be a whole number of connections from 1 to 1000'),
  DATABASE_STATEMENT_TIMEOUT_MS: integer(5_000, 100, 3_600_000, 'must be a whole number of milliseconds from 100 to 3600000'),
  DATABASE_CONNECT_SECONDS: integer(60, 0, 3600, 'must be a whole number of seconds from 0 to 3600'),
  DATABASE_SCHEMA: optionalString.pipe(
    z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a schema name of lower-case letters, digits and _ (it must exist)')
      .optional(),
  ),
  SEARCH_BACKEND: z.enum(['memory', 'postgres']).optional().default('memory'),
  THREADS: bool(true),
  THREAD_CONTEXT_HOURS: positiveNumberOrZero(24, 24 * 365, 'must be a number of hours from 0 (off) to 8760'),
  FEEDBACK_SALT: z
    .string()
    .trim()
    .optional()
    .transform((s, ctx) => {
      if (s === undefined || s === '') return undefined;
      if (s.length < 16) {
        ctx.addIssue({ code: 'custom', message: 'must be at least 16 characters (a random string; leave it unset to have one generated in DATA_DIR)' });
        return z.NEVER;
      }
      return s;
    }),

  SLACK_BOT_TOKEN: optionalString,
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: optionalString,
  SLACK_MODE: z.enum(['socket', 'http']).optional().default('socket'),
  PORT: port(3000),
  SLACK_API_URL: httpUrl,
  SLACK_COMMAND: z
    .string()
    .trim()
    .regex(/^\/[a-zæøå0-9_-]{1,31}$/, 'must be a slash command such as /dagsorden')
    .optional()
    .default('/dagsorden'),
  SLACK_RESPONSE: z.enum(['in_channel', 'ephemeral']).optional().default('in_channel'),
  SLACK_CASE_NUMBER_REPLIES: bool(false),

  DISCORD_TOKEN: optionalString,
  DISCORD_APPLICATION_ID: z
    .string()
    .trim()
    .regex(/^\d{15,22}$/, 'must be the numeric application id')
    .optional(),
  DISCORD_GUILD_ID: z
    .string()
    .trim()
    .regex(/^\d{15,22}$/, 'must be a numeric server (guild) id')
    .optional(),
  DISCORD_CASE_NUMBER_REPLIES: bool(false),
  DISCORD_RESPONSE: z.enum(['in_channel', 'ephemeral']).optional().default('in_channel'),
  DISCORD_THREAD_FOLLOW_UPS: bool(false),
  DISCORD_API_URL: httpUrl,

  TEAMS_APP_ID: optionalString,
  TEAMS_APP_PASSWORD: optionalString,
  TEAMS_TENANT_ID: optionalString,
  TEAMS_PORT: port(3978),
  TEAMS_ALLOW_UNAUTHENTICATED: bool(false),

  DIGEST_CRON: optionalString.default('30 7 * * 1-5'),
  DIGEST_TIMEZONE: optionalString.default('Europe/Copenhagen'),
  DIGEST_WINDOW_DAYS: positiveInt(14),
  DIGEST_SLACK_CHANNELS: list,
  DIGEST_DISCORD_CHANNELS: list,
  DIGEST_TEAMS_CONVERSATIONS: list,

  SOURCES: sourceList,
  SOURCES_CONTACT: contact,
  SOURCES_CRON: optionalString.default(DEFAULT_SOURCES_CRON),
  SOURCES_TIMEZONE: optionalString.default('Europe/Copenhagen'),
  SOURCES_MAX_MB: positiveNumber(50, 4096, 'must be a number of megabytes above 0 (at most 4096)'),
  SOURCES_TIMEOUT_SECONDS: positiveNumber(60, 3600, 'must be a number of seconds above 0 (at most 3600)'),
});

export interface SlackConfig {
  botToken: string;
  signingSecret: string;
  appToken?: string;
  mode: 'socket' | 'http';
  port: number;
  apiUrl?: string;
  command: string;
  response: 'in_channel' | 'ephemeral';
  caseNumberReplies: boolean;
}

export interface DiscordConfig {
  token: string;
  applicationId: string;
  guildId?: string;
  caseNumberReplies: boolean;
  /** DISCORD_RESPONSE: `ephemeral` answers `/dagsorden` only to the asker, with "Del i kanalen" (default `in_channel`). */
  response?: 'in_channel' | 'ephemeral';
  /**
   * DISCORD_THREAD_FOLLOW_UPS: a mention in a channel is answered in a new thread, and messages in
   * a thread the bot answered in are follow-ups without a mention (needs the Message Content intent).
   */
  threadFollowUps?: boolean;
  /** Base URL of Discord's REST API without the version, e.g. `http://127.0.0.1:4000/api` (a proxy, tests); default Discord's. */
  apiUrl?: string;
}

export interface TeamsConfig {
  /** Absent only in explicit local-development mode. */
  appId?: string;
  appPassword?: string;
  tenantId?: string;
  port: number;
  allowUnauthenticated: boolean;
}

/** The chat around the answers: thread follow-ups and feedback. */
export interface ChatConfig {
  /**
   * How long a thread's context lasts after the bot's last answer in it, in hours
   * (THREAD_CONTEXT_HOURS, default 24); 0 when threads are off (THREADS=off or THREAD_CONTEXT_HOURS=0).
   */
  threadContextHours: number;
  /** FEEDBACK_SALT: the key of the user hashes; absent: generated once in DATA_DIR. */
  feedbackSalt?: string;
}

export interface DigestConfig {
  cron: string;
  timezone: string;
  windowDays: number;
  slackChannels: string[];
  discordChannels: string[];
  teamsConversations: string[];
}

/** Where and how meeting material is fetched; present when `SOURCES` is set. */
export interface SourcesConfig {
  /** Listing pages or single documents, as absolute http(s) URLs without fragments. */
  urls: string[];
  /** Named in the User-Agent of every request. */
  contact: string;
  /** When the running bot fetches; default {@link DEFAULT_SOURCES_CRON}. */
  cron: string;
  timezone: string;
  /** Largest document accepted, in bytes (`SOURCES_MAX_MB`, default 50 MB). */
  maxBytes: number;
  /** Per request, body included (`SOURCES_TIMEOUT_SECONDS`, default 60). */
  timeoutMs: number;
}

/** Where shared state (and, with SEARCH_BACKEND=postgres, search) lives; present when DATABASE_URL is set. */
export interface DatabaseConfig {
  url: string;
  poolMax: number;
  statementTimeoutMs: number;
  /** How long start-up waits for an unreachable server before giving up. */
  connectSeconds: number;
  /** DATABASE_SCHEMA: the (existing) schema mødebot's tables live in; default the server's search_path. */
  schema?: string;
}

export interface Config {
  production: boolean;
  database?: DatabaseConfig;
  /** `memory`: the in-process index (default); `postgres`: items and passages searched in the database. */
  searchBackend: 'memory' | 'postgres';
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** LOG_FORMAT; when unset the logger picks `pretty` on a terminal and `json` otherwise. */
  logFormat?: 'pretty' | 'json';
  /** SHUTDOWN_GRACE_MS: how long answers in flight may take to finish after SIGTERM (default 10 s). */
  shutdownGraceMs: number;
  /** HEALTH_PORT: a port serving only `GET /healthz`, for deployments without an HTTP platform. */
  healthPort?: number;
  corpusDir: string;
  dataDir: string;
  chat: ChatConfig;
  slack?: SlackConfig;
  discord?: DiscordConfig;
  teams?: TeamsConfig;
  digest: DigestConfig;
  sources?: SourcesConfig;
}

/** The variables whose values are secrets: scrubbed from every log line (see `registerSecrets`). */
export const SECRET_VARIABLES = ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'DISCORD_TOKEN', 'TEAMS_APP_PASSWORD', 'FEEDBACK_SALT', 'DATABASE_URL'] as const;

function need(value: string | undefined, name: string, why: string): string {
  if (value === undefined) throw new ConfigError(`${name} is not set; it is required ${why}.`);
  return value;
}

/**
 * Parses and checks the environment.
 * @throws ConfigError with one line naming the first variable that is missing or malformed.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? 'environment');
    // zod's own enum/regex messages can quote the received value; ours never do, so build the
    // line from the variable name and the expectation only.
    const expected =
      issue.code === 'invalid_value' && 'values' in issue
        ? `must be one of ${(issue.values as unknown[]).map(String).join(', ')}`
        : issue.message;
    throw new ConfigError(`${name} is malformed: ${expected}.`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';

  let slack: SlackConfig | undefined;
  if (e.SLACK_BOT_TOKEN !== undefined) {
    if (!e.SLACK_BOT_TOKEN.startsWith('xoxb-')) {
      throw new ConfigError('SLACK_BOT_TOKEN is malformed: a bot token starts with xoxb-.');
    }
    const signingSecret = need(e.SLACK_SIGNING_SECRET, 'SLACK_SIGNING_SECRET', 'when SLACK_BOT_TOKEN is set (Basic Information → App Credentials)');
    let appToken: string | undefined;
    if (e.SLACK_MODE === 'socket') {
      appToken = need(e.SLACK_APP_TOKEN, 'SLACK_APP_TOKEN', 'in Socket Mode (SLACK_MODE=socket, the default); make one with the connections:write scope, or set SLACK_MODE=http');
      if (!appToken.startsWith('xapp-')) {
        throw new ConfigError('SLACK_APP_TOKEN is malformed: an app-level token starts with xapp-.');
      }
    }
    slack = {
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret,
      ...(appToken !== undefined ? { appToken } : {}),
      mode: e.SLACK_MODE,
      port: e.PORT,
      ...(e.SLACK_API_URL !== undefined ? { apiUrl: e.SLACK_API_URL } : {}),
      command: e.SLACK_COMMAND,
      response: e.SLACK_RESPONSE,
      caseNumberReplies: e.SLACK_CASE_NUMBER_REPLIES,
    };
  }

  let discord: DiscordConfig | undefined;
  if (e.DISCORD_TOKEN !== undefined) {
    const applicationId = need(e.DISCORD_APPLICATION_ID, 'DISCORD_APPLICATION_ID', 'when DISCORD_TOKEN is set (Developer Portal → General Information)');
    discord = {
      token: e.DISCORD_TOKEN,
      applicationId,
      ...(e.DISCORD_GUILD_ID !== undefined ? { guildId: e.DISCORD_GUILD_ID } : {}),
      caseNumberReplies: e.DISCORD_CASE_NUMBER_REPLIES,
      response: e.DISCORD_RESPONSE,
      threadFollowUps: e.DISCORD_THREAD_FOLLOW_UPS,
      ...(e.DISCORD_API_URL !== undefined ? { apiUrl: e.DISCORD_API_URL.replace(/\/+$/, '') } : {}),
    };
  }

  let teams: TeamsConfig | undefined;
  if (e.TEAMS_APP_ID !== undefined) {
    const appPassword = need(e.TEAMS_APP_PASSWORD, 'TEAMS_APP_PASSWORD', 'when TEAMS_APP_ID is set (the client secret of the bot\'s app registration)');
    const tenantId = need(e.TEAMS_TENANT_ID, 'TEAMS_TENANT_ID', 'when TEAMS_APP_ID is set (the directory id of the bot\'s app registration)');
    teams = { appId: e.TEAMS_APP_ID, appPassword, tenantId, port: e.TEAMS_PORT, allowUnauthenticated: false };
  } else if (e.TEAMS_ALLOW_UNAUTHENTICATED) {
    if (production) {
      throw new ConfigError('TEAMS_ALLOW_UNAUTHENTICATED is refused when NODE_ENV=production; set TEAMS_APP_ID, TEAMS_APP_PASSWORD and TEAMS_TENANT_ID.');
    }
    teams = { port: e.TEAMS_PORT, allowUnauthenticated: true };
  }

  const digest: DigestConfig = {
    cron: e.DIGEST_CRON,
    timezone: e.DIGEST_TIMEZONE,
    windowDays: e.DIGEST_WINDOW_DAYS,
    slackChannels: e.DIGEST_SLACK_CHANNELS,
    discordChannels: e.DIGEST_DISCORD_CHANNELS,
    teamsConversations: e.DIGEST_TEAMS_CONVERSATIONS,
  };
  try {
    Intl.DateTimeFormat('en', { timeZone: digest.timezone });
  } catch {
    throw new ConfigError('DIGEST_TIMEZONE is malformed: must be an IANA time zone such as Europe/Copenhagen.');
  }

  let sources: SourcesConfig | undefined;
  if (e.SOURCES.length > 0) {
    const contactOf = need(e.SOURCES_CONTACT, 'SOURCES_CONTACT', 'when SOURCES is set: an e-mail address or web page, sent with every request so publishers can reach whoever runs the bot');
    sources = {
      urls: e.SOURCES,
      contact: contactOf,
      cron: e.SOURCES_CRON,
      timezone: e.SOURCES_TIMEZONE,
      maxBytes: Math.round(e.SOURCES_MAX_MB * 1024 * 1024),
      timeoutMs: Math.round(e.SOURCES_TIMEOUT_SECONDS * 1000),
    };
    try {
      Intl.DateTimeFormat('en', { timeZone: sources.timezone });
    } catch {
      throw new ConfigError('SOURCES_TIMEZONE is malformed: must be an IANA time zone such as Europe/Copenhagen.');
    }
  }

  if (e.SEARCH_BACKEND === 'postgres' && e.DATABASE_URL === undefined) {
    throw new ConfigError('DATABASE_URL is not set; it is required when SEARCH_BACKEND=postgres (postgres://user:password@host:5432/database).');
  }
  const database: DatabaseConfig | undefined =
    e.DATABASE_URL === undefined
      ? undefined
      : {
          url: e.DATABASE_URL,
          poolMax: e.DATABASE_POOL_MAX,
          statementTimeoutMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
          connectSeconds: e.DATABASE_CONNECT_SECONDS,
          ...(e.DATABASE_SCHEMA !== undefined ? { schema: e.DATABASE_SCHEMA } : {}),
        };

  return {
    production,
    ...(database ? { database } : {}),
    searchBackend: e.SEARCH_BACKEND,
    logLevel: e.LOG_LEVEL,
    ...(e.LOG_FORMAT !== undefined ? { logFormat: e.LOG_FORMAT } : {}),
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    ...(e.HEALTH_PORT !== undefined ? { healthPort: e.HEALTH_PORT } : {}),
    corpusDir: e.CORPUS_DIR,
    dataDir: e.DATA_DIR,
    chat: {
      threadContextHours: e.THREADS ? e.THREAD_CONTEXT_HOURS : 0,
      ...(e.FEEDBACK_SALT !== undefined ? { feedbackSalt: e.FEEDBACK_SALT } : {}),
    },
    ...(slack ? { slack } : {}),
    ...(discord ? { discord } : {}),
    ...(teams ? { teams } : {}),
    digest,
    ...(sources ? { sources } : {}),
  };
}
