import { InvalidResponseError } from './api-errors';

/** The error of an answer whose status no `Response` can hold (600 and above). */
export function unknownStatusError(operation: string, status: number): InvalidResponseError {
  return new InvalidResponseError(
    `${operation} failed: the service answered with status ${status}, which HTTP does not define; is baseUrl the MMD API?`,
    { operation, status },
  );
}
