import { type ServerResponse, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

/** The body of the last-resort 500: it never carries the error's message or stack. */
const INTERNAL_ERROR_BODY = JSON.stringify({
  error: { code: '500', message: 'The mock tenant could not answer this request.' },
});

/** Writes a fetch `Response` to a Node response. */
export async function writeResponse(response: Response, outgoing: ServerResponse): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const body = Buffer.from(await response.arrayBuffer());
  outgoing.writeHead(response.status, { ...headers, 'content-length': String(body.length) });
  outgoing.end(body);
}

/** Answers 500 with a generic body, or drops the connection when an answer had already begun. */
export function writeInternalError(outgoing: ServerResponse): void {
  if (outgoing.headersSent || outgoing.writableEnded) {
    outgoing.destroy();
    return;
  }
  outgoing.writeHead(500, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(INTERNAL_ERROR_BODY)),
  });
  outgoing.end(INTERNAL_ERROR_BODY);
}

/**
 * Writes an answer straight to a socket and closes it: for a request Node hands over without a
 * `ServerResponse` (CONNECT).
 */
export async function writeRawResponse(response: Response, socket: Duplex): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  const lines = [`HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? ''}`];
  response.headers.forEach((value, name) => {
    lines.push(`${name}: ${value}`);
  });
  lines.push(`content-length: ${body.length}`, 'connection: close', '', '');
  socket.end(Buffer.concat([Buffer.from(lines.join('\r\n'), 'latin1'), body]));
}
