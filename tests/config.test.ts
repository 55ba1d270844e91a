import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { ConfigError } from '../src/errors.js';

const SECRET = 'xoxb-very-secret-token-123';

function errorOf(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('runs with no settings at all: terminal chat on the bundled corpus', () => {
    const config = loadConfig({});
    expect(config.corpusDir).toBe('corpus');
    expect(config.slack).toBeUndefined();
    expect(config.discord).toBeUndefined();
    expect(config.teams).toBeUndefined();
    expect(config.digest).toMatchObject({ cron: '30 7 * * 1-5', timezone: 'Europe/Copenhagen', windowDays: 14 });
  });

  it('names the missing variable a platform needs, in one line', () => {
    const message = errorOf({ SLACK_BOT_TOKEN: SECRET, SLACK_APP_TOKEN: 'xapp-1' });
    expect(message).toContain('SLACK_SIGNING_SECRET');
    expect(message.split('\n')).toHaveLength(1);
    expect(errorOf({ SLACK_BOT_TOKEN: SECRET, SLACK_SIGNING_SECRET: 's' })).toContain('SLACK_APP_TOKEN');
    expect(errorOf({ DISCORD_TOKEN: 'abc' })).toContain('DISCORD_APPLICATION_ID');
    expect(errorOf({ TEAMS_APP_ID: 'id', TEAMS_APP_PASSWORD: 'p' })).toContain('TEAMS_TENANT_ID');
  });

  it('puts the state in a schema of its own when DATABASE_SCHEMA names one', () => {
    const url = 'postgres://bot:pw@db.example:5432/moedebot';
    expect(loadConfig({ DATABASE_URL: url, DATABASE_SCHEMA: 'kkr_bot' }).database).toMatchObject({ url, schema: 'kkr_bot' });
    expect(loadConfig({ DATABASE_URL: url }).database?.schema).toBeUndefined();
    expect(errorOf({ DATABASE_URL: url, DATABASE_SCHEMA: 'kkr-bot; DROP' })).toMatch(/^DATABASE_SCHEMA is malformed/);
  });

  it('names a malformed variable without echoing its value', () => {
    expect(errorOf({ PORT: 'eighty' })).toMatch(/^PORT is malformed/);
    expect(errorOf({ SLACK_MODE: 'carrier-pigeon' })).toContain('SLACK_MODE');
    expect(errorOf({ DIGEST_TIMEZONE: 'Mars/Olympus' })).toContain('DIGEST_TIMEZONE');
    const message = errorOf({ SLACK_BOT_TOKEN: 'not-a-bot-token-secret-999' });
    expect(message).toContain('SLACK_BOT_TOKEN');
    expect(message).not.toContain('secret-999');
    expect(errorOf({ DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: 'my-app-secret-42' })).not.toContain('secret-42');
  });

  it('refuses unauthenticated Teams requests in production', () => {
    expect(loadConfig({ TEAMS_ALLOW_UNAUTHENTICATED: 'true' }).teams?.allowUnauthenticated).toBe(true);
    expect(errorOf({ TEAMS_ALLOW_UNAUTHENTICATED: 'true', NODE_ENV: 'production' })).toContain('TEAMS_ALLOW_UNAUTHENTICATED');
  });

  it('reads channel lists and an HTTP-mode Slack without an app token', () => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: SECRET,
      SLACK_SIGNING_SECRET: 's',
      SLACK_MODE: 'http',
      PORT: '0',
      SLACK_API_URL: 'http://127.0.0.1:9/api',
      DIGEST_SLACK_CHANNELS: 'C1, C2,,',
    });
    expect(config.slack).toMatchObject({ mode: 'http', port: 0, apiUrl: 'http://127.0.0.1:9/api/' });
    expect(config.digest.slackChannels).toEqual(['C1', 'C2']);
  });

  it('keeps thread contexts 24 hours unless told otherwise, and switches threads off with THREADS=off or 0 hours', () => {
    expect(loadConfig({}).chat).toEqual({ threadContextHours: 24 });
    expect(loadConfig({ THREAD_CONTEXT_HOURS: '2.5' }).chat.threadContextHours).toBe(2.5);
    expect(loadConfig({ THREAD_CONTEXT_HOURS: '0' }).chat.threadContextHours).toBe(0);
    expect(loadConfig({ THREADS: 'off', THREAD_CONTEXT_HOURS: '48' }).chat.threadContextHours).toBe(0);
    expect(errorOf({ THREAD_CONTEXT_HOURS: 'a day' })).toMatch(/^THREAD_CONTEXT_HOURS is malformed/);
    expect(errorOf({ THREADS: 'maybe' })).toMatch(/^THREADS is malformed/);
  });

  it('takes a feedback key that is long enough, never echoing it', () => {
    expect(loadConfig({ FEEDBACK_SALT: 'a-long-random-feedback-key' }).chat.feedbackSalt).toBe('a-long-random-feedback-key');
    const message = errorOf({ FEEDBACK_SALT: 'short-salt' });
    expect(message).toMatch(/^FEEDBACK_SALT is malformed/);
    expect(message).not.toContain('short-salt');
  });

  it('reads Discord\'s private answers and thread follow-ups', () => {
    const config = loadConfig({ DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: '111111111111111111', DISCORD_RESPONSE: 'ephemeral', DISCORD_THREAD_FOLLOW_UPS: 'true' });
    expect(config.discord).toMatchObject({ response: 'ephemeral', threadFollowUps: true });
    expect(loadConfig({ DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: '111111111111111111' }).discord).toMatchObject({ response: 'in_channel', threadFollowUps: false });
  });

  it('keeps state in files unless DATABASE_URL names a PostgreSQL server, and never echoes the URL', () => {
    expect(loadConfig({}).database).toBeUndefined();
    expect(loadConfig({}).searchBackend).toBe('memory');
    const config = loadConfig({ DATABASE_URL: 'postgres://bot:pa55word-secret@db.example:5432/moedebot', DATABASE_POOL_MAX: '4', SEARCH_BACKEND: 'postgres' });
    expect(config.database).toEqual({ url: 'postgres://bot:pa55word-secret@db.example:5432/moedebot', poolMax: 4, statementTimeoutMs: 5000, connectSeconds: 60 });
    expect(config.searchBackend).toBe('postgres');
    const bad = errorOf({ DATABASE_URL: 'mysql://bot:pa55word-secret@db.example/moedebot' });
    expect(bad).toMatch(/^DATABASE_URL is malformed: must be a PostgreSQL connection URL/);
    expect(bad).not.toContain('pa55word');
    expect(errorOf({ DATABASE_URL: 'postgres://db/x', DATABASE_POOL_MAX: '0' })).toMatch(/^DATABASE_POOL_MAX is malformed/);
    expect(errorOf({ DATABASE_URL: 'postgres://db/x', DATABASE_STATEMENT_TIMEOUT_MS: '2.5' })).toMatch(/^DATABASE_STATEMENT_TIMEOUT_MS is malformed/);
    expect(errorOf({ SEARCH_BACKEND: 'postgres' })).toMatch(/^DATABASE_URL is not set; it is required when SEARCH_BACKEND=postgres/);
    expect(errorOf({ SEARCH_BACKEND: 'elastic' })).toMatch(/^SEARCH_BACKEND is malformed: must be one of memory, postgres/);
  });
});
