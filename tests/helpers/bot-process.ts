import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import path from 'node:path';
import { TEST_SIGNING_SECRET } from '../stand-ins/slack-requests.js';

/**
 * The bot (or a CLI) as a real process: its output collected, lines waited for, its exit awaited.
 * The environment is built from scratch and `.env` is not read, so whatever a developer's `.env`
 * or shell holds (chat tokens) cannot leak into a test.
 */

export const TSX_NODE_ARGS = ['--import', 'tsx'];

export interface BotProcess {
  child: ChildProcess;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  exited: Promise<number | string>;
  out(): string;
  err(): string;
  /** Every JSON log line printed on stderr so far, parsed. */
  logs(): Array<Record<string, any>>;
  /** Resolves once `pattern` appears in stdout or stderr; rejects if the process ends first. */
  waitFor(pattern: RegExp, stream?: 'out' | 'err'): Promise<RegExpMatchArray>;
  /** The first log line with `msg`, waiting for it. */
  waitForLog(msg: string): Promise<Record<string, any>>;
}

export interface BotProcessOptions {
  env?: Record<string, string | undefined>;
  stdin?: 'pipe' | 'ignore' | number;
  /** Default the repository root. */
  cwd?: string;
}

/** A minimal environment: PATH and HOME, JSON logs, plus `extra`. */
export function botEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    // A developer's .env (chat tokens) must not reach the test.
    DOTENV_CONFIG_PATH: '/dev/null',
    LOG_FORMAT: 'json',
    CORPUS_DIR: path.resolve('corpus'),
  };
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) env[k] = v;
  return env;
}

export function startProcess(command: string, args: string[], options: BotProcessOptions = {}): BotProcess {
  const stdio: StdioOptions = [options.stdin ?? 'pipe', 'pipe', 'pipe'];
  const child = spawn(command, args, { env: botEnv(options.env), stdio, cwd: options.cwd ?? process.cwd() });
  let stdout = '';
  let stderr = '';
  const listeners = new Set<() => void>();
  const changed = () => listeners.forEach((l) => l());
  child.stdout!.on('data', (d: Buffer) => {
    stdout += d.toString();
    changed();
  });
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
    changed();
  });
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  void exited.then(changed);
  const logs = () =>
    stderr
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .flatMap((l) => {
        try {
          return [JSON.parse(l) as Record<string, any>];
        } catch {
          return [];
        }
      });
  const until = <T>(check: () => T | undefined, what: string): Promise<T> =>
    new Promise((resolve, reject) => {
      const test = () => {
        const found = check();
        if (found !== undefined) {
          listeners.delete(test);
          resolve(found);
        } else if (child.exitCode !== null || child.signalCode !== null) {
          listeners.delete(test);
          reject(new Error(`process ended before ${what}; stderr:\n${stderr}\nstdout:\n${stdout}`));
        }
      };
      listeners.add(test);
      test();
    });
  return {
    child,
    exited,
    out: () => stdout,
    err: () => stderr,
    logs,
    waitFor: (pattern, stream) => until(() => (stream === 'out' ? stdout : stream === 'err' ? stderr : `${stdout}\n${stderr}`).match(pattern) ?? undefined, String(pattern)),
    waitForLog: (msg) => until(() => logs().find((l) => l.msg === msg), `log "${msg}"`),
  };
}

/** The bot from source, as `npm start` runs it. */
export function startBot(options: BotProcessOptions = {}): BotProcess {
  return startProcess(process.execPath, [...TSX_NODE_ARGS, 'src/cli/start.ts'], options);
}

/** Whether a process with this id still exists. */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Resolves once process `pid` is gone (polling: it may not be our child). */
export async function gone(pid: number): Promise<void> {
  while (isRunning(pid)) await new Promise((resolve) => setTimeout(resolve, 100));
}

/** The settings of a Slack bot over HTTP on a free port, calling the Web API stand-in at `apiUrl`. */
export function slackHttpEnv(apiUrl: string, token = 'xoxb-process-test-token'): Record<string, string> {
  return { SLACK_BOT_TOKEN: token, SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_MODE: 'http', PORT: '0', SLACK_API_URL: apiUrl };
}
