import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/** A file that is not a regular one (a device, a FIFO, a folder), or larger than mmd reads. */
export class UnreadableFileError extends Error {
  override readonly name = 'UnreadableFileError';
  constructor(
    readonly path: string,
    readonly code: 'ENOTREG' | 'E2BIG',
  ) {
    super(code === 'ENOTREG' ? `${path} is not a regular file` : `${path} is larger than mmd reads`);
  }
}

/**
 * Reads a small file of mmd's own (the config file, the token cache key, the mock's signing key) as
 * UTF-8, refusing anything but a regular file of at most `maxBytes`: a link to `/dev/zero` or to a FIFO
 * must neither fill memory nor hang. Opened non-blocking, so a FIFO is seen for what it is.
 * @throws the `open` error (ENOENT, EACCES…), or `UnreadableFileError`.
 */
export function readSmallFile(path: string, maxBytes: number): string {
  const descriptor = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stats = fstatSync(descriptor);
    if (!stats.isFile()) throw new UnreadableFileError(path, 'ENOTREG');
    if (stats.size > maxBytes) throw new UnreadableFileError(path, 'E2BIG');
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    for (let read = -1; read !== 0 && length <= maxBytes; length += read) {
      read = readSync(descriptor, buffer, length, buffer.length - length, null);
    }
    if (length > maxBytes) throw new UnreadableFileError(path, 'E2BIG');
    return buffer.subarray(0, length).toString('utf8');
  } finally {
    closeSync(descriptor);
  }
}
