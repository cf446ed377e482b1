import { MmdError } from '@mmd-sdk/core';

/** What became of one credential of the default chain. */
export interface CredentialAttempt {
  /** The credential's class name, such as `WorkloadIdentityCredential`. */
  readonly credential: string;
  /** `skipped`: not configured here; `failed`: configured, but its configuration is wrong. */
  readonly outcome: 'skipped' | 'failed';
  /** Why, on one line, never with a secret. */
  readonly reason: string;
}

/**
 * Raised by `createDefaultCredential` when no credential can be used here: its message lists each
 * credential of the chain, one line each, with why it was skipped or failed (`credentials` holds
 * the same). A configuration error that made one fail is the `cause`.
 */
export class CredentialUnavailableError extends MmdError {
  static override readonly kind: string = 'CredentialUnavailableError';
  override readonly name: string = 'CredentialUnavailableError';
  /** Each credential of the chain, in order, and what became of it. */
  readonly credentials: readonly CredentialAttempt[];

  constructor(credentials: readonly CredentialAttempt[], options?: { cause?: unknown }) {
    const lines = credentials.map(
      ({ credential, outcome, reason }) => `  - ${credential} ${outcome}: ${reason}`,
    );
    super(`No credential is available in this environment; the chain tried:\n${lines.join('\n')}`, options);
    this.credentials = Object.freeze([...credentials]);
  }
}
