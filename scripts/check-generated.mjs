// Regenerates packages/api/src/generated from openapi/mmd.openapi.yaml and fails when the result
// differs from what is committed: generated code is never edited by hand, and a change to the
// OpenAPI document or the generator config must come with its regenerated output.
import { execFileSync } from 'node:child_process';

const generated = 'packages/api/src/generated';
const run = (command, args, options = {}) => execFileSync(command, args, { encoding: 'utf8', ...options });

run('pnpm', ['--filter', '@mmd-sdk/mmd-api', 'run', 'generate'], { stdio: ['ignore', 'ignore', 'inherit'] });

const drift = run('git', ['status', '--porcelain', '--untracked-files=all', '--', generated]).trim();
if (drift !== '') {
  console.error(`${generated} differs from what the generator writes:`);
  console.error(drift);
  console.error(run('git', ['--no-pager', 'diff', '--stat', '--', generated]));
  console.error(
    'Never edit generated code by hand. Change openapi/mmd.openapi.yaml or packages/api/openapi-ts.config.ts, ' +
      'run `pnpm generate`, and commit the result.',
  );
  process.exit(1);
}
console.log(`${generated} matches openapi/mmd.openapi.yaml.`);
