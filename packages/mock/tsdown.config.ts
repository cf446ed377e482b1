import { defineConfig } from 'tsdown';

export default defineConfig([
  {
    entry: ['src/index.ts', 'src/server.ts'],
    format: ['esm', 'cjs'],
    // eager: declarations of the inlined core are emitted as they are reached (the default fails on its re-exports).
    dts: { eager: true },
    sourcemap: true,
    clean: true,
    platform: 'node',
    target: 'node20',
    // The private core (shared rules and the error root) is inlined: it is never published.
    deps: { alwaysBundle: [/^@mmd-sdk\/core/] },
  },
  {
    entry: { cli: 'src/cli.ts' },
    format: ['esm'],
    sourcemap: true,
    platform: 'node',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    deps: { alwaysBundle: [/^@mmd-sdk\/core/] },
  },
]);
