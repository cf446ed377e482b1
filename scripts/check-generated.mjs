// Regenerates packages/api/src/generated from openapi/mmd.openapi.yaml and fails when the result
// differs from what was there before (a hand edit, committed or not) or from what is committed (a
// change to the OpenAPI document or the generator config without its regenerated output).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const generated = 'packages/api/src/generated';
const run = (command, args, options = {}) =>
  execFileSync(command, args, { cwd: root, encoding: 'utf8', ...options });

function snapshot() {
  const files = new Map();
  const walk = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.set(relative(root, path), readFileSync(path, 'utf8'));
    }
  };
  walk(join(root, generated));
  return files;
}

const before = snapshot();
run('pnpm', ['--filter', '@mmd-sdk/mmd-api', 'run', 'generate'], { stdio: ['ignore', 'ignore', 'inherit'] });
const after = snapshot();

const changed = [...new Set([...before.keys(), ...after.keys()])].filter(
  (file) => before.get(file) !== after.get(file),
);
const drift = run('git', ['status', '--porcelain', '--untracked-files=all', '--', generated]).trim();
if (changed.length > 0 || drift !== '') {
  console.error(`${generated} differs from what the generator writes:`);
  for (const file of changed) console.error(`  ${file} (was edited by hand; regenerating reverted it)`);
  if (drift !== '') console.error(drift.replace(/^/gm, '  '));
  console.error(
    'Never edit generated code by hand. Change openapi/mmd.openapi.yaml or packages/api/openapi-ts.config.ts, ' +
      'run `pnpm generate`, and commit the result.',
  );
  process.exit(1);
}
console.log(`${generated} matches openapi/mmd.openapi.yaml.`);
