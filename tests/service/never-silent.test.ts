import { describe, expect, it } from 'vitest';
import { failureText } from '../../src/answer/texts.js';
import { createLogger } from '../../src/log.js';
import { logFailure, newErrorId, tellFailure } from '../../src/service/failure.js';
import { rateLimitWait, withRetryAfter } from '../../src/service/retry-after.js';
import { noticeWhenSlow } from '../../src/service/slow-notice.js';

describe('error ids', () => {
  it('are six characters that cannot be misread, different each time', () => {
    const ids = new Set(Array.from({ length: 200 }, () => newErrorId()));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
  });

  it('go into the log line of the failure and into the sentence the user is told', async () => {
    const lines: string[] = [];
    const log = createLogger('info', { format: 'json', write: (l) => lines.push(l) });
    const failure = logFailure(log, new Error('boom'), 'slash command');
    expect(failure.text).toBe(failureText(failure.errorId));
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 50, errorId: failure.errorId, err: { message: 'boom' }, msg: `slash command failed (error id ${failure.errorId})` });

    const told: string[] = [];
    const ok = await tellFailure(log, failure, [() => Promise.reject(new Error('invalid_blocks')), async () => told.push(failure.text)]);
    expect(ok).toBe(true);
    expect(told).toEqual([failure.text]);
    expect(await tellFailure(log, failure, [() => Promise.reject(new Error('gone'))])).toBe(false);
    expect(lines.map((l) => JSON.parse(l).msg)).toContain('the user could not be told about the failure');
  });
});

describe('rate limits', () => {
  it('read Retry-After in seconds or as a date, from axios-style and fetch-style errors', () => {
    expect(rateLimitWait({ response: { status: 429, headers: { 'retry-after': '2' } } })).toBe(2000);
    expect(rateLimitWait({ status: 429, response: { status: 429, headers: new Headers({ 'retry-after': '1.5' }) } })).toBe(1500);
    expect(rateLimitWait({ response: { status: 429, headers: {} } }, 700)).toBe(700);
    expect(rateLimitWait({ response: { status: 500, headers: { 'retry-after': '2' } } })).toBeUndefined();
    expect(rateLimitWait(new Error('network'))).toBeUndefined();
  });

  it('retry a refused call after the wait, and give up on other failures and on waits too long', async () => {
    let calls = 0;
    const limited = Object.assign(new Error('429'), { response: { status: 429, headers: { 'retry-after': '0' } } });
    expect(await withRetryAfter(async () => (++calls < 3 ? Promise.reject(limited) : 'sent'))).toBe('sent');
    expect(calls).toBe(3);
    await expect(withRetryAfter(() => Promise.reject(limited), { attempts: 2 })).rejects.toBe(limited);
    const long = Object.assign(new Error('429'), { response: { status: 429, headers: { 'retry-after': '3600' } } });
    await expect(withRetryAfter(() => Promise.reject(long))).rejects.toBe(long);
    const other = new Error('channel_not_found');
    await expect(withRetryAfter(() => Promise.reject(other))).rejects.toBe(other);
  });
});

describe('a slow answer', () => {
  it('is announced when it is not ready in time, and not when it is', async () => {
    const log = createLogger('silent');
    const announced = await new Promise<string>((resolve) => {
      noticeWhenSlow(async () => resolve('announced'), log, 5);
    });
    expect(announced).toBe('announced');

    let early = false;
    const quick = noticeWhenSlow(async () => {
      early = true;
    }, log, 5);
    quick.done();
    // A later notice with the same delay is announced, so the first one's turn has come and gone.
    await new Promise<void>((resolve) => noticeWhenSlow(async () => resolve(), log, 5));
    expect(early).toBe(false);
  });
});
