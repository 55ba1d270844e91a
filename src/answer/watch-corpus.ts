import { watch, type FSWatcher } from 'node:fs';

/**
 * Names whose changes do not matter: anything in or named like a dot-folder or dot-file (the
 * loader skips them; atomic writes go through hidden `.tmp` files), temporary and backup files.
 */
const IGNORED = /(^|[\\/])\.|\.tmp$|~$/;

/**
 * Calls `onChange` once the corpus folder and its subfolders (`fetched/<host>/…`, where the
 * fetcher stores) have been quiet for `debounceMs` after a change, so a new agenda is indexed
 * while the bot runs. Copying a large PDF fires many events; the debounce makes that one re-index.
 */
export function watchCorpus(corpusDir: string, onChange: () => Promise<void>, debounceMs = 1500): { close(): void } {
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let again = false;
  const run = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      await onChange();
    } finally {
      running = false;
      if (again) {
        again = false;
        void run();
      }
    }
  };
  const onEvent = (_event: string, name: string | Buffer | null) => {
    if (name !== null && IGNORED.test(String(name))) return;
    clearTimeout(timer);
    timer = setTimeout(() => void run(), debounceMs);
  };
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(corpusDir, { persistent: false, recursive: true }, onEvent);
  } catch {
    try {
      // Recursive watching is missing on some platforms (and Node versions); the top folder still counts.
      watcher = watch(corpusDir, { persistent: false }, onEvent);
    } catch {
      // A folder that cannot be watched (some network file systems) still works via `npm run index`.
      watcher = undefined;
    }
  }
  return {
    close() {
      clearTimeout(timer);
      watcher?.close();
    },
  };
}
