import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Fails the run on any connection beyond the loopback interface, as in the packages' suites.
    setupFiles: ['../../scripts/test-setup/loopback-only.ts'],
  },
});
