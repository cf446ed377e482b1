/**
 * The large bodies the hostile servers send, built once per process: bodies just over each
 * endpoint's `maxResponseBytes`, and gzip bombs (a few KB that inflate to ~10 MB for the API's 1 MB
 * limit and ~1 MB for the token endpoint's 64 KB one).
 */
import { gzipSync } from 'node:zlib';

/** The `maxResponseBytes` the case runner gives each side. */
export const API_MAX_RESPONSE_BYTES = 1_000_000;
export const TOKEN_MAX_RESPONSE_BYTES = 65_536;

export interface Payloads {
  /** Valid JSON (an OData collection with a padding field), 1.25 × the API limit. */
  readonly apiOversized: Buffer;
  /** Padding for the token endpoint's oversized answer (the answer also holds a real token). */
  readonly tokenPadding: string;
  /** gzip of a JSON document of 10 MB of `0` characters. */
  readonly apiGzipBomb: Buffer;
  /** gzip of a JSON document of 1 MB of `0` characters. */
  readonly tokenGzipBomb: Buffer;
}

let built: Payloads | undefined;

function jsonBomb(inflatedBytes: number): Buffer {
  // JSON that parses if a client inflates it all: `{"value":[],"pad":"000…"}`.
  const head = '{"value":[],"pad":"';
  const tail = '"}';
  const body = Buffer.alloc(inflatedBytes, '0');
  body.write(head, 0, 'latin1');
  body.write(tail, inflatedBytes - tail.length, 'latin1');
  return gzipSync(body, { level: 9 });
}

export function payloads(): Payloads {
  built ??= {
    apiOversized: Buffer.from(
      `{"value":[],"pad":"${'x'.repeat(Math.ceil(API_MAX_RESPONSE_BYTES * 1.25))}"}`,
      'latin1',
    ),
    tokenPadding: 'x'.repeat(Math.ceil(TOKEN_MAX_RESPONSE_BYTES * 1.5)),
    apiGzipBomb: jsonBomb(10 * 1024 * 1024),
    tokenGzipBomb: jsonBomb(1024 * 1024),
  };
  return built;
}
