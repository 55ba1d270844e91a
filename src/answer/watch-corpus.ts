import { watch, type FSWatcher } from 'node:fs';

/**
 * Calls `onChange` once the corpus folder has been quiet for `debounceMs` after a change, so a
 * new agenda is indexed while the bot runs. Copying a large PDF fires many events; the debounce
 * makes that one re-index.
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
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(corpusDir, { persistent: false }, (_event, name) => {
      if (name !== null && /^\.|\.tmp$|~$/.test(String(name))) return;
      clearTimeout(timer);
      timer = setTimeout(() => void run(), debounceMs);
    });
  } catch {
    // A folder that cannot be watched (some network file systems) still works via `npm run index`.
    watcher = undefined;
  }
  return {
    close() {
      clearTimeout(timer);
      watcher?.close();
    },
  };
}
