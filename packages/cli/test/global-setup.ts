import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Builds the binary once: every test spawns `node dist/cli.mjs`, as users run it. */
export default function setup(): void {
  const cwd = fileURLToPath(new URL('..', import.meta.url));
  execFileSync(process.execPath, ['scripts/snapshot-operations.mjs'], { cwd, stdio: 'inherit' });
  execFileSync(process.execPath, ['node_modules/tsdown/dist/run.mjs', '--log-level', 'warn'], {
    cwd,
    stdio: 'inherit',
  });
}
