import { type BoundedText, discardBody, readBoundedText } from '@mmd-sdk/core';
import type { AttemptReading } from './attempt-control';

/**
 * An answer from the client's own pool: a `Response` whose body is not a stream but text the pool
 * reads as it arrives, within `maxResponseBytes` (a web stream and its reader cost more than the
 * whole rest of a small call). `answer` settles once the body is whole, too large or cut short; its
 * maker handles a rejection nobody reads.
 */
export class PooledResponse extends Response {
  readonly answer: Promise<BoundedText>;
  readonly #cancel: () => void;

  constructor(init: ResponseInit, answer: Promise<BoundedText>, cancel: () => void) {
    super(null, init);
    this.answer = answer;
    this.#cancel = cancel;
  }

  /** Stops reading the body and lets its connection go (nothing happens once it is whole). */
  cancelAnswer(): void {
    this.#cancel();
  }
}

/**
 * An answer's body as text within `limit`: what the pool read, or the body stream read with the
 * same bounds (`readBoundedText`) for any other `fetch`.
 */
export function readAnswerText(
  response: Response,
  limit: number,
  reading: AttemptReading,
): Promise<BoundedText> {
  if (response instanceof PooledResponse) return response.answer;
  return readBoundedText(response, limit, undefined, (cancel) => {
    reading.cancel = cancel;
  });
}

/** Drops an answer's body that will not be read, without waiting for it. */
export function discardAnswer(response: Response): void {
  if (response instanceof PooledResponse) response.cancelAnswer();
  else discardBody(response);
}
