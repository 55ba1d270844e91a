import { createHmac, randomBytes } from 'node:crypto';
import { chmod, readFile } from 'node:fs/promises';
import path from 'node:path';
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
