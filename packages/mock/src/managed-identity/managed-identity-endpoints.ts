import { randomBytes } from 'node:crypto';
import type { MockManagedIdentityInfo } from '../model/managed-identities';

/** Where a mock serves the managed identity endpoints, and the App Service secret it checks. */
export interface MockManagedIdentityEndpoints extends MockManagedIdentityInfo {
  /**
   * The IMDS origin: what `AZURE_POD_IDENTITY_AUTHORITY_HOST` (and the `imdsEndpoint` option of
   * `@mmd-sdk/mmd-auth`'s `ManagedIdentityCredential`) takes; `/metadata/identity/oauth2/token` is below it.
   */
  readonly imdsEndpoint: string;
  /** The IMDS token URL: `${imdsEndpoint}/metadata/identity/oauth2/token`. */
  readonly imdsTokenUrl: string;
  /** App Service's token URL: the value for `IDENTITY_ENDPOINT`. */
  readonly identityEndpoint: string;
  /**
   * The value for `IDENTITY_HEADER`, which requests to `identityEndpoint` carry as `X-IDENTITY-HEADER`:
   * random, made anew by each server or mock tenant, and never logged by the mock.
   */
  readonly identityHeader: string;
}

/** A fresh App Service secret, as the platform rotates one: 32 hex characters. */
export function newIdentityHeader(): string {
  return randomBytes(16).toString('hex');
}
