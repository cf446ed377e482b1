import type { CommonCredentialOptions } from '../credentials/common-options';

/** Options of `ManagedIdentityCredential`: which identity, and the common options but `authorityHost`. */
export interface ManagedIdentityCredentialOptions extends Omit<CommonCredentialOptions, 'authorityHost'> {
  /**
   * The client (application) ID GUID of a user-assigned managed identity, to use it rather than the
   * resource's system-assigned one. Give at most one of `clientId`, `objectId` and `resourceId`.
   * @default none: the system-assigned identity
   */
  clientId?: string;
  /**
   * The object (principal) ID GUID of a user-assigned managed identity.
   * @default none: the system-assigned identity
   */
  objectId?: string;
  /**
   * The Azure resource ID of a user-assigned managed identity,
   * `/subscriptions/…/resourceGroups/…/providers/Microsoft.ManagedIdentity/userAssignedIdentities/…`,
   * for identities created by a template, whose client ID is not known ahead.
   * @default none: the system-assigned identity
   */
  resourceId?: string;
  /**
   * Where IMDS answers, as `AZURE_POD_IDENTITY_AUTHORITY_HOST` gives it (AKS pod identity, a local
   * emulator, tests): an http or https origin to which `/metadata/identity/oauth2/token` is appended.
   * When given, IMDS is asked even where App Service's variables are set.
   * @default AZURE_POD_IDENTITY_AUTHORITY_HOST, else http://169.254.169.254 (App Service and Functions: IDENTITY_ENDPOINT)
   */
  imdsEndpoint?: string;
}

/** The option names of `ManagedIdentityCredential` besides the common ones. */
export const MANAGED_IDENTITY_OPTION_NAMES = ['clientId', 'objectId', 'resourceId', 'imdsEndpoint'] as const;
