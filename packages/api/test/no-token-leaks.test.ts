import { inspect } from 'node:util';
import fc from 'fast-check';
import { delay, HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { createMmdClient } from '../src/index';
import { BASE_URL, TENANT_ID } from './support/fixtures';
import { useMswServer } from './support/msw-server';

const server = useMswServer();

/**
 * API answers that drive every error path. Each echoes the Authorization header it received back in
 * its body or headers, as a careless proxy might.
 */
const failures: Array<(authorization: string) => Response | Promise<Response>> = [
  (authorization) =>
    HttpResponse.json(
      { error: { code: '400', message: `Bad request with ${authorization}` } },
      { status: 400 },
    ),
  (authorization) =>
    HttpResponse.json(
      { errorCode: '403', message: authorization },
      { status: 403, headers: { 'x-echo': authorization } },
    ),
  (authorization) =>
    new HttpResponse(`<html>${authorization}</html>`, {
      status: 502,
      headers: { 'content-type': 'text/html' },
    }),
  (authorization) =>
    HttpResponse.json(
      { error: { code: '429', message: authorization } },
      { status: 429, headers: { 'retry-after': '0' } },
    ),
  (authorization) =>
    new HttpResponse(null, {
      status: 302,
      headers: { location: `https://elsewhere.example/?t=${encodeURIComponent(authorization)}` },
    }),
  () => HttpResponse.error(),
  async () => {
    await delay(500);
    return HttpResponse.json({ value: [] });
  },
];

function renderings(value: unknown): string[] {
  const error = value instanceof Error ? [value.message, value.stack ?? '', String(value)] : [];
  return [
    ...error,
    JSON.stringify(value) ?? '',
    inspect(value, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
  ];
}

describe('the bearer token never leaks', () => {
  it('stays out of every error, serialized error, inspected error and log line', async () => {
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^[A-Za-z0-9._-]{40,120}$/), async (token) => {
        const lines: string[] = [];
        const record = (line: string) => lines.push(line);
        const mmd = createMmdClient({
          getToken: async () => token,
          tenantId: TENANT_ID,
          maxRetries: 1,
          // The retries still happen (and are logged), without waiting for a backoff.
          maxRetryDelay: 0,
          timeout: 100,
          logLevel: 'debug',
          logger: { debug: record, info: record, warn: record, error: record },
        });
        const errors: unknown[] = [];
        for (const failure of failures) {
          server.use(
            http.all(`${BASE_URL}/*`, ({ request }) => failure(request.headers.get('authorization') ?? '')),
          );
          errors.push(await mmd.listDevices().catch((error: unknown) => error));
        }
        expect(errors.every((error) => error instanceof Error)).toBe(true);
        for (const text of [...errors.flatMap(renderings), ...lines]) {
          expect(
            text.includes(token),
            `leaked in: ${text.slice(Math.max(0, text.indexOf(token) - 150), text.indexOf(token))}`,
          ).toBe(false);
        }
      }),
      { numRuns: 5 },
    );
  }, 60_000);
});
