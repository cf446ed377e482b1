import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGzip, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_MAX_TOKEN_RESPONSE_BYTES,
  readBoundedText,
} from '../src/body/read-bounded-text';

const MiB = 1024 * 1024;

/** A byte source that counts its pulls and cancels; without `chunks` it never ends. */
function countingStream(options: { chunk?: Uint8Array; chunks?: Uint8Array[]; stall?: boolean } = {}) {
  const state = { pulls: 0, cancelled: false, cancelReason: undefined as unknown };
  const queue = options.chunks ? [...options.chunks] : undefined;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        state.pulls += 1;
        if (options.stall) return new Promise<void>(() => {});
        if (queue === undefined) {
          controller.enqueue(options.chunk ?? new Uint8Array(1024).fill(0x61));
          return;
        }
        const next = queue.shift();
        if (next === undefined) controller.close();
        else controller.enqueue(next);
      },
      cancel(reason) {
        state.cancelled = true;
        state.cancelReason = reason;
      },
    },
    // Pull only when read, so that the counts are exact.
    { highWaterMark: 0 },
  );
  return { stream, state };
}

/** Lets queued reads and pulls run. */
async function settle(): Promise<void> {
  for (let round = 0; round < 20; round += 1) await new Promise<void>((resolve) => setImmediate(resolve));
}

describe('readBoundedText', () => {
  it('exports sane default limits', () => {
    expect(DEFAULT_MAX_RESPONSE_BYTES).toBe(16 * MiB);
    expect(DEFAULT_MAX_TOKEN_RESPONSE_BYTES).toBe(64 * 1024);
  });

  it('returns the text of a body under the limit', async () => {
    const { stream, state } = countingStream({
      chunks: [new TextEncoder().encode('{"ok":'), new TextEncoder().encode('true}')],
    });
    await expect(readBoundedText(new Response(stream), 1024)).resolves.toEqual({
      ok: true,
      text: '{"ok":true}',
    });
    expect(state.cancelled).toBe(false);
  });

  it('decodes multi-byte UTF-8 split across chunks', async () => {
    const text = 'héllo € 😀 — 日本語 ✓';
    const bytes = new TextEncoder().encode(text);
    // One byte a chunk: every multi-byte character is split.
    const { stream } = countingStream({ chunks: [...bytes].map((byte) => Uint8Array.of(byte)) });
    await expect(readBoundedText(new Response(stream), bytes.length)).resolves.toEqual({ ok: true, text });
    for (let cut = 1; cut < bytes.length; cut += 1) {
      const parts = countingStream({ chunks: [bytes.slice(0, cut), bytes.slice(cut)] });
      await expect(readBoundedText(new Response(parts.stream), 1024)).resolves.toEqual({ ok: true, text });
    }
  });

  it('accepts a body of exactly the limit', async () => {
    const { stream } = countingStream({ chunks: [new Uint8Array(10).fill(0x61)] });
    await expect(readBoundedText(new Response(stream), 10)).resolves.toEqual({
      ok: true,
      text: 'a'.repeat(10),
    });
  });

  it('stops at the limit: cancels an endless stream and pulls no more', async () => {
    const { stream, state } = countingStream({ chunk: new Uint8Array(1000).fill(0x61) });
    const response = new Response(stream);
    await expect(readBoundedText(response, 10_500)).resolves.toEqual({ ok: false, limit: 10_500 });
    expect(state.cancelled).toBe(true);
    expect(state.pulls).toBe(11);
    await settle();
    expect(state.pulls).toBe(11);
    expect(response.body?.locked).toBe(false);
  });

  it('refuses a Content-Length above the limit without reading', async () => {
    const { stream, state } = countingStream();
    const response = new Response(stream, { headers: { 'content-length': '2048' } });
    await expect(readBoundedText(response, 1024)).resolves.toEqual({ ok: false, limit: 1024 });
    expect(state.pulls).toBe(0);
    expect(state.cancelled).toBe(true);
  });

  it('reads on when the declared length fits, and still counts the bytes', async () => {
    const { stream, state } = countingStream({ chunk: new Uint8Array(512) });
    const response = new Response(stream, { headers: { 'content-length': '100' } });
    await expect(readBoundedText(response, 1024)).resolves.toEqual({ ok: false, limit: 1024 });
    expect(state.pulls).toBe(3);
    expect(state.cancelled).toBe(true);
  });

  it('does not trust the Content-Length of an encoded body (it counts compressed bytes)', async () => {
    const { stream } = countingStream({ chunks: [new TextEncoder().encode('small')] });
    const response = new Response(stream, {
      headers: { 'content-length': '999999', 'content-encoding': 'gzip' },
    });
    await expect(readBoundedText(response, 1024)).resolves.toEqual({ ok: true, text: 'small' });
  });

  it("rejects with the signal's reason when a stalled body's signal aborts", async () => {
    const { stream, state } = countingStream({ stall: true });
    const controller = new AbortController();
    const response = new Response(stream);
    const reason = new Error('deadline');
    const reading = readBoundedText(response, 1024, controller.signal);
    const outcome = expect(reading).rejects.toBe(reason);
    await settle();
    expect(state.pulls).toBe(1);
    controller.abort(reason);
    await outcome;
    expect(state.cancelled).toBe(true);
    expect(state.cancelReason).toBe(reason);
    expect(response.body?.locked).toBe(false);
  });

  it("rejects with an already-aborted signal's reason, and cancels the body without reading", async () => {
    const { stream, state } = countingStream();
    const reason = new DOMException('no answer within 10 ms', 'TimeoutError');
    await expect(readBoundedText(new Response(stream), 1024, AbortSignal.abort(reason))).rejects.toBe(reason);
    expect(state.pulls).toBe(0);
    expect(state.cancelled).toBe(true);
  });

  it('passes a read error on', async () => {
    const failure = new TypeError('terminated');
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.error(failure);
      },
    });
    const response = new Response(stream);
    await expect(readBoundedText(response, 1024, new AbortController().signal)).rejects.toBe(failure);
  });

  it("reads a null body as ''", async () => {
    await expect(readBoundedText(new Response(null), 1024)).resolves.toEqual({ ok: true, text: '' });
    await expect(readBoundedText(new Response(null, { status: 204 }), 0)).resolves.toEqual({
      ok: true,
      text: '',
    });
    await expect(readBoundedText(new Response(''), 0)).resolves.toEqual({ ok: true, text: '' });
  });
});

