import { type FileHandle, open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** A file that cannot be opened or written; the message is one line that says what to do. */
export class OutputFileError extends Error {
  override readonly name = 'OutputFileError';
}

/**
 * A file being written by an export. The text goes to a temporary file beside it, which `commit`
 * renames into place: until then an existing file (with `--force`) is untouched, and nobody reads
 * half an export.
 */
export interface OutputFile {
  readonly path: string;
  /** Appends `text`, all of it, before resolving. */
  write(text: string): Promise<void>;
  /** Closes the temporary file and renames it to `path`. */
  commit(): Promise<void>;
  /**
   * Closes and deletes the temporary file (and the placeholder this created at `path`, if any);
   * nothing once committed.
   */
  discard(): Promise<void>;
}

function errorCode(error: unknown): string | undefined {
  const code = error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

function failure(flag: string, path: string, error: unknown): OutputFileError {
  const code = errorCode(error);
  const reason =
    code === 'EEXIST'
      ? `${path} already exists; pass --force to overwrite it, or choose another file.`
      : code === 'EISDIR'
        ? `${path} is a folder; give a file name, as in ${flag} devices.${flag.slice(2)}.`
        : code === 'ENOENT' || code === 'ENOTDIR'
          ? `cannot create ${path}: the folder ${dirname(path)} does not exist; create it or choose another file.`
          : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
            ? `cannot write ${path} (${code}); choose a file in a folder you can write to.`
            : `cannot write ${path}: ${error instanceof Error ? error.message : String(error)}`;
  return new OutputFileError(`${flag}: ${reason}`);
}

function codedError(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(code), { code });
}

/**
 * Opens `path` for the option `flag` (`--csv`). An existing file is refused unless `force`; without
 * `force` an empty placeholder is created at once (`wx`: checked and created in one step), so no
 * other process can take the name while the devices are listed.
 */
export async function openOutputFile(flag: string, path: string, force: boolean): Promise<OutputFile> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.partial`);
  let placeholder = false;
  let handle: FileHandle;
  try {
    const existing = await stat(path).catch((error: unknown) => {
      if (errorCode(error) === 'ENOENT') return undefined;
      throw error;
    });
    if (existing?.isDirectory()) throw codedError('EISDIR');
    if (existing && !force) throw codedError('EEXIST');
    if (!force) {
      await (await open(path, 'wx')).close();
      placeholder = true;
    }
    handle = await open(temporary, 'wx');
  } catch (error) {
    if (placeholder) await rm(path, { force: true });
    throw failure(flag, path, error);
  }

  let committed = false;
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await handle.close();
  };
  return {
    path,
    async write(text) {
      const bytes = Buffer.from(text, 'utf8');
      try {
        for (let offset = 0; offset < bytes.length; ) {
          offset += (await handle.write(bytes, offset)).bytesWritten;
        }
      } catch (error) {
        throw failure(flag, path, error);
      }
    },
    async commit() {
      try {
        await close();
        await rename(temporary, path);
        committed = true;
      } catch (error) {
        throw failure(flag, path, error);
      }
    },
    async discard() {
      if (committed) return;
      await close().catch(() => {});
      await rm(temporary, { force: true });
      if (placeholder) await rm(path, { force: true });
    },
  };
}
