import { MmdConfigurationError } from '../errors/configuration-error';
import { describeValue } from './describe-value';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/i;
const MULTI_TENANT_ALIASES = ['common', 'organizations', 'consumers'];
/** The GUID the messages give as an example, such as `a GUID such as 5b1e8f62-…`. */
export const EXAMPLE_GUID = '5b1e8f62-0c39-4f5e-9d8f-2f1a7f3c9e10';

export function isGuid(value: unknown): value is string {
  return typeof value === 'string' && GUID.test(value);
}

/** Whether a value is a domain name such as `contoso.onmicrosoft.com`: what a tenant's verified domain looks like. */
export function isDomain(value: unknown): value is string {
  return typeof value === 'string' && DOMAIN.test(value);
}

/**
 * Checks a tenant: its ID (a GUID) always, and its verified domain (`contoso.onmicrosoft.com`) where
 * `domain` allows it, as the token endpoint does; the MMD API's paths take the GUID only.
 */
export function checkTenantId(value: unknown, option: string, accepts: { domain: boolean }): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new MmdConfigurationError(
      option,
      `${option} is required: pass the directory (tenant) ID, a GUID from the Entra admin center's Overview page (got ${describeValue(value)}).`,
    );
  }
  if (MULTI_TENANT_ALIASES.includes(value.toLowerCase())) {
    throw new MmdConfigurationError(
      option,
      `${option} "${value}" is a multi-tenant alias; the client-credentials grant needs the customer's own tenant ID (a GUID)${accepts.domain ? ' or verified domain' : ''}.`,
    );
  }
  if (GUID.test(value) || (accepts.domain && DOMAIN.test(value))) return value;
  throw new MmdConfigurationError(
    option,
    accepts.domain
      ? `${option} must be the tenant ID (a GUID such as ${EXAMPLE_GUID}) or a verified domain such as contoso.onmicrosoft.com.`
      : `${option} must be the tenant's Entra ID, a GUID such as ${EXAMPLE_GUID}.`,
  );
}

/** Checks an application (client) ID: a GUID. */
export function checkClientId(value: unknown, option: string): string {
  if (!isGuid(value)) {
    throw new MmdConfigurationError(
      option,
      `${option} must be the application (client) ID, a GUID from the app registration's Overview page; got ${typeof value === 'string' && value !== '' ? 'a value that is not a GUID' : describeValue(value)}.`,
    );
  }
  return value;
}
