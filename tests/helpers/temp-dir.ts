import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Temporary folders for tests, removed after the test file's last test (see
 * `tests/setup/remove-temp-dirs.ts`, which vitest loads before every test file), so a run leaves
 * nothing behind in the system's temporary folder.
 */

const made = new Set<string>();

/** A fresh empty folder in the system's temporary folder, removed when the test file ends. */
export function tempDir(prefix = 'moedebot-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  made.add(dir);
  return dir;
}

/** Removes every folder `tempDir` made so far. */
export function removeTempDirs(): void {
  for (const dir of made) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  made.clear();
}

/** A temporary corpus folder holding the named files of the bundled corpus (`corpus/`) and its synonyms. */
export function corpusWith(...files: string[]): string {
  const dir = tempDir();
  for (const file of [...files, 'synonyms.json']) copyFileSync(path.join('corpus', file), path.join(dir, file));
  return dir;
}
