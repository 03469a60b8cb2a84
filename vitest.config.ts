import { defineConfig } from 'vitest/config';

// Tests load packages as the CLI does: their production builds. With Vitest's NODE_ENV ('test')
// they would load development builds, whose extra assertions (devlop) throw on input the shipped
// parsers read (the fuzz test found one), reporting failures no user can meet.
process.env.NODE_ENV = 'production';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Timeouts catch hangs, not slowness: on a shared 2-core machine under load (CI, a busy laptop)
    // a CPU-heavy test can take several times its usual time and must still pass.
    testTimeout: 180_000,
    hookTimeout: 240_000,
    // Browser and packaging tests share one Chromium and the disk; two workers suit the 2-core machines.
    maxWorkers: 2,
  },
});
