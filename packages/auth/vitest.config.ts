import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Scans every error the tests caught and every log line for the suite's client secret.
    setupFiles: ['./test/support/secret-scan.ts'],
  },
});
