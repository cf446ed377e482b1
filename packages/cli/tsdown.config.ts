import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: { cli: 'src/cli.ts' },
  format: ['esm'],
  sourcemap: true,
  outputOptions: { sourcemapExcludeSources: true },
  clean: true,
  platform: 'node',
  target: 'node20',
  banner: { js: '#!/usr/bin/env node' },
  // The SDK packages stay dependencies (imported lazily, in the actions that need them); the private
  // core is never published, so anything of it is inlined.
  deps: { alwaysBundle: [/^@mmd-sdk\/core/] },
});
