import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 180_000,
    hookTimeout: 300_000,
    // Fails a test file that tries to reach anything beyond the loopback interface.
    setupFiles: ['../../scripts/test-setup/loopback-only.ts'],
  },
});
