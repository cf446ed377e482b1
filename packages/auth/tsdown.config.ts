import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  // eager: declarations of the inlined core are emitted as they are reached (the default fails on its re-exports).
  dts: { eager: true },
  sourcemap: true,
  // The published maps point at lines only (no sources inside), and the JS carries no JSDoc (the
  // declarations do): together they halve the installed size.
  outputOptions: { sourcemapExcludeSources: true, comments: { jsdoc: false, legal: true, annotation: true } },
  clean: true,
  platform: 'node',
  target: 'node20',
  // The private core (shared rules and the error root) is inlined: it is never published. The
  // application's @opentelemetry/api is looked up at run time, never bundled: absent, nothing loads.
  deps: { alwaysBundle: [/^@mmd-sdk\/core/], neverBundle: ['@opentelemetry/api'] },
});
