import { checkTenantId, MmdConfigurationError } from '@mmd-sdk/core';
import type { OperationSpec } from './operation-spec';

/** Checks `tenantId`: the MMD API's paths take the tenant's Entra ID, a GUID. */
export function validateTenantId(tenantId: unknown, option: string): string {
  return checkTenantId(tenantId, option, { domain: false });
}

/** Whether a string has no lone surrogate, which no URL encoding can carry. */
export function isWellFormed(value: string): boolean {
  return (value as string & { isWellFormed(): boolean }).isWellFormed();
}

/**
 * Prepares the path parameters of one call: fills `tenantId` from the client when the operation is
 * tenant-scoped, rejects values that would change the path (empty, `.` and `..`, which URL parsing
 * would resolve away, and `/` or `\`, which a gateway may decode into a separator after the check),
 * and quotes OData key literals (`'` doubled). Percent-encoding is the generated client's job, so
 * `?`, `#` and `%` stay inside their segment.
 */
export function preparePathParameters(
  operation: string,
  path: Record<string, unknown> | undefined,
  spec: Pick<OperationSpec, 'tenantScoped' | 'pathParams' | 'odataKeys'>,
  clientTenantId: string | undefined,
): Record<string, string> | undefined {
  if (spec.pathParams.length === 0) return undefined;
  const prepared: Record<string, string> = {};
  for (const [name, value] of Object.entries(path ?? {})) {
    if (value === undefined) continue;
    if (!spec.pathParams.includes(name)) {
      throw new MmdConfigurationError(
        `path.${name}`,
        `${operation} has no path parameter ${name}; it takes ${spec.pathParams.join(', ')}.`,
      );
    }
    if (
      typeof value !== 'string' ||
      value === '' ||
      value === '.' ||
      value === '..' ||
      /[/\\]/.test(value) ||
      !isWellFormed(value)
    ) {
      throw new MmdConfigurationError(
        `path.${name}`,
        `${operation}: path.${name} must be a non-empty string other than "." and "..", without "/", "\\" or lone surrogates.`,
      );
    }
    prepared[name] = value;
  }
  if (spec.tenantScoped) {
    const tenantId = prepared.tenantId ?? clientTenantId;
    if (tenantId === undefined) {
      throw new MmdConfigurationError(
        'tenantId',
        `${operation} needs a tenantId: pass tenantId to createMmdClient or path.tenantId to this call.`,
      );
    }
    // The client's own tenantId was checked when the client was made; a per-call one is checked here.
    prepared.tenantId =
      prepared.tenantId === undefined ? tenantId : validateTenantId(tenantId, 'path.tenantId');
  }
  for (const name of spec.pathParams) {
    if (prepared[name] === undefined) {
      throw new MmdConfigurationError(`path.${name}`, `${operation} needs path.${name}.`);
    }
  }
  for (const name of spec.odataKeys) {
    prepared[name] = (prepared[name] as string).replaceAll("'", "''");
  }
  return prepared;
}
