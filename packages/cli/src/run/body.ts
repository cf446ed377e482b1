import { open } from 'node:fs/promises';
import { UsageError } from '../errors';

/** The largest body `mmd` sends: far above any request of the API, far below what would exhaust memory. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

const tooLarge = (source: string) =>
  new UsageError(
    `${source} is over ${MAX_BODY_BYTES / 1024 / 1024} MiB; a request body of the API is a few KiB.`,
  );

/** stdin, up to `MAX_BODY_BYTES`: an endless pipe (`< /dev/zero`) is refused, not buffered. */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).byteLength;
    if (size > MAX_BODY_BYTES) {
      process.stdin.destroy();
      throw tooLarge('the body on stdin');
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A regular file of at most `MAX_BODY_BYTES`; a device, a FIFO or a directory is refused. */
async function readBodyFile(path: string): Promise<string> {
  const failed = (error: unknown) =>
    new UsageError(
      `--body @${path}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`,
    );
  const file = await open(path, 'r').catch((error: unknown) => {
    throw failed(error);
  });
  try {
    const stats = await file.stat();
    if (!stats.isFile()) throw new UsageError(`--body @${path}: ${path} is not a regular file.`);
    if (stats.size > MAX_BODY_BYTES) throw tooLarge(path);
    const buffer = Buffer.alloc(MAX_BODY_BYTES + 1);
    const { bytesRead } = await file.read(buffer, 0, buffer.length, 0).catch((error: unknown) => {
      throw failed(error);
    });
    if (bytesRead > MAX_BODY_BYTES) throw tooLarge(path);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await file.close();
  }
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
    if (value === '@') throw new UsageError('--body @ needs a file name: --body @ticket.json.');
    text = await readBodyFile(value.slice(1));
    source = value.slice(1);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    // Where, not what: the text around the error may be a secret pasted in the wrong place.
    const position = /position (\d+)/.exec((error as Error).message)?.[1];
    throw new UsageError(
      `${source} is not JSON${position ? ` (at character ${position})` : ''}; pass --body '{"…": …}', @file.json or -.`,
    );
  }
}
