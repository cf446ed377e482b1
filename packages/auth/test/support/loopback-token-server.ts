import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { http, passthrough } from 'msw';
import type { SetupServer } from 'msw/node';
import { afterEach } from 'vitest';

export interface LoopbackTokenServer {
  /** `http://127.0.0.1:<port>`, to pass as `authorityHost`. */
  readonly authorityHost: string;
  /** How many requests reached the server so far. */
  requests(): number;
}

type Handle = (attempt: number, response: ServerResponse, request: IncomingMessage) => void;

/**
 * Real token endpoints on 127.0.0.1, for what msw cannot fake: a stalled body after the headers, a
 * gzip body that undici inflates. Each test file gets a `start` function; the servers it started are
 * closed, with their open connections, after each test.
 */
export function useLoopbackTokenServers(msw: SetupServer): (handle: Handle) => Promise<LoopbackTokenServer> {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(
      servers.splice(0).map(
        (server) =>
          new Promise((resolve) => {
            server.close(resolve);
            server.closeAllConnections();
          }),
      ),
    );
  });
  return async (handle) => {
    let count = 0;
    const server = createServer((request, response) => {
      request.resume();
      handle(count++, response, request);
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const authorityHost = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // msw (onUnhandledRequest: 'error') lets this loopback traffic through to the real server.
    msw.use(http.all(`${authorityHost}/*`, () => passthrough()));
    return { authorityHost, requests: () => count };
  };
}

/**
 * Settles as `promise` does, or rejects once `ms` of real time have passed: proves that a hang is cut
 * without asserting any tighter bound on how long the work takes.
 */
export function settlesWithin<T>(promise: Promise<T>, ms = 10_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still pending after ${ms} ms: the wait is unbounded`)), ms);
  });
  return Promise.race([promise, guard]).finally(() => clearTimeout(timer));
}
