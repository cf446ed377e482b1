import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { http, passthrough } from 'msw';
import type { SetupServer } from 'msw/node';
import { afterEach } from 'vitest';
import { countdown } from './countdown';

export interface LoopbackTokenServer {
  /** `http://127.0.0.1:<port>`, to pass as `authorityHost`. */
  readonly authorityHost: string;
  /** How many requests reached the server so far. */
  requests(): number;
  /** Settles once `count` requests have reached the server. */
  received(count: number): Promise<void>;
}

/** How the server answers one request; `attempt` counts from 0. */
export type LoopbackAnswer = (response: ServerResponse, attempt: number, request: IncomingMessage) => void;

/**
 * Real token endpoints on 127.0.0.1, for what msw cannot fake: a reset connection, a stalled body
 * after the headers, a gzip body that undici inflates. Each test file gets a `start` function; the
 * servers it started are closed, with their open connections, after each test.
 */
export function useLoopbackTokenServers(
  msw: SetupServer,
): (answer: LoopbackAnswer) => Promise<LoopbackTokenServer> {
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
  return async (answer) => {
    const arrivals = countdown();
    const server = createServer((request, response) => {
      request.resume();
      const attempt = arrivals.count();
      arrivals.tick();
      answer(response, attempt, request);
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const authorityHost = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // msw (onUnhandledRequest: 'error') lets this loopback traffic through to the real server.
    msw.use(http.all(`${authorityHost}/*`, () => passthrough()));
    return { authorityHost, requests: arrivals.count, received: arrivals.reached };
  };
}

/** A routing table by attempt: the first answer for the first request, the last for every later one. */
export function answersInTurn(...answers: readonly [LoopbackAnswer, ...LoopbackAnswer[]]): LoopbackAnswer {
  return (response, attempt, request) =>
    (answers[Math.min(attempt, answers.length - 1)] ?? answers[0])(response, attempt, request);
}

/** Answers with a token, as Entra does. */
export function sendToken(response: ServerResponse, token: string): void {
  response
    .writeHead(200, { 'content-type': 'application/json' })
    .end(JSON.stringify({ token_type: 'Bearer', expires_in: '3599', access_token: token }));
}

// Taken when this module loads, before any test fakes the clock: the guard must run on real time.
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;

/**
 * Settles as `promise` does, or rejects once `ms` of real time have passed: turns a hang into a
 * clear failure without asserting any tighter bound on how long the work takes.
 */
export function settlesWithin<T>(promise: Promise<T>, ms = 30_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<never>((_, reject) => {
    timer = realSetTimeout(
      () => reject(new Error(`still pending after ${ms} ms: the wait is unbounded`)),
      ms,
    );
  });
  return Promise.race([promise, guard]).finally(() => realClearTimeout(timer));
}
