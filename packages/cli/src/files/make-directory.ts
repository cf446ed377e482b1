import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Creates a folder and its missing parents (mode 0700), like `mkdirSync(…, { recursive: true })` but
 * bounded: under `/proc`, `mkdir` answers ENOENT for a child of a folder that exists, and Node's
 * recursive mkdir then loops for ever between the two.
 * @throws the `mkdir` error (ENOENT, EACCES, ENOTDIR, EROFS…) when the folder cannot be made.
 */
export function makeDirectory(path: string, depth = 0): void {
  try {
    mkdirSync(path, { mode: 0o700 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return;
    const parent = dirname(path);
    if (code !== 'ENOENT' || parent === path || depth > 64) throw error;
    makeDirectory(parent, depth + 1);
    mkdirSync(path, { mode: 0o700 });
  }
}
