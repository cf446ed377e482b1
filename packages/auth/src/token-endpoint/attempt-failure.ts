import type { TokenRequestErrorDetails } from './token-request-error';

/** The failure of one attempt, with what the retry loop needs to decide on another. */
export class AttemptFailure {
  constructor(
    readonly message: string,
    readonly details: Omit<TokenRequestErrorDetails, 'attempts'>,
    /** How long the endpoint asked to wait before another attempt, in milliseconds. */
    readonly retryAfter?: number,
    readonly cause?: unknown,
  ) {}
}
