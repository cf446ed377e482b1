import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Fails the run on any connection or DNS lookup beyond msw and the loopback interface.
    setupFiles: ['../../scripts/test-setup/loopback-only.ts'],
    // Generous limits: turbo runs the packages' suites side by side on few cores, and a test or hook
    // must never fail for being slow there. Tests bound their own waits; these only catch hangs.
    testTimeout: 180_000,
    hookTimeout: 300_000,
    teardownTimeout: 60_000,
  },
});
