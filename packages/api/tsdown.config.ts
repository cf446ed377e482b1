import { dirname, resolve } from 'node:path';
import { defineConfig } from 'tsdown';

const sharedErrors = resolve(import.meta.dirname, '../core/src/errors');

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  // eager: declarations of the inlined core are emitted as they are reached (the default fails on its re-exports).
  dts: { eager: true },
  sourcemap: true,
  clean: true,
  platform: 'node',
  target: 'node20',
  // The private core (shared rules) is inlined: it is never published.
  deps: { alwaysBundle: [/^@mmd-sdk\/core/], neverBundle: ['@opentelemetry/api'] },
  plugins: [
    {
      // The error root and the configuration error are @mmd-sdk/mmd-auth's own classes, not a second
      // inlined copy: one class per name in a process, whatever imports them.
      name: 'mmd-sdk:shared-error-classes',
      resolveId(source, importer) {
        if (!importer || !source.startsWith('.')) return null;
        const target = resolve(dirname(importer), source).replace(/\.ts$/, '');
        return target === resolve(sharedErrors, 'mmd-error') ||
          target === resolve(sharedErrors, 'configuration-error')
          ? { id: '@mmd-sdk/mmd-auth', external: true }
          : null;
      },
    },
  ],
});
