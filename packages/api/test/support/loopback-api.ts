import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';

/** A request a loopback server received, body read in full. */
export interface ReceivedRequest {
  readonly method: string;
  /** Path and query, as sent. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface LoopbackServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** Every request received so far, in order. */
  readonly requests: ReceivedRequest[];
  close(): Promise<void>;
}

/**
 * Answers requests as `respond` says. `respond` writes to the node:http response itself, so it can
 * send headers and stall, trickle a body or lie about its length.
 */
export type Respond = (request: ReceivedRequest, response: ServerResponse, index: number) => void;

/** Starts an HTTP server on 127.0.0.1 (a free port). */
export async function startLoopbackServer(respond: Respond): Promise<LoopbackServer> {
  const requests: ReceivedRequest[] = [];
  const server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const request: ReceivedRequest = {
        method: incoming.method ?? '',
        url: incoming.url ?? '',
        headers: incoming.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(request);
      try {
        respond(request, response, requests.length - 1);
      } catch (error) {
        response.writeHead(599, { 'content-type': 'text/plain' });
        response.end(`test server failed: ${String(error)}`);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        // Stalled and trickling answers hold their sockets open: end them, or close() would wait forever.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Starts loopback servers that are closed after each test, stalled connections included. */
export function useLoopbackServers(): (respond: Respond) => Promise<LoopbackServer> {
  const started: LoopbackServer[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((server) => server.close()));
  });
  return async (respond) => {
    const server = await startLoopbackServer(respond);
    started.push(server);
    return server;
  };
}

/** A JSON answer. */
export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

/** Runs `tick` every `ms` until the response is closed (by the client, or by `close()`). */
export function everyUntilClosed(response: ServerResponse, ms: number, tick: () => void): void {
  const timer = setInterval(() => {
    if (response.destroyed || response.writableEnded) {
      clearInterval(timer);
      return;
    }
    tick();
  }, ms);
  response.on('close', () => clearInterval(timer));
}
