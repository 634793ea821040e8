import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // A throwaway PostgreSQL cluster for the store contract suite (skipped, with a message, without binaries).
    globalSetup: ['tests/helpers/pg-cluster.ts'],
  },
});
