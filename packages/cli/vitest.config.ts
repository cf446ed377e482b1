import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Fails the run on any connection or DNS lookup beyond msw and the loopback interface.
    setupFiles: ['../../scripts/test-setup/loopback-only.ts'],
    // The suite spawns the built binary; it is built once before the tests.
    globalSetup: ['./test/global-setup.ts'],
    // Generous limits: the tests spawn processes on a busy machine; they count, never time.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    teardownTimeout: 60_000,
  },
});
