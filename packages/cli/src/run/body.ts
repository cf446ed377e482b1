import { readFile } from 'node:fs/promises';
import { UsageError } from '../errors';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** `--body '{json}'`, `--body @file.json` or `--body -` (stdin), parsed as JSON. */
export async function readBody(value: string): Promise<unknown> {
  let text = value;
  let source = '--body';
  if (value === '-') {
    if (process.stdin.isTTY)
      throw new UsageError('--body -: pipe the JSON body into stdin, or pass --body @file.json.');
    text = await readStdin();
    source = 'the body on stdin';
  } else if (value.startsWith('@')) {
    const path = value.slice(1);
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      throw new UsageError(
        `--body ${value}: cannot read ${path} (${(error as NodeJS.ErrnoException).code}).`,
      );
    }
    source = path;
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(
      `${source} is not JSON (${(error as Error).message}); pass --body '{"…": …}', @file.json or -.`,
    );
  }
}
