import { PassThrough, type Readable, Transform, type TransformCallback, type Writable } from 'node:stream';
import zlib from 'node:zlib';

/** Where an encoded body's bytes go in, and its decoded bytes come out. */
export interface ContentDecoder {
  readonly input: Writable;
  readonly output: Readable;
}

const FLUSH = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };

/**
 * `deflate` as fetch reads it: zlib-wrapped as the standard says, or raw DEFLATE as some servers
 * send it, told apart by the first byte (a zlib header's compression method is 8).
 */
class DeflateDecoder extends Transform {
  #inflate: zlib.Inflate | zlib.InflateRaw | undefined;

  override _transform(chunk: Buffer, _: BufferEncoding, done: TransformCallback): void {
    if (!this.#inflate) {
      if (chunk.length === 0) {
        done();
        return;
      }
      const inflate = (chunk[0] ?? 0) % 16 === 8 ? zlib.createInflate(FLUSH) : zlib.createInflateRaw(FLUSH);
      inflate.on('data', (data: Buffer) => this.push(data));
      inflate.once('end', () => this.push(null));
      inflate.once('error', (error) => this.destroy(error));
      this.#inflate = inflate;
    }
    this.#inflate.write(chunk, done);
  }

  override _final(done: TransformCallback): void {
    if (this.#inflate) this.#inflate.end(done);
    else {
      this.push(null);
      done();
    }
  }
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
  for (const coding of codings) {
    let decoder: Transform;
    if (coding === 'gzip' || coding === 'x-gzip') decoder = zlib.createGunzip(FLUSH);
    else if (coding === 'deflate') decoder = new DeflateDecoder();
    else if (coding === 'br') decoder = zlib.createBrotliDecompress();
    else break;
    const source = output;
    source.once('error', (error) => decoder.destroy(error));
    output = source.pipe(decoder);
  }
  return { input, output };
}
