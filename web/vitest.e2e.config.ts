import { defineConfig } from 'vitest/config';

// Browser journeys: Debian's Chromium driven by playwright-core against a real `chungthu serve`
// on a temporary SQLite instance (see e2e/harness.ts). One file at a time: they share a server.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    pool: 'forks',
    poolOptions: { forks: { singleFork: true } },
    globalSetup: ['e2e/global-setup.ts'],
    // The server under test may be a sanitizer build sharing two cores with other tests.
    expect: { poll: { timeout: 30_000, interval: 250 } },
  },
});
