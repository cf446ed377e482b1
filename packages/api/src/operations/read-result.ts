import { createRedactor } from '@mmd-sdk/core';
import { InvalidResponseError, ResponseTooLargeError } from '../errors/api-errors';
import type { AttemptReading } from '../transport/attempt-control';
import { discardAnswer, readAnswerText } from '../transport/pooled-response';
import type { OperationSpec } from './operation-spec';

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json$/i;
const TEXT_TYPE = /^text\/[\w.+-]+$/i;

function mediaType(response: Response): string {
  return (response.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
}

/**
 * Reads a success answer within `maxResponseBytes` (the attempt's deadline stops it through
 * `reading`): JSON where the
 * operation answers JSON (any other content type, or JSON that does not parse, is an
 * `InvalidResponseError`), text where it answers text, and nothing for 204 and bodiless operations.
 */
export async function readResult(
  operation: string,
  spec: OperationSpec,
  response: Response,
  maxResponseBytes: number,
  reading: AttemptReading,
  /** The bearer token of the attempt, scrubbed from what the error quotes of the answer. */
  token: string,
): Promise<unknown> {
  const { status } = response;
  if (status === 204) {
    discardAnswer(response);
    return undefined;
  }
  const type = mediaType(response);
  if (spec.answer === 'json' && !JSON_TYPE.test(type)) {
    discardAnswer(response);
    // A hostile server may echo the request (its Authorization header too) into the content type.
    const shown = createRedactor([token])(type)
      .slice(0, 60)
      .replace(/[^\w./+[\]-]/g, '?');
    throw new InvalidResponseError(
      `${operation} failed: the service answered ${status} with ${type === '' ? 'no content type' : `content type ${shown}`}, not JSON; is baseUrl the MMD API?`,
      { operation, status },
    );
  }
  const body = await readAnswerText(response, maxResponseBytes, reading);
  if (!body.ok) {
    throw new ResponseTooLargeError(
      `${operation} failed: the ${status} answer is larger than maxResponseBytes (${body.limit} bytes) and was not read.`,
      { operation, status, limit: body.limit },
    );
  }
  if (spec.answer === 'none') return undefined;
  // As `Response.text()` reads UTF-8: a byte order mark is not part of the text.
  const text = body.text.charCodeAt(0) === 0xfeff ? body.text.slice(1) : body.text;
  if (spec.answer === 'text') {
    if (type !== '' && !TEXT_TYPE.test(type) && !JSON_TYPE.test(type)) {
      throw new InvalidResponseError(
        `${operation} failed: the service answered ${status} with a body that is not text.`,
        {
          operation,
          status,
        },
      );
    }
    return text;
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new InvalidResponseError(
      `${operation} failed: the service answered ${status} with JSON that does not parse.`,
      {
        operation,
        status,
      },
    );
  }
}
