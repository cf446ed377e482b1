import { MmdConfigurationError } from './errors';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Checks `tenantId`: the MMD API takes the tenant's Entra ID, a GUID. */
export function validateTenantId(tenantId: unknown, where: string): string {
  if (typeof tenantId !== 'string' || !GUID.test(tenantId)) {
    throw new MmdConfigurationError(
      `${where}: tenantId must be the tenant's Entra ID, a GUID such as 5b1e8f62-0c39-4f5e-9d8f-2f1a7f3c9e10.`,
    );
  }
  return tenantId;
}

/**
 * Prepares the path parameters of one call: fills `tenantId` from the client when the operation is
 * tenant-scoped, rejects values that would change the path (empty, `.` and `..`, which URL parsing
 * would resolve away), and quotes OData key literals (`'` doubled). Percent-encoding is the generated
 * client's job, so `/`, `?`, `#` and `%` stay inside their segment.
 */
export function preparePathParameters(
  operation: string,
  path: Record<string, unknown> | undefined,
  spec: { tenantScoped: boolean; pathNames: readonly string[]; odataKey?: string },
  clientTenantId: string | undefined,
): Record<string, string> | undefined {
  if (spec.pathNames.length === 0) return undefined;
  const prepared: Record<string, string> = {};
  for (const [name, value] of Object.entries(path ?? {})) {
    if (value === undefined) continue;
    if (typeof value !== 'string' || value === '' || value === '.' || value === '..') {
      throw new MmdConfigurationError(
        `${operation}: path.${name} must be a non-empty string other than "." and "..".`,
      );
    }
    prepared[name] = value;
  }
  if (spec.tenantScoped) {
    const tenantId = prepared.tenantId ?? clientTenantId;
    if (tenantId === undefined) {
      throw new MmdConfigurationError(
        `${operation} needs a tenantId: pass tenantId to createMmdClient or path.tenantId to this call.`,
      );
    }
    prepared.tenantId = validateTenantId(tenantId, operation);
  }
  for (const name of spec.pathNames) {
    if (prepared[name] === undefined) throw new MmdConfigurationError(`${operation} needs path.${name}.`);
  }
  if (spec.odataKey !== undefined) {
    prepared[spec.odataKey] = (prepared[spec.odataKey] as string).replaceAll("'", "''");
  }
  return prepared;
}
