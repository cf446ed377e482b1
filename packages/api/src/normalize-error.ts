import { AuthenticationError as TokenAuthenticationError } from '@mmd-sdk/mmd-auth';
import { AbortError, ConnectionError, MmdApiError, MmdError, TimeoutError } from './errors';

/**
 * Turns whatever a call threw into an `MmdError`: HTTP errors already are (the error interceptor
 * builds them); ky's timeout, an aborted signal and fetch's network failure get their own classes.
 * Errors of `@mmd-sdk/mmd-auth` (a token that could not be had) pass through unchanged.
 */
export function normalizeError(
  error: unknown,
  context: { operation: string; signal: AbortSignal | undefined; timeout: number; origin: string },
): MmdError | TokenAuthenticationError {
  if (error instanceof MmdError || error instanceof TokenAuthenticationError) return error;
  const { operation } = context;
  const name = error instanceof Error ? error.name : '';
  if (context.signal?.aborted) {
    return new AbortError(`${operation} was aborted.`, { operation }, { cause: context.signal.reason });
  }
  if (name === 'TimeoutError') {
    // ky's TimeoutError holds the Request, Authorization header included: it must not ride along as `cause`.
    return new TimeoutError(`${operation} failed: no answer within ${context.timeout} ms.`, { operation });
  }
  if (name === 'AbortError')
    return new AbortError(`${operation} was aborted.`, { operation }, { cause: error });
  if (error instanceof TypeError) {
    const reason = error.cause instanceof Error ? error.cause.message : error.message;
    return new ConnectionError(
      `${operation} failed: could not reach ${context.origin}: ${reason}.`,
      { operation },
      { cause: error },
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  const carriesRequest =
    typeof error === 'object' && error !== null && ('request' in error || 'options' in error);
  return new MmdApiError(
    `${operation} failed: ${message}`,
    { operation },
    carriesRequest ? undefined : { cause: error },
  );
}
