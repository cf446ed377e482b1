import {
  checkCallLimits,
  checkClientId,
  checkKnownKeys,
  checkLogger,
  checkNonEmptyString,
  checkNumber,
  checkOptionalFunction,
  checkOptionsObject,
  checkTenantId,
  createLeveledLogger,
  DEFAULT_MAX_TOKEN_RESPONSE_BYTES,
  type LeveledLogger,
  parseServiceUrl,
  resolveLogLevel,
  serviceUrlText,
} from '@mmd-sdk/core';
import {
  DEFAULT_AUTHORITY_HOST,
  DEFAULT_MAX_RETRIES,
  DEFAULT_REFRESH_BEFORE_EXPIRY_MS,
  DEFAULT_TIMEOUT_MS,
} from './constants';
import type { CommonCredentialOptions } from './types';

/** Common options with their defaults applied and checked. */
export interface ResolvedCommonOptions {
  readonly authorityHost: string;
  readonly fetch: typeof fetch | undefined;
  readonly timeout: number;
  readonly maxRetries: number;
  readonly maxRetryDelay: number;
  readonly maxResponseBytes: number;
  readonly refreshBeforeExpiry: number;
  readonly logger: LeveledLogger;
}

/** The option names every credential takes, besides its own. */
export const COMMON_OPTION_NAMES = [
  'authorityHost',
  'fetch',
  'timeout',
  'maxRetries',
  'maxRetryDelay',
  'maxResponseBytes',
  'refreshBeforeExpiry',
  'logger',
  'logLevel',
] as const;

export const validateTenantId = (value: unknown, option = 'tenantId') =>
  checkTenantId(value, option, { domain: true });

export const validateClientId = (value: unknown, option = 'clientId') => checkClientId(value, option);

export const validateNonEmptyString = checkNonEmptyString;

/** Checks the options object of a credential constructor: an object, with no key it does not know. */
export function checkCredentialOptions(
  options: unknown,
  credential: string,
  ownOptions: readonly string[],
): Record<string, unknown> {
  const object = checkOptionsObject(options, 'options', `new ${credential}({ tenantId, clientId, … })`);
  checkKnownKeys(object, [...ownOptions, ...COMMON_OPTION_NAMES], 'options');
  return object;
}

export function normalizeAuthorityHost(value: unknown, option = 'authorityHost'): string {
  if (value === undefined) return DEFAULT_AUTHORITY_HOST;
  return serviceUrlText(parseServiceUrl(value, option, DEFAULT_AUTHORITY_HOST));
}

export function resolveCommonOptions(options: CommonCredentialOptions = {}): ResolvedCommonOptions {
  return {
    authorityHost: normalizeAuthorityHost(options.authorityHost),
    fetch: checkOptionalFunction<typeof fetch>(
      options.fetch,
      'fetch',
      'a function with the signature of globalThis.fetch',
    ),
    ...checkCallLimits(options, {
      timeout: DEFAULT_TIMEOUT_MS,
      maxRetries: DEFAULT_MAX_RETRIES,
      maxResponseBytes: DEFAULT_MAX_TOKEN_RESPONSE_BYTES,
      maxResponseBytesCeiling: 16 * 1024 * 1024,
    }),
    refreshBeforeExpiry: checkNumber(options.refreshBeforeExpiry, {
      option: 'refreshBeforeExpiry',
      fallback: DEFAULT_REFRESH_BEFORE_EXPIRY_MS,
      min: 0,
      unit: 'milliseconds',
    }),
    logger: createLeveledLogger(checkLogger(options.logger), resolveLogLevel(options.logLevel), 'mmd-auth'),
  };
}
