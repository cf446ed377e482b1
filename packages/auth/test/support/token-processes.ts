import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'tsdown';
import { afterAll, beforeAll } from 'vitest';

/** What one fixture process printed: the distinct tokens its callers got, and its warnings. */
export interface ProcessResult {
  readonly tokens: string[];
  readonly warnings: string[];
}

export interface TokenProcess {
  readonly child: ChildProcess;
  /** Its result line, once it exits; rejects when it fails. */
  readonly result: Promise<ProcessResult>;
  /** SIGKILLs it (no cleanup, no release of its locks) and waits until it is gone. */
  kill(): Promise<void>;
}

const fixture = fileURLToPath(new URL('../fixtures/token-process.ts', import.meta.url));
const packageRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Bundles `fixtures/token-process.ts` with the package's sources (and the inlined core) into one
 * ESM file before the tests of the file, as the published build would be, so that each spawned
 * `node` starts at once without a TypeScript loader. Returns a function that spawns one.
 */
export function useTokenProcesses(): (environment: Record<string, string>) => TokenProcess {
  const folder = mkdtempSync(join(tmpdir(), 'mmd-auth-fixture-'));
  const script = join(folder, 'token-process.mjs');
  beforeAll(async () => {
    await build({
      config: false,
      cwd: packageRoot,
      entry: { 'token-process': fixture },
      outDir: folder,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      dts: false,
      sourcemap: false,
      logLevel: 'warn',
      deps: { alwaysBundle: [/^@mmd-sdk\/core/], neverBundle: ['@opentelemetry/api'] },
    });
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  return (environment) => {
    const child = spawn(process.execPath, [script], {
      env: { PATH: process.env.PATH ?? '', ...environment },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk) => {
      stdout += String(chunk);
    });
    child.stderr?.on('data', (chunk) => {
      stderr = `${stderr}${chunk}`.slice(-4_000);
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (code, signal) => resolve({ code, signal }));
    });
    const result = exited.then(({ code, signal }) => {
      if (code !== 0) throw new Error(`the token process ended with ${code ?? signal}:\n${stderr}`);
      return JSON.parse(stdout.trim()) as ProcessResult;
    });
    result.catch(() => {});
    return {
      child,
      result,
      async kill() {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        await exited;
      },
    };
  };
}
