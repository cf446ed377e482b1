import { checkKnownKeys, checkOptionsObject } from '@mmd-sdk/core';
import { checkTenantOptions, TENANT_OPTION_KEYS } from '../model/check-tenant-options';
import type { MockTenantOptions } from '../model/mock-tenant-options';
import { describeMismatch, MOCK_STYLE } from '../options/check-values';
import { MockConfigurationError } from '../options/mock-configuration-error';

function checkBaseUrl(value: unknown, option: string, fallback: string): URL {
  if (value === undefined) return new URL(fallback);
  let url: URL | undefined;
  try {
    url = typeof value === 'string' ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (
    !url ||
    (url.protocol !== 'https:' && url.protocol !== 'http:') ||
    url.username ||
    url.password ||
    url.search ||
    url.hash
  ) {
    throw new MockConfigurationError(
      option,
      `${option} must be an absolute http(s) URL without credentials, query or fragment, such as ${fallback}; got ${describeMismatch(value)}.`,
    );
  }
  return url;
}

/** The options of `createMockTenant`, checked and split. */
interface CheckedHandlersOptions {
  readonly authorityHost: URL;
  readonly baseUrl: URL;
  readonly identityEndpoint: URL;
  readonly tenant: MockTenantOptions;
}

/** Checks the options of `createMockTenant`; `defaults` are the hosts it answers on unless told. */
export function checkHandlersOptions(
  value: unknown,
  defaults: { authorityHost: string; baseUrl: string; identityEndpoint: string },
): CheckedHandlersOptions {
  const options = checkOptionsObject(
    value,
    'options',
    'createMockTenant({ seed, deviceCount, … })',
    MOCK_STYLE,
  );
  checkKnownKeys(
    options,
    [...TENANT_OPTION_KEYS, 'authorityHost', 'baseUrl', 'identityEndpoint'],
    'options',
    MOCK_STYLE,
  );
  return {
    authorityHost: checkBaseUrl(options.authorityHost, 'authorityHost', defaults.authorityHost),
    baseUrl: checkBaseUrl(options.baseUrl, 'baseUrl', defaults.baseUrl),
    identityEndpoint: checkBaseUrl(options.identityEndpoint, 'identityEndpoint', defaults.identityEndpoint),
    tenant: checkTenantOptions(options),
  };
}
