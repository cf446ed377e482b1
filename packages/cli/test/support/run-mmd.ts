import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../../dist/cli.mjs', import.meta.url));

export interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** An environment without the caller's sign-in, colours or config: a fresh config and cache directory. */
export function cleanEnvironment(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const home = mkdtempSync(join(tmpdir(), 'mmd-cli-test-'));
  const environment: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^(AZURE_|MMD_|NO_COLOR|FORCE_COLOR|IDENTITY_ENDPOINT|MSI_ENDPOINT)/.test(name))
      environment[name] = value;
  }
  return {
    ...environment,
    HOME: home,
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_CACHE_HOME: join(home, 'cache'),
    ...extra,
  };
}

/**
 * Runs the built binary asynchronously (the mock server lives in this process, so a synchronous spawn
 * would leave it unable to answer), with stdin a pipe that gets `input` (or nothing) and is closed.
 */
export function runMmd(
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; input?: string } = {},
): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: options.env ?? cleanEnvironment() });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    // mmd may stop reading stdin early (a body over its limit): the rest of the input is not wanted.
    child.stdin.on('error', () => {});
    child.stdin.end(options.input ?? '');
  });
}
