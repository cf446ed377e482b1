import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    setupFiles: [
      // Fails the run on any connection or DNS lookup beyond the loopback interface.
      '../../scripts/test-setup/loopback-only.ts',
      // Scans every error the tests caught and every log line for the servers' password and stored values.
      './test/support/secret-scan.ts',
    ],
    // Each test file starts its own redis-server(s) on a free loopback port; running files one at a
    // time keeps the busy machine's load (and so every wait) down.
    fileParallelism: false,
    // Generous limits: turbo runs the packages' suites side by side on few cores, and a test or hook
    // must never fail for being slow there. Tests bound their own waits; these only catch hangs.
    testTimeout: 180_000,
    hookTimeout: 300_000,
    teardownTimeout: 60_000,
  },
});
