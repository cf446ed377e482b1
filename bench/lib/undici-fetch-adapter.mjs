// Prototype for issue 15 (bench only, not part of the SDK): a `fetch` over undici's `request` with a
// dedicated keep-alive Agent. It skips the WHATWG fetch machinery (the Request undici's fetch builds
// again from ours, its fetch controller and body mixins) and returns a WHATWG `Response` whose body
// is undici's body as a web stream, so `createMmdClient({ fetch })` reads and bounds it as usual.
// Limits of the prototype: redirects are never followed (the SDK asks for `redirect: 'manual'`
// anyway), no cookies, no `Response.url`, no compression negotiation.
import { Agent, request } from 'undici';

/** Statuses whose Response cannot have a body. */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * undici's body (a Node Readable) as a web ReadableStream, with backpressure: the socket is paused
 * while 64 kB wait unread, and a cancel destroys the body (which lets the connection go). Cheaper per
 * call than `Readable.toWeb`, which adds a strategy and a promise per chunk.
 */
function webStreamOf(body) {
  let cancelled = false;
  return new ReadableStream(
    {
      start(controller) {
        body.on('data', (chunk) => {
          if (cancelled) return;
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if (controller.desiredSize <= 0) body.pause();
        });
        body.once('end', () => {
          if (!cancelled) controller.close();
        });
        body.once('error', (error) => {
          if (!cancelled) controller.error(error);
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

/** A request's headers as the flat `[name, value, …]` array undici takes. */
function flatHeaders(headers) {
  const flat = [];
  if (!headers) return flat;
  if (typeof headers.forEach === 'function' && !Array.isArray(headers)) {
    headers.forEach((value, name) => {
      flat.push(name, value);
    });
    return flat;
  }
  const entries = Array.isArray(headers) ? headers : Object.entries(headers);
  for (const [name, value] of entries) flat.push(name, String(value));
  return flat;
}

/**
 * Makes the adapter. `connections` bounds the sockets to one origin (64: the concurrency table's
 * callers); `headersTimeout` and `bodyTimeout` end a silent server even when the caller sets no
 * deadline (the SDK's own deadline still applies on top).
 */
export function createUndiciFetch({
  connections = 64,
  keepAliveTimeout = 4_000,
  headersTimeout = 30_000,
  bodyTimeout = 30_000,
} = {}) {
  const agent = new Agent({ connections, pipelining: 1, keepAliveTimeout, headersTimeout, bodyTimeout });
  async function undiciFetch(input, init = {}) {
    const isRequest = input instanceof Request;
    const method = init.method ?? (isRequest ? input.method : 'GET');
    let body = init.body ?? undefined;
    if (body === undefined && isRequest && input.body !== null) body = Buffer.from(await input.arrayBuffer());
    const {
      statusCode,
      statusText,
      headers,
      body: stream,
    } = await request(isRequest ? input.url : String(input), {
      dispatcher: agent,
      method,
      headers: flatHeaders(init.headers ?? (isRequest ? input.headers : undefined)),
      body,
      signal: init.signal ?? (isRequest ? input.signal : undefined),
      responseHeaders: 'raw',
    });
    const responseHeaders = new Headers();
    for (let index = 0; index < headers.length; index += 2) {
      responseHeaders.append(String(headers[index]), String(headers[index + 1]));
    }
    const responseInit = { status: statusCode, statusText: statusText ?? '', headers: responseHeaders };
    if (NULL_BODY_STATUSES.has(statusCode) || method === 'HEAD') {
      stream.dump().catch(() => {});
      return new Response(null, responseInit);
    }
    return new Response(webStreamOf(stream), responseInit);
  }
  undiciFetch.close = () => agent.close();
  return undiciFetch;
}
