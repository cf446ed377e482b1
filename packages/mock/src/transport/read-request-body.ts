import { bodyTooLarge, MAX_BODY_BYTES } from './request-limits';

/**
 * Reads a request body as UTF-8 text, at most `MAX_BODY_BYTES` of it: a larger body (declared or
 * sent) is an `ApiFailure` 413, found without buffering more than the limit.
 */
export async function readRequestBody(request: Request): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) throw bodyTooLarge();
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      // Not awaited: a stream msw tees may never settle its cancel.
      reader.cancel().catch(() => undefined);
      throw bodyTooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
