/**
 * Stops the bot when the process that started it goes away. `npm start` runs the bot under a
 * shell, and npm passes SIGTERM only to that shell: the shell dies and the bot would go on,
 * orphaned, holding its ports. Noticing that its parent changed (it is re-parented to init), the
 * bot stops cleanly instead. Only used under npm, where that is the intent; a bot started with
 * `node` directly (systemd, a container) is not watched, so `nohup … &` keeps working.
 */
export function watchParent(onGone: () => void, intervalMs = 500): { stop(): void } {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid !== parent) {
      clearInterval(timer);
      onGone();
    }
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

/** Whether this process was started by an npm script (`npm start`), whose parent should be watched. */
export function startedByNpm(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.npm_lifecycle_event !== undefined;
}
