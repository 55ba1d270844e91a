import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { ConfigError } from '../../src/errors.js';

function errorOf(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

const KL = 'https://www.kl.dk/politik/kkr/kkr-hovedstaden/moedemateriale';

describe('SOURCES settings', () => {
  it('fetch nothing when SOURCES is unset', () => {
    expect(loadConfig({}).sources).toBeUndefined();
  });

  it('read the addresses and apply the defaults: hourly 07-18 on weekdays, Copenhagen, 50 MB, 60 s', () => {
    const config = loadConfig({ SOURCES: ` ${KL}#indhold, https://www.kl.dk/media/a.pdf,${KL}`, SOURCES_CONTACT: 'it@eksempel.dk' });
    expect(config.sources).toEqual({
      urls: [KL, 'https://www.kl.dk/media/a.pdf'],
      contact: 'it@eksempel.dk',
      cron: '0 7-18 * * 1-5',
      timezone: 'Europe/Copenhagen',
      maxBytes: 50 * 1024 * 1024,
      timeoutMs: 60_000,
    });
    expect(loadConfig({ SOURCES: KL, SOURCES_CONTACT: 'https://eksempel.dk/moedebot', SOURCES_MAX_MB: '0.5', SOURCES_TIMEOUT_SECONDS: '2.5' }).sources).toMatchObject({ maxBytes: 524288, timeoutMs: 2500 });
  });

  it('need a contact, since every request names it', () => {
    expect(errorOf({ SOURCES: KL })).toMatch(/^SOURCES_CONTACT is not set; it is required when SOURCES is set/);
    expect(errorOf({ SOURCES: KL, SOURCES_CONTACT: 'ring til Jens' })).toMatch(/^SOURCES_CONTACT is malformed/);
    expect(errorOf({ SOURCES: KL, SOURCES_CONTACT: 'it@eksempel.dk\r\nX-Injected: 1' })).toMatch(/^SOURCES_CONTACT is malformed/);
  });

  it('name a malformed setting in one line, never its value', () => {
    const bad = errorOf({ SOURCES: `${KL}, ftp://secret-token-42.example/x`, SOURCES_CONTACT: 'it@eksempel.dk' });
    expect(bad).toBe('SOURCES is malformed: address 2 of 2 is not an http(s) URL.');
    const credentials = errorOf({ SOURCES: 'https://user:hunter2@www.kl.dk/x', SOURCES_CONTACT: 'it@eksempel.dk' });
    expect(credentials).toMatch(/^SOURCES is malformed: address 1 of 1 carries a user name or password/);
    expect(credentials).not.toContain('hunter2');
    expect(errorOf({ SOURCES: KL, SOURCES_CONTACT: 'it@eksempel.dk', SOURCES_MAX_MB: 'lots' })).toBe('SOURCES_MAX_MB is malformed: must be a number of megabytes above 0 (at most 4096).');
    expect(errorOf({ SOURCES: KL, SOURCES_CONTACT: 'it@eksempel.dk', SOURCES_TIMEOUT_SECONDS: '0' })).toMatch(/^SOURCES_TIMEOUT_SECONDS is malformed/);
    expect(errorOf({ SOURCES: KL, SOURCES_CONTACT: 'it@eksempel.dk', SOURCES_TIMEZONE: 'Mars/Olympus' })).toMatch(/^SOURCES_TIMEZONE is malformed/);
    expect(bad.split('\n')).toHaveLength(1);
  });
});
