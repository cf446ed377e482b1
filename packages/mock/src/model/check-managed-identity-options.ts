import { checkKnownKeys, checkNumberInRange, checkOptionsObject, EXAMPLE_GUID, isGuid } from '@mmd-sdk/core';
import { checkArray, checkString, MOCK_STYLE, requireEntry, requireString } from '../options/check-values';
import { MockConfigurationError } from '../options/mock-configuration-error';
import type { MockManagedIdentityFailures, MockManagedIdentityOptions } from './managed-identity-options';

const OPTION = 'managedIdentity';
const KEYS = ['tenantId', 'systemAssigned', 'userAssigned', 'failFirst'];
const SYSTEM_KEYS = ['clientId', 'objectId'];
const USER_KEYS = ['name', 'clientId', 'objectId', 'resourceId'];
const FAILURE_KEYS = ['status', 'count', 'retryAfterSeconds'];
const FAILURE_STATUSES = [410, 429, 500, 503];
/** Azure's rule for a user-assigned identity's name. */
const IDENTITY_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{2,127}$/;
const RESOURCE_ID =
  /^\/subscriptions\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/resourceGroups\/[-\w.()]{1,90}\/providers\/Microsoft\.ManagedIdentity\/userAssignedIdentities\/[A-Za-z0-9][A-Za-z0-9_-]{2,127}$/i;
const GUID_SHAPE = { test: isGuid };
const NAME_SHAPE =
  'the identity\'s name: 3 to 128 letters, digits, "-" and "_", starting with a letter or digit';
const RESOURCE_ID_SHAPE =
  '/subscriptions/{GUID}/resourceGroups/{group}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/{name}';

/** Checks `managedIdentity.failFirst`, given as an option or assigned to the model later; returns a copy. */
export function checkManagedIdentityFailures(
  value: unknown,
  option = `${OPTION}.failFirst`,
): MockManagedIdentityFailures | undefined {
  if (value === undefined) return undefined;
  const failures = checkOptionsObject(value, option, '{ status: 429, count: 2 }', MOCK_STYLE);
  checkKnownKeys(failures, FAILURE_KEYS, option, MOCK_STYLE);
  if (!FAILURE_STATUSES.includes(failures.status as number)) {
    throw new MockConfigurationError(
      `${option}.status`,
      `${option}.status must be ${FAILURE_STATUSES.join(', ')} (the statuses IMDS asks clients to retry); got ${MOCK_STYLE.describe(failures.status)}.`,
    );
  }
  const count = checkNumberInRange(
    failures.count,
    {
      option: `${option}.count`,
      min: 0,
      max: 1_000,
      integer: true,
      note: '(how many token requests fail first)',
    },
    MOCK_STYLE,
  );
  const retryAfterSeconds =
    failures.retryAfterSeconds === undefined
      ? undefined
      : checkNumberInRange(
          failures.retryAfterSeconds,
          {
            option: `${option}.retryAfterSeconds`,
            min: 0,
            max: 86_400,
            integer: true,
            note: '(the Retry-After header of a 429 or 503)',
          },
          MOCK_STYLE,
        );
  return {
    status: failures.status as MockManagedIdentityFailures['status'],
    count,
    ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
  };
}

/** Refuses an ID used by another identity before it. */
function claim(seen: Set<string>, value: string | undefined, option: string, what: string): void {
  if (value === undefined) return;
  if (seen.has(value.toLowerCase())) {
    throw new MockConfigurationError(
      option,
      `${option} is used by another managed identity; give each identity its own ${what}.`,
    );
  }
  seen.add(value.toLowerCase());
}

function checkSystemAssigned(value: unknown, ids: Set<string>): void {
  if (value === undefined || typeof value === 'boolean') return;
  const option = `${OPTION}.systemAssigned`;
  const system = checkOptionsObject(value, option, 'true, false, or { clientId, objectId }', MOCK_STYLE);
  checkKnownKeys(system, SYSTEM_KEYS, option, MOCK_STYLE);
  for (const key of SYSTEM_KEYS) {
    const id = checkString(system[key], `${option}.${key}`, GUID_SHAPE, `a GUID such as ${EXAMPLE_GUID}`);
    claim(ids, id, `${option}.${key}`, 'client and object ID');
  }
}

function checkUserAssigned(value: unknown, ids: Set<string>): void {
  const identities = checkArray(value, `${OPTION}.userAssigned`, "[{ name: 'sync-identity' }]");
  const names = new Set<string>();
  for (const [index, entry] of (identities ?? []).entries()) {
    const option = `${OPTION}.userAssigned[${index}]`;
    const identity = requireEntry(
      entry,
      option,
      "{ name: 'sync-identity', clientId?, objectId?, resourceId? }",
      USER_KEYS,
    );
    const name = requireString(identity.name, `${option}.name`, IDENTITY_NAME, NAME_SHAPE);
    claim(names, name, `${option}.name`, 'name');
    const unique: ReadonlyArray<readonly [string, { test(value: string): boolean }, string, string]> = [
      ['clientId', GUID_SHAPE, `a GUID such as ${EXAMPLE_GUID}`, 'client and object ID'],
      ['objectId', GUID_SHAPE, `a GUID such as ${EXAMPLE_GUID}`, 'client and object ID'],
      ['resourceId', RESOURCE_ID, RESOURCE_ID_SHAPE, 'resource ID'],
    ];
    for (const [key, pattern, shape, what] of unique) {
      claim(ids, checkString(identity[key], `${option}.${key}`, pattern, shape), `${option}.${key}`, what);
    }
  }
}

/** Checks the `managedIdentity` option against the IDs of the tenants the mock models. */
export function checkManagedIdentityOptions(
  value: unknown,
  tenantIds: readonly string[],
): MockManagedIdentityOptions | undefined {
  if (value === undefined) return undefined;
  const options = checkOptionsObject(value, OPTION, '{ userAssigned: [{ name }] }', MOCK_STYLE);
  checkKnownKeys(options, KEYS, OPTION, MOCK_STYLE);
  if (options.tenantId !== undefined) {
    const tenantId = requireString(
      options.tenantId,
      `${OPTION}.tenantId`,
      GUID_SHAPE,
      "one of the tenants' IDs",
    );
    if (!tenantIds.some((id) => id.toLowerCase() === tenantId.toLowerCase())) {
      throw new MockConfigurationError(
        `${OPTION}.tenantId`,
        `${OPTION}.tenantId names no tenant of the mock; give one of the tenants' IDs (${tenantIds.join(', ')}), or leave it out for the first.`,
      );
    }
  }
  const ids = new Set<string>();
  checkSystemAssigned(options.systemAssigned, ids);
  checkUserAssigned(options.userAssigned, ids);
  checkManagedIdentityFailures(options.failFirst);
  return options as MockManagedIdentityOptions;
}
