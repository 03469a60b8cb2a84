import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Browser and packaging tests share one Chromium and the disk; two workers suit the 2-core machines.
    maxWorkers: 2,
  },
});
