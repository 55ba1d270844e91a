import { PassThrough } from 'node:stream';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTerminalChat } from '../../src/adapters/terminal/chat.js';
import { openEngine } from '../../src/answer/engine.js';
import type { AnswerEngine } from '../../src/answer/types.js';
import { loadConfig } from '../../src/config.js';
import { createLogger, defaultLogFormat } from '../../src/log.js';
import { writeLogLine } from '../../src/logging/log-sink.js';
import { registerSecrets, scrubSecrets } from '../../src/logging/secrets.js';
import { Requests } from '../../src/service/requests.js';
import { tempDir } from '../helpers/temp-dir.js';

function capture(format: 'pretty' | 'json', level = 'info') {
  const lines: string[] = [];
  return { lines, logger: createLogger(level, { format, write: (l) => void lines.push(l) }) };
}

describe('log format', () => {
  it('is JSON lines when standard error is not a terminal, unless LOG_FORMAT says otherwise', () => {
    expect(process.stderr.isTTY ? 'pretty' : 'json').toBe(defaultLogFormat());
    expect(loadConfig({ LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty');
    expect(loadConfig({}).logFormat).toBeUndefined();
    expect(() => loadConfig({ LOG_FORMAT: 'xml' })).toThrow('LOG_FORMAT is malformed: must be one of pretty, json.');
  });

  it('writes one JSON object per line, or one readable entry with control characters made visible', () => {
    const json = capture('json');
    json.logger.info({ question: 'fysio\u001b[2J' }, 'asked');
    const entry = JSON.parse(json.lines[0]!);
    expect(entry).toMatchObject({ level: 30, msg: 'asked', question: 'fysio\u001b[2J' });

    const pretty = capture('pretty');
    pretty.logger.warn({ question: 'fysio\u001b[2J\u202e' }, 'asked');
    expect(pretty.lines[0]).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] WARN: asked\n {4}question: "fysio\\u001b\[2J\\u202e"\n$/);
    expect(pretty.lines[0]).not.toMatch(/[\u001b\u202e]/);
  });
});

describe('secrets in log lines', () => {
  it('are hidden in every spelling, and token-shaped strings are hidden even when not configured', () => {
    const secret = 'pa"ss word/ÆØÅ+1';
    registerSecrets([secret, undefined, '']);
    const { lines, logger } = capture('json', 'debug');
    logger.debug({ err: new Error(`refused ${secret}`), url: `https://x.example/?p=${encodeURIComponent(secret)}`, form: new URLSearchParams({ client_secret: secret }).toString() }, 'debug');
    logger.error({ header: 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.abcdefghijklmnop', other: 'xoxb-123-456-abcdef and xapp-1-A1-2-abcdef' }, 'tokens');
    const out = lines.join('');
    expect(out).not.toContain(secret);
    expect(out).not.toContain(JSON.stringify(secret).slice(1, -1));
    expect(out).not.toContain(encodeURIComponent(secret));
    expect(out).not.toContain(new URLSearchParams({ v: secret }).toString().slice(2));
    expect(out).not.toMatch(/xoxb-123|xapp-1-A1|eyJhbGci/);
    expect(scrubSecrets('Bearer eyJhbGciOiJIUzI1NiJ9.e30.abcdefghijklmnop')).toBe('Bearer [hidden]');
  });
});

describe('requests', () => {
  it('are logged once each, with a correlation id that every line logged while handling them carries', async () => {
    const { lines, logger } = capture('json');
    const requests = new Requests(logger);
    await Promise.all([
      requests.handle({ platform: 'slack', kind: 'slash_command' }, async () => {
        logger.info('inside a');
        await new Promise((resolve) => setTimeout(resolve, 10));
        logger.info('later inside a');
      }),
      requests.handle({ platform: 'teams', kind: 'activity' }, () => logger.info('inside b')),
    ]);
    const entries = lines.map((l) => JSON.parse(l));
    const summaries = entries.filter((e) => e.msg === 'request');
    expect(summaries).toHaveLength(2);
    const a = summaries.find((e) => e.platform === 'slack')!;
    expect(a).toMatchObject({ kind: 'slash_command', outcome: 'ok', ms: expect.any(Number), reqId: expect.any(String) });
    expect(entries.filter((e) => e.reqId === a.reqId).map((e) => e.msg)).toEqual(['inside a', 'later inside a', 'request']);
    expect(entries.find((e) => e.msg === 'inside b').reqId).not.toBe(a.reqId);
    logger.info('outside');
    expect(JSON.parse(lines.at(-1)!).reqId).toBeUndefined();
  });
});

describe('logs and the terminal chat', () => {
  let engine: AnswerEngine;
  let stop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    engine = await openEngine({ corpusDir: 'corpus', dataDir: tempDir() });
  });
  afterEach(async () => {
    await stop?.();
  });

  it('clears the prompt line before a log line and draws the prompt and what was typed again after it', async () => {
    const terminal = Object.assign(new PassThrough(), { isTTY: true, columns: 80 });
    const input = new PassThrough();
    let screen = '';
    terminal.on('data', (d: Buffer) => (screen += d.toString()));
    const chat = startTerminalChat(engine, { input, output: terminal, interactive: true, sharesTerminalWithLogs: true });
    stop = () => chat.stop();
    input.write('fysio');
    await new Promise((resolve) => setImmediate(resolve));
    const logger = createLogger('info', { format: 'json', write: (line) => writeLogLine(line, terminal) });
    logger.info('corpus changed; index rebuilt');
    await new Promise((resolve) => setImmediate(resolve));
    const at = screen.indexOf('{"level":30');
    expect(at).toBeGreaterThan(0);
    // Before the line: back to the first column and the prompt line erased.
    expect(screen.slice(0, at)).toMatch(/\u001b\[1G\u001b\[2K$/);
    // After it: the prompt with the half-typed question, nothing written over it.
    expect(screen.slice(at)).toMatch(/"msg":"corpus changed; index rebuilt"\}\n(?:\u001b\[[0-9;]*[A-Za-z]|\r)*du> fysio/);
  });
});
