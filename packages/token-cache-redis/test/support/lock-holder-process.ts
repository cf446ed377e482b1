import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const fixture = fileURLToPath(new URL('../fixtures/lock-holder.ts', import.meta.url));
const register = new URL('./register-typescript.mjs', import.meta.url).href;

export interface LockHolderProcess {
  readonly child: ChildProcess;
  /** What the child printed once it tried the lock: `locked` or `busy`. */
  readonly outcome: Promise<string>;
  /** SIGKILLs the child and resolves with the signal it died of. */
  kill(): Promise<NodeJS.Signals | null>;
}

/** Spawns `node` on `fixtures/lock-holder.ts` (the package's sources, transpiled on load), which takes the lock on `key`. */
export function spawnLockHolder(url: string, key: string, ttlMs: number): LockHolderProcess {
  const child = spawn(process.execPath, ['--import', register, fixture], {
    env: {
      ...process.env,
      LOCK_HOLDER_REDIS_URL: url,
      LOCK_HOLDER_KEY: key,
      LOCK_HOLDER_TTL_MS: String(ttlMs),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr = `${stderr}${chunk}`.slice(-4_000);
  });
  const outcome = new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk) => {
      stdout += String(chunk);
      const line = stdout.split('\n')[0];
      if (stdout.includes('\n') && line !== undefined) resolve(line.trim());
    });
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      reject(new Error(`lock holder exited (${code ?? signal}) before trying the lock:\n${stderr}`)),
    );
  });
  outcome.catch(() => {});
  const exited = new Promise<NodeJS.Signals | null>((resolve) => {
    child.once('exit', (_code, signal) => resolve(signal));
  });
  return {
    child,
    outcome,
    kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      return exited;
    },
  };
}
