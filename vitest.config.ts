import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Building the seed index and starting real SDK servers takes a few seconds on a 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Removes the temporary folders each test file made (tests/helpers/temp-dir.ts).
    setupFiles: ['tests/setup/remove-temp-dirs.ts'],
  },
});
