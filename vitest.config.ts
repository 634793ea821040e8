import { defineConfig } from 'vitest/config';

/**
 * Three projects, run together by `npm test` or one at a time with `--project`:
 * - unit: pure code, tests/unit/ mirrors src/ (a test beside the path of what it tests);
 * - integration: the real app through app.inject, real SQLite and PostgreSQL stores, real worker
 *   pools, the CLI as a process; the store contract suite; reliability (crashes, faults, privacy);
 * - browser: the officer page in Debian's Chromium (playwright-core).
 */
const shared = {
  testTimeout: 20_000,
  hookTimeout: 30_000,
  pool: 'forks' as const,
};

export default defineConfig({
  test: {
    // A throwaway PostgreSQL cluster for the store contract suite (skipped, with a message, without binaries).
    globalSetup: ['tests/helpers/pg-cluster.ts'],
    projects: [
      { test: { ...shared, name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
      {
        test: {
          ...shared,
          name: 'integration',
          include: ['tests/integration/**/*.test.ts', 'tests/contract/**/*.test.ts', 'tests/reliability/**/*.test.ts'],
        },
      },
      { test: { ...shared, name: 'browser', include: ['tests/browser/**/*.test.ts'] } },
    ],
  },
});
