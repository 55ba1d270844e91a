import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { ConfigError } from '../errors.js';
import { openClient, openDatabase, type Database } from '../db/database.js';
import { PostgresEngine } from './postgres-engine.js';
import { openEngine } from './engine.js';
import type { AnswerEngine, ReloadReport } from './types.js';

/**
 * The answer engine the settings ask for: the in-process index (SEARCH_BACKEND=memory, the
 * default) or the search tables in PostgreSQL (SEARCH_BACKEND=postgres, with DATABASE_URL), the
 * corpus folder synced into them at open. One door for `npm start`, `ask`, `eval` and `digest`.
 */
export interface OpenedEngine {
  engine: AnswerEngine & { report: ReloadReport };
  backend: Config['searchBackend'];
  /** The database the engine searches, when it searches one (for /healthz). */
  database?: Database;
  /** Ends the database connections, if any. */
  close(): Promise<void>;
}

export interface OpenAnswerEngineOptions {
  /** Overrides SEARCH_BACKEND (`--backend postgres`). */
  backend?: Config['searchBackend'];
  logger?: Logger;
  /** A database opened already (the bot's shared state): searched through its pool, and left open by `close`. */
  database?: Database;
}

/** `--backend memory|postgres` of a command line, checked. */
export function backendFlag(value: string | true | undefined): Config['searchBackend'] | undefined {
  if (value === undefined) return undefined;
  if (value === 'memory' || value === 'postgres') return value;
  throw new ConfigError('--backend takes memory or postgres');
}

export async function openAnswerEngine(config: Config, options: OpenAnswerEngineOptions = {}): Promise<OpenedEngine> {
  const backend = options.backend ?? config.searchBackend;
  const logger = options.logger;
  if (backend === 'memory') {
    const engine = await openEngine({ corpusDir: config.corpusDir, dataDir: config.dataDir, ...(logger ? { logger } : {}) });
    return { engine, backend, close: async () => undefined };
  }
  if (!config.database) throw new ConfigError('DATABASE_URL is not set; it is required for the postgres search backend (postgres://user:password@host:5432/database).');
  if (options.database) {
    const engine = await PostgresEngine.open({ db: options.database.client, corpusDir: config.corpusDir, ...(logger ? { logger } : {}) });
    return { engine, backend, database: options.database, close: () => engine.settled() };
  }
  const { url, poolMax, statementTimeoutMs, connectSeconds, schema } = config.database;
  const client = openClient({ url, poolMax, statementTimeoutMs, ...(schema ? { schema } : {}), ...(logger ? { logger } : {}) });
  const database = await openDatabase(client, { connectSeconds, ...(logger ? { logger } : {}) });
  try {
    const engine = await PostgresEngine.open({ db: database.client, corpusDir: config.corpusDir, ...(logger ? { logger } : {}) });
    return { engine, backend, database, close: async () => {
      await engine.settled();
      await database.close();
    } };
  } catch (error) {
    await database.close().catch(() => undefined);
    throw error;
  }
}
