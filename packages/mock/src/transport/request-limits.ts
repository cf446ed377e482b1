import { ApiFailure } from '../api/api-failure';

/** The limits the mock puts on the size of what it reads from a request, and the 4xx answers to requests over them. */

/** The longest request target (path and query) the mock reads; longer ones are answered 414. */
export const MAX_URL_LENGTH = 8_192;

/**
 * The most bytes of request line and headers Node's parser takes before it answers 431 itself. Above
 * `MAX_URL_LENGTH`, so that an overlong URL gets the mock's 414 rather than Node's 431.
 */
export const MAX_HEADER_BYTES = 65_536;

/** The largest request body the mock reads; larger ones are answered 413. */
export const MAX_BODY_BYTES = 1_048_576;

/** The 414 answer to a request target of `length` characters, over `MAX_URL_LENGTH`. */
export function uriTooLong(length: number): ApiFailure {
  return ApiFailure.odata(
    414,
    `The request URI is ${length} characters long; the mock reads at most ${MAX_URL_LENGTH}.`,
  );
}

/** The 413 answer to a body over `MAX_BODY_BYTES`. */
export function bodyTooLarge(): ApiFailure {
  return ApiFailure.odata(
    413,
    `The request body is larger than ${MAX_BODY_BYTES.toLocaleString('en')} bytes, the most the mock reads.`,
  );
}
