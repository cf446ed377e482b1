import type { IncomingMessage } from 'node:http';
import { ApiFailure } from '../api/api-failure';
import { decodePathSegments, MALFORMED_PATH_MESSAGE } from './decode-path';
import { bodyTooLarge, MAX_BODY_BYTES, MAX_URL_LENGTH, uriTooLong } from './request-limits';

/** Methods `Request` cannot carry; the mock answers them itself. */
const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);
const ABSOLUTE_FORM = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;

/** Who the server is, to tell an absolute-form target that names it from one that names another host. */
export interface ServerIdentity {
  /** `https:` when the server speaks TLS, else `http:`. */
  readonly protocol: 'http:' | 'https:';
  /** Such as `http://127.0.0.1:4010`: the origin of a request whose `Host` names no authority below. */
  readonly origin: string;
  /** The `host:port` authorities that name this server, in lower case. */
  readonly authorities: readonly string[];
  /** The methods a path answers; `undefined` when it names nothing. */
  methodsOf(path: string): readonly string[] | undefined;
}

/** Thrown when the client went away while its request was read: there is no one left to answer. */
export class ClientGoneError extends Error {
  override readonly name = 'ClientGoneError';
}

function refuse(status: number, message: string, headers: Record<string, string> = {}): Response {
  return ApiFailure.odata(status, message, headers).toResponse();
}

/** The path and query of the request target, or the 400 that refuses it. */
function pathAndQuery(target: string, server: ServerIdentity): string | Response {
  if (target.startsWith('/')) return target;
  if (target === '*') {
    return refuse(400, "The mock answers no server-wide requests: the request target '*' is refused.");
  }
  if (ABSOLUTE_FORM.test(target)) {
    let url: URL | undefined;
    try {
      url = new URL(target);
    } catch {
      url = undefined;
    }
    if (url?.protocol === server.protocol && server.authorities.includes(url.host.toLowerCase())) {
      return `${url.pathname}${url.search}`;
    }
    return refuse(400, 'The mock is not a proxy: an absolute-form request target must name the mock itself.');
  }
  return refuse(400, 'The request target is not valid: it must be a path starting with /.');
}

/** Reads the body, keeping at most `MAX_BODY_BYTES` of it; `undefined` when it was larger. */
function readBody(incoming: IncomingMessage): Promise<Buffer<ArrayBuffer> | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    incoming.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Past the limit the rest is read and dropped, so that the client gets to read the 413.
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      else chunks.length = 0;
    });
    incoming.once('end', () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks)));
    incoming.once('error', () => reject(new ClientGoneError('the client went away mid-request')));
    incoming.once('close', () => {
      if (!incoming.complete) reject(new ClientGoneError('the client went away mid-request'));
    });
  });
}

/**
 * The origin a request was sent to: the one its `Host` header names when that is one of the server's
 * own authorities (`localhost:4010` as well as `127.0.0.1:4010`), so that the URLs the mock advertises
 * (the OpenID configuration's issuer and endpoints) are on the host the client asked.
 */
function requestOrigin(incoming: IncomingMessage, server: ServerIdentity): string {
  const host = incoming.headers.host?.toLowerCase();
  return host !== undefined && server.authorities.includes(host)
    ? `${server.protocol}//${host}`
    : server.origin;
}

/**
 * Turns a raw Node request into a fetch `Request`, or into the 4xx that refuses it: a target over
 * `MAX_URL_LENGTH` (414); `*`, an absolute-form target naming another host or a path with a malformed
 * percent-escape (400); a method `Request` cannot carry (405 with `Allow`, or 404 for a path that
 * names nothing); a body over `MAX_BODY_BYTES` (413). Throws `ClientGoneError` when the client
 * disconnects mid-body.
 */
export async function readNodeRequest(
  incoming: IncomingMessage,
  server: ServerIdentity,
): Promise<Request | Response> {
  const target = incoming.url ?? '/';
  if (target.length > MAX_URL_LENGTH) return uriTooLong(target.length).toResponse();
  const relative = pathAndQuery(target, server);
  if (relative instanceof Response) return relative;
  let url: URL;
  try {
    // Joined as text, not resolved: `//host/path` stays a path on this server.
    url = new URL(`${requestOrigin(incoming, server)}${relative}`);
  } catch {
    return refuse(400, 'The request target is not valid.');
  }
  if (!decodePathSegments(url.pathname)) return refuse(400, MALFORMED_PATH_MESSAGE);
  const method = (incoming.method ?? 'GET').toUpperCase();
  if (FORBIDDEN_METHODS.has(method)) {
    const methods = server.methodsOf(url.pathname);
    return methods
      ? refuse(405, `The requested resource does not support http method '${method}'.`, {
          allow: methods.join(', '),
        })
      : refuse(404, 'No HTTP resource was found that matches the request URI.');
  }
  if (Number(incoming.headers['content-length'] ?? '0') > MAX_BODY_BYTES) return bodyTooLarge().toResponse();
  const body = await readBody(incoming);
  if (!body) return bodyTooLarge().toResponse();
  try {
    const headers = new Headers();
    for (const [name, value] of Object.entries(incoming.headers)) {
      if (value === undefined) continue;
      for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
    }
    return new Request(url, {
      method,
      headers,
      ...(method === 'GET' || method === 'HEAD' ? {} : { body }),
    });
  } catch {
    return refuse(400, 'The request is not valid: its method or headers cannot be read.');
  }
}
