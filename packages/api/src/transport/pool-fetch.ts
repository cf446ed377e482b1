import type { Agent, Dispatcher } from 'undici';
import { createAnswerHandler } from './answer-handler';
import { attemptOf } from './attempt-control';

/** The settings of a client's own connection pool. */
export interface PoolSettings {
  /** Sockets to the API's origin, at most. */
  readonly connections: number;
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

/**
 * A `fetch` over a keep-alive pool of this client's own (undici's `Agent`, driven through its
 * dispatcher interface), for the `Request`s ky sends. It skips WHATWG `fetch`'s work (another
 * `Request`, its controller, a body stream and its reader), which is most of a call's CPU on
 * loopback: the answer resolves at its headers as a `PooledResponse` whose body is read as it
 * arrives, decoded (gzip, deflate, brotli) and bounded by `maxResponseBytes` (`createAnswerHandler`).
 * Like the SDK's `fetch` it follows no redirect. The attempt's deadline stops the request at any
 * point (`reading.cancel`).
 */
export function createPoolFetch(undici: Undici, settings: PoolSettings): typeof fetch {
  const limit = settings.maxResponseBytes;
  let pool: Agent | undefined;
  const dispatcher = (): Dispatcher => {
    // No header or body timeout of undici's: its timers are coarse (they fire up to half a second
    // early) and would cut a call inside its deadline; each attempt's deadline stops its request.
    pool ??= new undici.Agent({ connections: settings.connections, headersTimeout: 0, bodyTimeout: 0 });
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

    return new Promise<Response>((resolve, reject) => {
      const { handler, stop } = createAnswerHandler(
        { limit, operation: attempt?.operation ?? 'request' },
        resolve,
        reject,
      );
      if (attempt) {
        attempt.reading.cancel = stop;
        if (attempt.deadline.ended) stop();
      }
      dispatcher().dispatch(
        { origin, path, method: input.method as Dispatcher.HttpMethod, headers: requestHeaders, body },
        handler,
      );
    });
  }) as typeof fetch;
}
