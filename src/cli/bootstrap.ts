import { config as loadDotenv } from 'dotenv';
import { loadConfig, SECRET_VARIABLES, type Config } from '../config.js';
import { ConfigError, MoedebotError } from '../errors.js';
import { registerSecrets, scrubSecrets } from '../logging/secrets.js';

/**
 * Start-up shared by every command: `.env` into the environment, the secrets registered for
 * scrubbing from every log line, then the validated config. A bad setting ends the program with
 * one line naming the variable (never its value).
 */
export function bootstrap(): Config {
  // DOTENV_CONFIG_PATH (dotenv's own convention) points elsewhere, e.g. /dev/null in tests.
  loadDotenv({ quiet: true, ...(process.env.DOTENV_CONFIG_PATH ? { path: process.env.DOTENV_CONFIG_PATH } : {}) });
  registerSecrets(SECRET_VARIABLES.map((name) => process.env[name]?.trim()));
  // A driver's error may quote the password on its own, without the rest of the URL.
  registerSecrets([databasePassword(process.env.DATABASE_URL)]);
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(`Configuration error: ${error.message}`);
    throw error;
  }
}

function databasePassword(url: string | undefined): string | undefined {
  try {
    return url ? decodeURIComponent(new URL(url.trim()).password) || undefined : undefined;
  } catch {
    return undefined;
  }
}

/** Prints one line to stderr (scrubbed of secrets) and exits with status 1. */
export function fail(message: string): never {
  process.stderr.write(`${scrubSecrets(message)}\n`);
  process.exit(1);
}

/** Resolves once what was written to standard output has been handed to the system. */
export function flushStdout(): Promise<void> {
  return new Promise((resolve) => {
    if (process.stdout.writableLength === 0) resolve();
    else process.stdout.write('', () => resolve());
  });
}

/**
 * Runs a CLI main function; expected errors become one clear line, unexpected ones a stack (both
 * scrubbed of secrets). A reader that goes away (`… | head -1`) ends the program quietly.
 */
export function runMain(main: () => Promise<void>): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  main().catch((error: unknown) => {
    if (error instanceof MoedebotError) fail(error.message);
    process.stderr.write(`${scrubSecrets(error instanceof Error ? (error.stack ?? error.message) : String(error))}\n`);
    process.exit(1);
  });
}

/** Splits argv into flags (`--json`, `--date 2024-06-10`) and positional words. */
export function parseArgs(argv: readonly string[], valued: readonly string[] = []): { flags: Map<string, string | true>; rest: string[] } {
  const flags = new Map<string, string | true>();
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
      if (inline !== undefined) flags.set(name, inline);
      else if (valued.includes(name)) {
        const value = argv[i + 1];
        if (value === undefined) fail(`--${name} needs a value`);
        flags.set(name, value);
        i++;
      } else flags.set(name, true);
    } else rest.push(arg);
  }
  return { flags, rest };
}
