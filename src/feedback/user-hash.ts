import { createHmac, randomBytes } from 'node:crypto';
import { chmod, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { SqlClient } from '../db/sql-client.js';
import { registerSecrets } from '../logging/secrets.js';
import { writeFileAtomic } from '../state/state-file.js';

/** Where the generated feedback key is kept when FEEDBACK_SALT is not set. */
export const FEEDBACK_SALT_FILE = 'feedback-salt';

/**
 * The key that turns user ids into feedback hashes: FEEDBACK_SALT when set, else one generated
 * once and kept in `DATA_DIR/feedback-salt` (readable by the bot's user only), so the same person
 * hashes the same across restarts and nobody with the feedback file alone can test an id against
 * it. It is registered as a secret, so it can never reach a log line.
 */
export async function feedbackSalt(dataDir: string, configured?: string): Promise<string> {
  let salt = configured;
  if (salt === undefined) {
    const file = path.join(dataDir, FEEDBACK_SALT_FILE);
    try {
      salt = (await readFile(file, 'utf8')).trim();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    if (salt === undefined || salt.length < 32) {
      salt = randomBytes(32).toString('hex');
      await writeFileAtomic(file, `${salt}\n`);
      await chmod(file, 0o600);
    }
  }
  registerSecrets([salt]);
  return salt;
}

/**
 * A user as the feedback file knows them: HMAC-SHA256 of `platform:userId` with the key, hex.
 * The same person votes as the same hash (a second vote replaces the first) without the file
 * holding who they are.
 */
export function hashUser(salt: string, platform: string, userId: string): string {
  return createHmac('sha256', salt).update(`${platform}:${userId}`).digest('hex');
}

/** The name under which the generated feedback key is kept in the database's `moedebot_secrets`. */
export const FEEDBACK_SALT_SECRET = 'feedback-salt';

/**
 * The feedback key when bots share a database: FEEDBACK_SALT when set, else the one kept in the
 * database, so every bot hashes the same person the same. The first bot to need one stores it
 * (the key in DATA_DIR/feedback-salt when there is one, so hashes from before the move still match;
 * else a new one); a bot starting at the same moment reads the one that won.
 */
export async function sharedFeedbackSalt(db: SqlClient, dataDir: string, configured?: string): Promise<string> {
  if (configured !== undefined) {
    registerSecrets([configured]);
    return configured;
  }
  let candidate: string | undefined;
  try {
    candidate = (await readFile(path.join(dataDir, FEEDBACK_SALT_FILE), 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (candidate === undefined || candidate.length < 32) candidate = randomBytes(32).toString('hex');
  await db.query('INSERT INTO moedebot_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [FEEDBACK_SALT_SECRET, candidate]);
  const { rows } = await db.query('SELECT value FROM moedebot_secrets WHERE name = $1', [FEEDBACK_SALT_SECRET]);
  const salt = z.string().min(32).parse(rows[0]?.value);
  registerSecrets([salt]);
  return salt;
}
