import type { BoundedText } from '@mmd-sdk/core';
import type { Agent, Dispatcher } from 'undici';
import { attemptOf } from './attempt-control';
import { createContentDecoder } from './decode-content';
import { PooledResponse } from './pooled-response';

/** The settings of a client's own connection pool. */
export interface PoolSettings {
  /** Sockets to the API's origin, at most. */
  readonly connections: number;
  /** Milliseconds the pool waits for an answer's headers, and between two chunks of its body. */
  readonly timeout: number;
  /** Bytes of an answer's body (after decoding) read at most. */
  readonly maxResponseBytes: number;
}

type Undici = typeof import('undici');

/** A request's target as the dispatcher takes it: `http://host:port` and `/path?query` (no fragment). */
function splitUrl(url: string): { origin: string; path: string } {
  // A Request's URL is serialized: scheme, `//`, host, then a path that starts with `/`.
  const pathStart = url.indexOf('/', url.indexOf('//') + 2);
  const fragment = url.indexOf('#', pathStart);
  return {
    origin: url.slice(0, pathStart),
    path: fragment === -1 ? url.slice(pathStart) : url.slice(pathStart, fragment),
  };
}

/** undici's parsed headers as a `Response` takes them: a repeated header's values joined, as fetch does. */
function headerRecord(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const record: Record<string, string> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined) record[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return record;
}

function textOf(chunks: Buffer[], length: number): string {
  return (chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, length)).toString('utf8');
}

/** The reason a request of the pool is stopped with when its attempt ends. */
const attemptEnded = () => new DOMException('The attempt ended.', 'AbortError');

/**
 * A `fetch` over a keep-alive pool of this client's own (undici's `Agent`, driven through its
 * dispatcher interface), for the `Request`s ky sends. It skips WHATWG `fetch`'s work (another
 * `Request`, its controller, a body stream and its reader), which is most of a call's CPU on
 * loopback: the answer resolves at its headers as a `PooledResponse` whose body is read as it
 * arrives, decoded (gzip, deflate, brotli) and bounded by `maxResponseBytes`. Like the SDK's `fetch`
 * it follows no redirect. The attempt's deadline stops the request at any point (`reading.cancel`).
 */
export function createPoolFetch(undici: Undici, settings: PoolSettings): typeof fetch {
  const limit = settings.maxResponseBytes;
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
    const input = resource instanceof Request ? resource : new Request(resource, init);
    const attempt = attemptOf(init);
    const requestHeaders: string[] = [];
    input.headers.forEach((value, name) => {
      requestHeaders.push(name, value);
    });
    if (!input.headers.has('accept-encoding')) requestHeaders.push('accept-encoding', 'gzip, deflate, br');
    const body = input.body === null ? undefined : Buffer.from(await input.arrayBuffer());
    const { origin, path } = splitUrl(input.url);
    const method = input.method;

    return new Promise<Response>((resolve, reject) => {
      let controller: Dispatcher.DispatchController | undefined;
      let ended: Error | undefined;
      let settleAnswer: ((text: BoundedText) => void) | undefined;
      let failAnswer: ((error: unknown) => void) | undefined;
      const chunks: Buffer[] = [];
      let received = 0;
      let decoder: ReturnType<typeof createContentDecoder>;

      const stop = (reason: Error) => {
        ended ??= reason;
        controller?.abort(reason);
        decoder?.input.destroy();
      };
      if (attempt) {
        attempt.reading.cancel = () => stop(attemptEnded());
        if (attempt.deadline.ended) stop(attemptEnded());
      }
      /** Takes decoded bytes; false once they pass the limit (the request is then stopped). */
      const take = (chunk: Buffer): boolean => {
        received += chunk.byteLength;
        if (received > limit) {
          settleAnswer?.({ ok: false, limit });
          stop(attemptEnded());
          return false;
        }
        chunks.push(chunk);
        return true;
      };
      const finish = () => settleAnswer?.({ ok: true, text: textOf(chunks, received) });

      const handler: Dispatcher.DispatchHandler = {
        onRequestStart(start) {
          controller = start;
          if (ended) start.abort(ended);
        },
        onResponseStart(start, statusCode, headers) {
          if (statusCode < 200) return;
          const encoding = headers['content-encoding'];
          const declared = Number(headers['content-length'] ?? Number.NaN);
          const answer = new Promise<BoundedText>((settle, fail) => {
            settleAnswer = settle;
            failAnswer = fail;
          });
          let response: PooledResponse;
          try {
            response = new PooledResponse(
              { status: statusCode, headers: headerRecord(headers) },
              answer,
              () => stop(attemptEnded()),
            );
          } catch (error) {
            // A status or header no `Response` can carry: refused as fetch refuses it.
            stop(attemptEnded());
            reject(new TypeError('fetch failed', { cause: error }));
            return;
          }
          if (typeof encoding !== 'string' && Number.isFinite(declared) && declared > limit) {
            settleAnswer?.({ ok: false, limit });
            stop(attemptEnded());
          } else if (typeof encoding === 'string') {
            decoder = createContentDecoder(encoding);
            if (decoder) {
              const { input: encoded, output } = decoder;
              output.on('data', (chunk: Buffer) => {
                if (!take(chunk)) output.destroy();
              });
              output.once('end', finish);
              output.once('error', (error) => failAnswer?.(new TypeError('terminated', { cause: error })));
              encoded.on('drain', () => start.resume());
            }
          }
          resolve(response);
        },
        onResponseData(data, chunk) {
          if (decoder) {
            if (!decoder.input.write(chunk)) data.pause();
          } else take(chunk);
        },
        onResponseEnd() {
          if (decoder) decoder.input.end();
          else finish();
        },
        onResponseError(_, error) {
          // What fetch throws: before the headers `TypeError: fetch failed` with undici's error
          // (ECONNREFUSED, a timeout, a reset) as the cause, after them `TypeError: terminated`.
          const reason = ended ?? error;
          if (settleAnswer) {
            decoder?.input.destroy();
            failAnswer?.(ended ? reason : new TypeError('terminated', { cause: error }));
          } else reject(ended ? reason : new TypeError('fetch failed', { cause: error }));
        },
      };
      dispatcher().dispatch(
        { origin, path, method: method as Dispatcher.HttpMethod, headers: requestHeaders, body },
        handler,
      );
    });
  }) as typeof fetch;
}
