import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import type { Agent, Dispatcher } from 'undici';

/** Statuses whose answer cannot have a body. */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/** The settings of a client's own connection pool. */
export interface PoolSettings {
  /** Sockets to the API's origin, at most. */
  readonly connections: number;
  /** Milliseconds the pool waits for an answer's headers, and between two chunks of its body. */
  readonly timeout: number;
}

type Undici = typeof import('undici');

/** Decoders for a `Content-Encoding`, as `fetch` applies them (outermost encoding last in the header). */
function decoded(body: Readable, encoding: string | undefined): Readable {
  if (!encoding) return body;
  let stream = body;
  const flush = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };
  for (const coding of encoding
    .toLowerCase()
    .split(',')
    .map((part) => part.trim())
    .reverse()) {
    let decoder: zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress;
    if (coding === 'gzip' || coding === 'x-gzip') decoder = zlib.createGunzip(flush);
    else if (coding === 'deflate') decoder = zlib.createInflate(flush);
    else if (coding === 'br') decoder = zlib.createBrotliDecompress();
    else if (coding === 'identity' || coding === '') continue;
    else return stream;
    const source = stream;
    source.once('error', (error) => decoder.destroy(error));
    stream = source.pipe(decoder);
  }
  return stream;
}

/**
 * A Node stream as a web `ReadableStream`, with backpressure (the socket pauses while 64 KiB wait
 * unread); a cancel destroys the stream, which lets the connection go. Cheaper per call than
 * `Readable.toWeb`.
 */
function webStreamOf(body: Readable): ReadableStream<Uint8Array> {
  let cancelled = false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        body.on('data', (chunk: Buffer) => {
          if (cancelled) return;
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 0) <= 0) body.pause();
        });
        body.once('end', () => {
          if (!cancelled) controller.close();
        });
        body.once('error', (error) => {
          // As fetch reports a body cut short: a TypeError, the cause kept.
          if (!cancelled) controller.error(new TypeError('terminated', { cause: error }));
        });
      },
      pull() {
        body.resume();
      },
      cancel() {
        cancelled = true;
        body.destroy();
      },
    },
    { highWaterMark: 64 * 1024, size: (chunk) => chunk.byteLength },
  );
}

/**
 * A `fetch` over undici's `request` and a pool of this client's own (keep-alive, bounded), for the
 * `Request`s ky sends: it skips the work of WHATWG `fetch` (a second `Request`, its controller, body
 * mixins), which is most of a call's CPU on loopback. Like the SDK's `fetch` it follows no redirect
 * and decodes gzip, deflate and brotli answers; the body reaches the SDK as a stream it bounds.
 */
export function createUndiciFetch(undici: Undici, settings: PoolSettings): typeof fetch {
  let pool: Agent | undefined;
  const dispatcher = (): Dispatcher => {
    pool ??= new undici.Agent({
      connections: settings.connections,
      headersTimeout: settings.timeout,
      bodyTimeout: settings.timeout,
    });
    return pool;
  };
  return (async (resource: Request | string | URL, init?: RequestInit) => {
    const input = resource instanceof Request && init === undefined ? resource : new Request(resource, init);
    const headers: string[] = [];
    input.headers.forEach((value, name) => {
      headers.push(name, value);
    });
    if (!input.headers.has('accept-encoding')) headers.push('accept-encoding', 'gzip, deflate, br');
    const body = input.body === null ? undefined : Buffer.from(await input.arrayBuffer());
    let answer: Dispatcher.ResponseData;
    try {
      answer = await undici.request(input.url, {
        dispatcher: dispatcher(),
        method: input.method as Dispatcher.HttpMethod,
        headers,
        body,
        signal: input.signal,
      });
    } catch (error) {
      // What fetch throws: the signal's reason when it aborted, else `TypeError: fetch failed`
      // with undici's error (ECONNREFUSED, a timeout, a reset) as the cause.
      if (input.signal.aborted) throw input.signal.reason;
      throw new TypeError('fetch failed', { cause: error });
    }
    const responseHeaders = new Headers();
    for (const [name, value] of Object.entries(answer.headers)) {
      if (Array.isArray(value)) for (const item of value) responseHeaders.append(name, item);
      else if (value !== undefined) responseHeaders.append(name, value);
    }
    const responseInit = { status: answer.statusCode, headers: responseHeaders };
    if (NULL_BODY_STATUSES.has(answer.statusCode) || input.method === 'HEAD') {
      answer.body.dump().catch(() => {});
      return new Response(null, responseInit);
    }
    const stream = decoded(
      answer.body as unknown as Readable,
      responseHeaders.get('content-encoding') ?? undefined,
    );
    return new Response(webStreamOf(stream), responseInit);
  }) as typeof fetch;
}
