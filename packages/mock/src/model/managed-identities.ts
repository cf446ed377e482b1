import { deterministicUuid } from '../entra/service-principal-id';
import type { MockManagedIdentityOptions } from './managed-identity-options';

/** The resource group of the identities and the VM the mock derives. */
const RESOURCE_GROUP = 'mmd-mock';

/** One managed identity the endpoints issue tokens for, with every ID resolved. */
export interface ManagedIdentity {
  /** `system` for the resource's own identity, else the user-assigned identity's name. */
  readonly kind: 'system-assigned' | 'user-assigned';
  readonly name: string;
  readonly clientId: string;
  readonly objectId: string;
  /** The identity's Azure resource ID (for the system-assigned one, the resource it belongs to). */
  readonly resourceId: string;
}

/** What `server.managedIdentity` and `tenant.managedIdentity` report of the identities: no secrets here. */
export interface MockManagedIdentityInfo {
  /** The tenant the identities belong to. */
  readonly tenantId: string;
  /** The system-assigned identity, or `undefined` when `systemAssigned: false`. */
  readonly systemAssigned: { readonly clientId: string; readonly objectId: string } | undefined;
  readonly userAssigned: ReadonlyArray<{
    readonly name: string;
    readonly clientId: string;
    readonly objectId: string;
    readonly resourceId: string;
  }>;
}

/** How a request names a user-assigned identity, by the ID it gives. */
export type IdentitySelector = {
  readonly by: 'clientId' | 'objectId' | 'resourceId';
  readonly value: string;
};

/** The managed identities of the mock's Azure resource, resolved from the checked options. */
export class ManagedIdentities {
  readonly tenantId: string;
  readonly systemAssigned: ManagedIdentity | undefined;
  readonly userAssigned: readonly ManagedIdentity[];

  constructor(tenantId: string, options: MockManagedIdentityOptions = {}) {
    this.tenantId = tenantId;
    const tenant = tenantId.toLowerCase();
    const subscription = deterministicUuid('subscription', tenant);
    const group = `/subscriptions/${subscription}/resourceGroups/${RESOURCE_GROUP}/providers`;
    const system = options.systemAssigned ?? true;
    this.systemAssigned =
      system === false
        ? undefined
        : {
            kind: 'system-assigned',
            name: 'mmd-mock-vm',
            clientId:
              (system === true ? undefined : system.clientId) ?? deterministicUuid('mi-client', tenant),
            objectId:
              (system === true ? undefined : system.objectId) ?? deterministicUuid('mi-object', tenant),
            resourceId: `${group}/Microsoft.Compute/virtualMachines/mmd-mock-vm`,
          };
    this.userAssigned = (options.userAssigned ?? []).map((identity) => ({
      kind: 'user-assigned',
      name: identity.name,
      clientId: identity.clientId ?? deterministicUuid('mi-client', tenant, identity.name),
      objectId: identity.objectId ?? deterministicUuid('mi-object', tenant, identity.name),
      resourceId:
        identity.resourceId ?? `${group}/Microsoft.ManagedIdentity/userAssignedIdentities/${identity.name}`,
    }));
  }

  /** The identity a request names (case-insensitively), the system-assigned one for none; `undefined` when it has none such. */
  find(selector: IdentitySelector | undefined): ManagedIdentity | undefined {
    if (!selector) return this.systemAssigned;
    const wanted = selector.value.toLowerCase();
    return this.userAssigned.find((identity) => identity[selector.by].toLowerCase() === wanted);
  }

  /** The display name of the identity with this client ID, for the API's records of callers. */
  nameOf(clientId: string): string | undefined {
    const wanted = clientId.toLowerCase();
    return [this.systemAssigned, ...this.userAssigned].find(
      (identity) => identity?.clientId.toLowerCase() === wanted,
    )?.name;
  }

  /** The public description of the identities. */
  info(): MockManagedIdentityInfo {
    const system = this.systemAssigned;
    return {
      tenantId: this.tenantId,
      systemAssigned: system && { clientId: system.clientId, objectId: system.objectId },
      userAssigned: this.userAssigned.map(({ name, clientId, objectId, resourceId }) => ({
        name,
        clientId,
        objectId,
        resourceId,
      })),
    };
  }
}
