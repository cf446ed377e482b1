import {
  DEFAULT_AUTHORITY_HOST,
  DEFAULT_MAX_RETRIES,
  DEFAULT_REFRESH_BEFORE_EXPIRY_MS,
  DEFAULT_TIMEOUT_MS,
  MMD_SCOPE,
} from './constants';
import { CredentialConfigurationError } from './errors';
import type { CommonCredentialOptions, Logger } from './types';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/i;
const MULTI_TENANT_ALIASES = ['common', 'organizations', 'consumers'];

/** Common options with their defaults applied and checked. */
export interface ResolvedCommonOptions {
  readonly authorityHost: string;
  readonly fetch: typeof fetch | undefined;
  readonly timeout: number;
  readonly maxRetries: number;
  readonly refreshBeforeExpiry: number;
  readonly logger: Logger;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return value === '' ? 'an empty string' : 'a string';
  return value === null ? 'null' : typeof value;
}

export function validateTenantId(tenantId: unknown, option = 'tenantId'): string {
  if (typeof tenantId !== 'string' || tenantId.trim() === '') {
    throw new CredentialConfigurationError(
      option,
      `${option} is required: pass the directory (tenant) ID GUID from the app's Overview page in the Entra admin center (got ${describe(tenantId)}).`,
    );
  }
  if (MULTI_TENANT_ALIASES.includes(tenantId.toLowerCase())) {
    throw new CredentialConfigurationError(
      option,
      `${option} "${tenantId}" is a multi-tenant alias; the client-credentials grant needs the customer's own tenant ID (a GUID) or verified domain.`,
    );
  }
  if (!GUID.test(tenantId) && !DOMAIN.test(tenantId)) {
    throw new CredentialConfigurationError(
      option,
      `${option} must be a GUID or a domain name such as contoso.onmicrosoft.com; it contains characters neither may have.`,
    );
  }
  return tenantId;
}

export function validateClientId(clientId: unknown, option = 'clientId'): string {
  if (typeof clientId !== 'string' || !GUID.test(clientId)) {
    throw new CredentialConfigurationError(
      option,
      `${option} must be the application (client) ID GUID from the app's Overview page; got ${typeof clientId === 'string' && clientId !== '' ? 'a value that is not a GUID' : describe(clientId)}.`,
    );
  }
  return clientId;
}

export function validateNonEmptyString(value: unknown, option: string, fix: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new CredentialConfigurationError(option, `${option} is required: ${fix} (got ${describe(value)}).`);
  }
  return value;
}

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

export function normalizeAuthorityHost(value: unknown, option = 'authorityHost'): string {
  if (value === undefined) return DEFAULT_AUTHORITY_HOST;
  let url: URL;
  try {
    url = new URL(String(value));
  } catch {
    throw new CredentialConfigurationError(
      option,
      `${option} must be an absolute URL such as ${DEFAULT_AUTHORITY_HOST}.`,
    );
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    throw new CredentialConfigurationError(
      option,
      `${option} must use https (plain http is allowed only for loopback test servers); got ${url.protocol}//${url.host}.`,
    );
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new CredentialConfigurationError(
      option,
      `${option} must be a bare origin such as ${DEFAULT_AUTHORITY_HOST}, without credentials, query or fragment.`,
    );
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function validateNumber(
  value: unknown,
  option: string,
  fallback: number,
  minimum: number,
  integer = false,
): number {
  if (value === undefined) return fallback;
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value < minimum ||
    (integer && !Number.isInteger(value))
  ) {
    throw new CredentialConfigurationError(
      option,
      `${option} must be ${integer ? 'a whole number' : 'a finite number'} of at least ${minimum} (default ${fallback}).`,
    );
  }
  return value;
}

const defaultLogger: Logger = {
  warn: (message) => console.warn(message),
  error: (message) => console.error(message),
};

export function resolveCommonOptions(options: CommonCredentialOptions = {}): ResolvedCommonOptions {
  if (options.fetch !== undefined && typeof options.fetch !== 'function') {
    throw new CredentialConfigurationError(
      'fetch',
      'fetch must be a function with the signature of globalThis.fetch.',
    );
  }
  return {
    authorityHost: normalizeAuthorityHost(options.authorityHost),
    fetch: options.fetch,
    timeout: validateNumber(options.timeout, 'timeout', DEFAULT_TIMEOUT_MS, 1),
    maxRetries: validateNumber(options.maxRetries, 'maxRetries', DEFAULT_MAX_RETRIES, 0, true),
    refreshBeforeExpiry: validateNumber(
      options.refreshBeforeExpiry,
      'refreshBeforeExpiry',
      DEFAULT_REFRESH_BEFORE_EXPIRY_MS,
      0,
    ),
    logger: options.logger ?? defaultLogger,
  };
}

/** Turns the `scopes` argument of `getToken` into a sorted, de-duplicated list of `.default` scopes. */
export function normalizeScopes(scopes: string | readonly string[] | undefined): string[] {
  const list = scopes === undefined ? [MMD_SCOPE] : typeof scopes === 'string' ? [scopes] : [...scopes];
  if (list.length === 0) {
    throw new CredentialConfigurationError(
      'scopes',
      `scopes must not be empty; for the MMD API use ${MMD_SCOPE}.`,
    );
  }
  for (const scope of list) {
    if (typeof scope !== 'string' || scope === '' || /\s/.test(scope)) {
      throw new CredentialConfigurationError(
        'scopes',
        'each scope must be a non-empty string without spaces; pass several scopes as an array.',
      );
    }
    if (!scope.toLowerCase().endsWith('/.default')) {
      throw new CredentialConfigurationError(
        'scopes',
        `the client-credentials grant only accepts "<resource>/.default" scopes; for the MMD API use ${MMD_SCOPE}.`,
      );
    }
  }
  return [...new Set(list)].sort();
}
