import { PassThrough, type Readable, type Writable } from 'node:stream';
import zlib from 'node:zlib';

/** Where an encoded body's bytes go in, and its decoded bytes come out. */
export interface ContentDecoder {
  readonly input: Writable;
  readonly output: Readable;
}

/**
 * Decoders for a `Content-Encoding`, as `fetch` applies them (the outermost encoding is listed last):
 * gzip, deflate and brotli; undefined when the answer is not encoded, or uses a coding `fetch` would
 * also leave as it is.
 */
export function createContentDecoder(encoding: string | undefined): ContentDecoder | undefined {
  if (!encoding) return undefined;
  const codings = encoding
    .toLowerCase()
    .split(',')
    .map((part) => part.trim())
    .filter((coding) => coding !== 'identity' && coding !== '')
    .reverse();
  if (codings.length === 0) return undefined;
  const input = new PassThrough();
  let output: Readable = input;
  const flush = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };
  for (const coding of codings) {
    let decoder: zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress;
    if (coding === 'gzip' || coding === 'x-gzip') decoder = zlib.createGunzip(flush);
    else if (coding === 'deflate') decoder = zlib.createInflate(flush);
    else if (coding === 'br') decoder = zlib.createBrotliDecompress();
    else break;
    const source = output;
    source.once('error', (error) => decoder.destroy(error));
    output = source.pipe(decoder);
  }
  return { input, output };
}
