/** Default size limits, counted after decompression. */
export const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;
export const DEFAULT_MAX_TOKEN_RESPONSE_BYTES = 64 * 1024;

/** A body within the limit, or how far it went before being cut off. */
export type BoundedText =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly limit: number };

/**
 * Starts a cancel without waiting for it. The cancel of one branch of a tee (a `fetch` that clones the
 * response, as msw's passthrough and many instrumentation wrappers do) settles only once the other
 * branch is cancelled too, which may be never: awaiting it would hang the caller.
 */
function discard(cancel: Promise<void> | undefined): void {
  cancel?.catch(() => {});
}

/**
 * Reads a response body as UTF-8 text, counting bytes as they arrive (after decompression) and
 * cancelling the stream as soon as they pass `limit`. A `Content-Length` above the limit is refused
 * before reading. Rejects with the signal's reason when it aborts, even if the body stalls.
 */
export async function readBoundedText(
  response: Response,
  limit: number,
  signal?: AbortSignal,
  /** Told how to stop the read, for a caller whose deadline is not a signal. */
  onRead?: (cancel: () => void) => void,
): Promise<BoundedText> {
  if (signal?.aborted) {
    // The abort listener below would never fire for a signal that has already aborted.
    discard(response.body?.cancel(signal.reason));
    throw signal.reason;
  }
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  const encoded = (response.headers.get('content-encoding') ?? 'identity') !== 'identity';
  if (!encoded && Number.isFinite(declared) && declared > limit) {
    discard(response.body?.cancel());
    return { ok: false, limit };
  }
  const body = response.body;
  if (body === null) return { ok: true, text: '' };
  const reader = body.getReader();
  onRead?.(() => discard(reader.cancel()));
  const onAbort = () => {
    discard(reader.cancel(signal?.reason));
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  // Chunks are kept and decoded once at the end: decoding each as it comes costs more.
  const chunks: Uint8Array[] = [];
  let received = 0;
  try {
    for (;;) {
      if (signal?.aborted) throw signal.reason;
      const { done, value } = await reader.read();
      if (signal?.aborted) throw signal.reason;
      if (done) break;
      received += value.byteLength;
      if (received > limit) {
        discard(reader.cancel());
        return { ok: false, limit };
      }
      chunks.push(value);
    }
    return { ok: true, text: Buffer.concat(chunks, received).toString('utf8') };
  } finally {
    signal?.removeEventListener('abort', onAbort);
    reader.releaseLock();
  }
}

/** Drops a body that will not be read, without waiting for the cancel (see `discard`). */
export function discardBody(response: Response): void {
  discard(response.body?.cancel());
}
