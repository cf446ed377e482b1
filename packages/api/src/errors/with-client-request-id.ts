import type { MmdError } from '@mmd-sdk/core';
import { MmdApiError } from './api-errors';

/**
 * The error a call fails with, carrying the call's `client-request-id`. Errors are raised deep in an
 * attempt, before the call is known; the id is set once here, before the caller sees the error.
 */
export function withClientRequestId(error: MmdError, clientRequestId: string): MmdError {
  if (error instanceof MmdApiError && error.clientRequestId === undefined) {
    Object.defineProperty(error, 'clientRequestId', { value: clientRequestId, enumerable: true });
  }
  return error;
}
