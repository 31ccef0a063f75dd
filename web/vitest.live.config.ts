// Live tests: each file starts a real `vellum serve` (tests/live/server.ts)
// and talks to it with the real client packages and Debian's Chromium.
// One file at a time: the machine that runs CI has two cores.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/live/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
