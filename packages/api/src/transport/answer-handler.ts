import type { BoundedText } from '@mmd-sdk/core';
import type { Dispatcher } from 'undici';
import { unknownStatusError } from '../errors/unknown-status-error';
import { createContentDecoder } from './decode-content';
import { PooledResponse } from './pooled-response';
import { hasNoBody, isKnownStatus } from './response-statuses';

/** undici's parsed headers as a `Response` takes them: a repeated header's values joined, as fetch does. */
function headerRecord(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const record: Record<string, string> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined) record[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return record;
}

function textOf(chunks: Buffer[], length: number): string {
  return (chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, length)).toString('utf8');
}

/** A reason phrase as `Response` takes it (tab, space, visible ASCII and obs-text); else none. */
const REASON_PHRASE = /^[\t\x20-\x7e\x80-\xff]*$/;

/** The reason a request of the pool is stopped with. */
const stopped = () => new DOMException('The attempt ended.', 'AbortError');

/** A request's dispatch handler, and how to stop the request (and the read of its answer) at any point. */
export interface AnswerHandler {
  readonly handler: Dispatcher.DispatchHandler;
  readonly stop: () => void;
}

/**
 * Turns undici's callbacks for one request into what `fetch` gives: a `PooledResponse` at the
 * headers, whose `answer` is the body read as it arrives, decoded and cut off past `limit`. Rejects as
 * fetch does: `TypeError: fetch failed` before the headers (undici's error as the cause: refused,
 * reset), `TypeError: terminated` for a body cut short; a stopped request rejects with an
 * `AbortError`, and a status no `Response` can hold (600 and above) with an `InvalidResponseError`.
 */
export function createAnswerHandler(
  { limit, operation }: { readonly limit: number; readonly operation: string },
  resolve: (response: Response) => void,
  reject: (error: unknown) => void,
): AnswerHandler {
  let controller: Dispatcher.DispatchController | undefined;
  let ended: Error | undefined;
  let settleAnswer: ((text: BoundedText) => void) | undefined;
  let failAnswer: ((error: unknown) => void) | undefined;
  let decoder: ReturnType<typeof createContentDecoder>;
  const chunks: Buffer[] = [];
  let received = 0;

  const stop = () => {
    ended ??= stopped();
    controller?.abort(ended);
    decoder?.input.destroy();
  };
  /** Takes decoded bytes; false once they pass the limit (the request is then stopped). */
  const take = (chunk: Buffer): boolean => {
    received += chunk.byteLength;
    if (received > limit) {
      settleAnswer?.({ ok: false, limit });
      stop();
      return false;
    }
    chunks.push(chunk);
    return true;
  };
  const finish = () => settleAnswer?.({ ok: true, text: textOf(chunks, received) });

  const handler: Dispatcher.DispatchHandler = {
    onRequestStart(start) {
      controller = start;
      if (ended) start.abort(ended);
    },
    onResponseStart(start, statusCode, rawHeaders, statusMessage) {
      if (statusCode < 200) return;
      if (!isKnownStatus(statusCode)) {
        reject(unknownStatusError(operation, statusCode));
        stop();
        return;
      }
      const headers = headerRecord(rawHeaders);
      const encoding = headers['content-encoding'];
      const declared = Number(headers['content-length'] ?? Number.NaN);
      const answer = new Promise<BoundedText>((settle, fail) => {
        settleAnswer = settle;
        failAnswer = fail;
      });
      // Settled later, perhaps with nobody reading it (a discarded answer).
      answer.catch(() => {});
      const statusText =
        statusMessage !== undefined && REASON_PHRASE.test(statusMessage) ? statusMessage : '';
      let response: PooledResponse;
      try {
        response = new PooledResponse({ status: statusCode, statusText, headers }, answer, stop);
      } catch (error) {
        // A header no `Headers` takes: refused as fetch refuses it.
        reject(new TypeError('fetch failed', { cause: error }));
        stop();
        return;
      }
      const bodiless = hasNoBody(statusCode);
      decoder = bodiless ? undefined : createContentDecoder(encoding);
      if (bodiless) {
        // No body, whatever its headers say (a 304 may carry the Content-Length of what it stands for).
        settleAnswer?.({ ok: true, text: '' });
      } else if (decoder) {
        const { input, output } = decoder;
        output.on('data', (chunk: Buffer) => {
          if (!take(chunk)) output.destroy();
        });
        output.once('end', finish);
        output.once('error', (error) => failAnswer?.(new TypeError('terminated', { cause: error })));
        input.on('drain', () => start.resume());
      } else if (declared > limit) {
        settleAnswer?.({ ok: false, limit });
        stop();
      }
      resolve(response);
    },
    onResponseData(data, chunk) {
      if (!decoder) take(chunk);
      else if (!decoder.input.write(chunk)) data.pause();
    },
    onResponseEnd() {
      if (decoder) decoder.input.end();
      else finish();
    },
    onResponseError(_, error) {
      if (settleAnswer) {
        decoder?.input.destroy();
        failAnswer?.(ended ?? new TypeError('terminated', { cause: error }));
      } else reject(ended ?? new TypeError('fetch failed', { cause: error }));
    },
  };
  return { handler, stop };
}
