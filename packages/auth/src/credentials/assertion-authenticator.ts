import { MmdConfigurationError } from '@mmd-sdk/core';
import { clientAssertionFields } from '../token-endpoint/client-assertion-fields';
import type { ClientAuthenticator } from './authenticator';

/** Sends what `getAssertion` returns, asked anew for every attempt (a federated token file is read anew). */
export function assertionAuthenticator(
  getAssertion: (abortSignal: AbortSignal) => string | Promise<string>,
): ClientAuthenticator {
  let lastAssertion = '';
  return {
    async formFields(signal) {
      const assertion = await getAssertion(signal);
      if (typeof assertion !== 'string' || assertion.trim() === '') {
        throw new MmdConfigurationError(
          'getAssertion',
          'getAssertion returned no assertion; it must return a non-empty signed JWT (check the federated token file or your signer).',
        );
      }
      lastAssertion = assertion.trim();
      return clientAssertionFields(lastAssertion);
    },
    secrets: () => [lastAssertion],
  };
}