describe('readBoundedText over loopback', () => {
  const BOMB_BYTES = 200 * MiB;
  let bomb: Buffer;
  let server: Server;
  let base: string;
  const served: string[] = [];

  /** A gzip of `total` zero bytes, compressed a chunk at a time so the zeros are never all in memory. */
  async function gzipOfZeros(total: number): Promise<Buffer> {
    const gzip = createGzip({ level: 9 });
    const parts: Buffer[] = [];
    gzip.on('data', (part: Buffer) => parts.push(part));
    const ended = once(gzip, 'end');
    const zeros = Buffer.alloc(MiB);
    for (let written = 0; written < total; written += zeros.length) {
      if (!gzip.write(zeros)) await once(gzip, 'drain');
    }
    gzip.end();
    await ended;
    return Buffer.concat(parts);
  }

  beforeAll(async () => {
    bomb = await gzipOfZeros(BOMB_BYTES);
    server = createServer((request, response) => {
      served.push(request.url ?? '');
      if (request.url === '/bomb') {
        response.writeHead(200, {
          'content-type': 'application/json',
          'content-encoding': 'gzip',
          'content-length': bomb.length,
        });
        response.end(bomb);
        return;
      }
      const small = gzipSync('{"access_token":"x"}');
      response.writeHead(200, { 'content-encoding': 'gzip', 'content-length': small.length });
      response.end(small);
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    server.close();
  });

  it('serves a bomb: ~200 KB of gzip that inflates to 200 MB', () => {
    expect(bomb.length).toBeGreaterThan(100 * 1024);
    expect(bomb.length).toBeLessThan(400 * 1024);
  });

  it('decompresses a small gzip answer', async () => {
    const response = await fetch(`${base}/small`);
    await expect(readBoundedText(response, 1024)).resolves.toEqual({
      ok: true,
      text: '{"access_token":"x"}',
    });
  });

  it('cuts a gzip bomb off at the limit without inflating the whole of it', async () => {
    const before = process.memoryUsage().rss;
    let peak = before;
    const sample = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 1);
    try {
      const response = await fetch(`${base}/bomb`);
      expect(response.headers.get('content-encoding')).toBe('gzip');
      await expect(readBoundedText(response, MiB)).resolves.toEqual({ ok: false, limit: MiB });
      expect(response.body?.locked).toBe(false);
    } finally {
      clearInterval(sample);
    }
    peak = Math.max(peak, process.memoryUsage().rss);
    expect(served).toContain('/bomb');
    // Inflating it all would take 200 MB (and a string of it twice that).
    expect(peak - before).toBeLessThan(100 * MiB);
  });
});
