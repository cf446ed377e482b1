import { createRedactorMemo, MmdConfigurationError, type Redactor } from '@mmd-sdk/core';
import type { TokenIssuer } from '../credentials/token-client';
import { AttemptFailure } from '../token-endpoint/attempt-failure';
import { runAttempts } from '../token-endpoint/attempt-loop';
import { withoutJwts } from '../token-endpoint/issued-tokens';
import { sendAttempt } from '../token-endpoint/send-attempt';
import type { RequestTrace, TokenRequestOptions, TokenResult } from '../token-endpoint/token-request';
import type { IdentityEndpoint } from './identity-endpoint';
import { MANAGED_IDENTITY_RETRYABLE_STATUSES, managedIdentityRetry } from './managed-identity-retry';

const DEFAULT_SUFFIX = '/.default';
/** Managed identity tokens live up to 24 hours; longer than this, they are refreshed half-way, as MSAL does. */
const HALF_LIFE_REFRESH_ABOVE_SECONDS = 2 * 60 * 60;

/** The hint for an endpoint that knows no such identity. */
const NO_IDENTITY_HINT =
  'no managed identity is assigned to this resource, or not the one named by clientId, objectId or resourceId; assign it in the portal (Identity) and check the ID';

function withHint(outcome: TokenResult | AttemptFailure): TokenResult | AttemptFailure {
  if (!(outcome instanceof AttemptFailure) || outcome.details.status !== 400 || outcome.details.hint)
    return outcome;
  return new AttemptFailure(
    outcome.message,
    { ...outcome.details, hint: NO_IDENTITY_HINT },
    outcome.retryAfter,
    outcome.cause,
  );
}

/** A result refreshed half-way through a long lifetime, unless the endpoint said when. */
function withRefresh(result: TokenResult): TokenResult {
  if (result.refreshInSeconds !== undefined || result.expiresInSeconds <= HALF_LIFE_REFRESH_ABOVE_SECONDS)
    return result;
  return { ...result, refreshInSeconds: result.expiresInSeconds / 2 };
}

/**
 * Gets tokens from a managed identity endpoint (IMDS or App Service): a `GET` with the resource (the
 * scope without `/.default`) and the identity's parameter, retried as IMDS asks.
 */
export class ManagedIdentityIssuer implements TokenIssuer {
  readonly #endpoint: IdentityEndpoint;
  readonly #options: TokenRequestOptions;
  readonly #redactor = createRedactorMemo();

  constructor(endpoint: IdentityEndpoint, options: TokenRequestOptions) {
    this.#endpoint = endpoint;
    this.#options = options;
  }

  checkScopes(scopes: readonly string[]): void {
    if (scopes.length !== 1) {
      throw new MmdConfigurationError(
        'scopes',
        'a managed identity gets a token for one resource at a time; pass a single "<resource>/.default" scope.',
      );
    }
  }

  async issue(scopes: readonly string[], trace: RequestTrace): Promise<TokenResult> {
    const [scope = ''] = scopes;
    const resource = scope.slice(0, scope.length - DEFAULT_SUFFIX.length);
    const options = this.#options;
    const redactor = (): Redactor =>
      withoutJwts(this.#redactor([...this.#endpoint.secrets, ...options.issuedTokens.values()]));
    const http = {
      url: this.#endpoint.tokenUrl(resource),
      method: 'GET' as const,
      headers: this.#endpoint.headers,
      retryableStatuses: MANAGED_IDENTITY_RETRYABLE_STATUSES,
      endpointOption: this.#endpoint.source === 'IMDS' ? 'imdsEndpoint' : 'IDENTITY_ENDPOINT',
    };
    const context = { options, trace, redact: redactor };
    const result = await runAttempts({
      send: async (signal) => withHint(await sendAttempt(http, context, signal)),
      redactor,
      options,
      trace,
      retry: managedIdentityRetry(options),
    });
    return withRefresh(result);
  }
}
