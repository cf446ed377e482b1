/** A user-assigned managed identity assigned to the mock's Azure resource. */
export interface MockUserAssignedIdentity {
  /**
   * The identity's resource name: 3 to 128 letters, digits, hyphens and underscores, starting with a
   * letter or digit; unique among the user-assigned identities.
   */
  name: string;
  /**
   * Its client (application) ID GUID, what `client_id` names.
   * @default a GUID derived from the tenant and the name (the same on every start)
   */
  clientId?: string;
  /**
   * Its object (principal) ID GUID, what `object_id` / `principal_id` names and tokens carry in `oid`.
   * @default a GUID derived from the tenant and the name
   */
  objectId?: string;
  /**
   * Its Azure resource ID, what `msi_res_id` (IMDS) / `mi_res_id` (App Service) names:
   * `/subscriptions/{GUID}/resourceGroups/{group}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/{name}`.
   * @default one in a subscription derived from the tenant, resource group `mmd-mock`, ending in `name`
   */
  resourceId?: string;
}

/** The system-assigned identity's IDs, when a test needs fixed ones. */
export interface MockSystemAssignedIdentity {
  /** @default a GUID derived from the tenant */
  clientId?: string;
  /** @default a GUID derived from the tenant */
  objectId?: string;
}

/** Failures the managed identity endpoints answer first, for clients' retry tests. */
export interface MockManagedIdentityFailures {
  /** The status to answer: 410 (IMDS updating), 429 (throttled), 500 or 503 (transient). */
  status: 410 | 429 | 500 | 503;
  /** How many requests to fail before answering as usual: a whole number from 0 to 1000. */
  count: number;
  /**
   * The `Retry-After` seconds sent with a 429 or 503: a whole number from 0 to 86400.
   * @default 1
   */
  retryAfterSeconds?: number;
}

/**
 * The managed identities of the Azure resource (a VM, an App Service app) the code under test runs
 * on, as the mock's IMDS and App Service endpoints serve them.
 */
export interface MockManagedIdentityOptions {
  /**
   * The tenant the identities belong to, one of `tenants`' IDs.
   * @default the first tenant (MOCK_TENANT_ID unless `tenants` was given)
   */
  tenantId?: string;
  /**
   * The resource's system-assigned identity: `false` when it has none (requests for it are answered
   * as the real endpoints answer them: identity not found).
   * @default true, with IDs derived from the tenant
   */
  systemAssigned?: boolean | MockSystemAssignedIdentity;
  /**
   * The user-assigned identities assigned to the resource.
   * @default none
   */
  userAssigned?: MockUserAssignedIdentity[];
  /**
   * Answer the next `count` token requests with `status` first; change it later through
   * `model.managedIdentityFailures`.
   * @default none
   */
  failFirst?: MockManagedIdentityFailures;
}
