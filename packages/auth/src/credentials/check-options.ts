import {
  checkCallLimits,
  checkClientId,
  checkKnownKeys,
  checkLogger,
  checkNumber,
  checkOptionalBoolean,
  checkOptionalFunction,
  checkOptionalSignal,
  checkOptionsObject,
  checkTenantId,
  createLeveledLogger,
  DEFAULT_MAX_TOKEN_RESPONSE_BYTES,
  parseServiceUrl,
  resolveLogLevel,
  serviceUrlText,
} from '@mmd-sdk/core';
import { resolveTokenCache, type StoreSettings } from '../cache/token-cache-options';
import { optionsFromArguments } from '../shared/positional-arguments';
import { IssuedTokens } from '../token-endpoint/issued-tokens';
import type { TokenRequestOptions } from '../token-endpoint/token-request';
import { COMMON_OPTION_NAMES, type CommonCredentialOptions, DEFAULT_AUTHORITY_HOST } from './common-options';

/** The options that say who a credential asks tokens for: every credential's but `EnvironmentCredential`. */
export interface ClientIdentityOptions extends CommonCredentialOptions {
  tenantId: string;
  clientId: string;
}

/** How a credential asks for tokens and keeps them, checked, with the defaults applied. */
export interface CommonSettings {
  readonly requests: TokenRequestOptions;
  readonly refreshBeforeExpiry: number;
  /** The token store and its key, when `cache` is set. */
  readonly store: StoreSettings | undefined;
}

/** Who a client-credentials credential asks tokens for and how, checked, with the defaults applied. */
export interface ClientSettings extends CommonSettings {
  readonly tenantId: string;
  readonly clientId: string;
  readonly authorityHost: string;
  /** `{authorityHost}/{tenantId}/oauth2/v2.0/token`. */
  readonly tokenUrl: string;
}

/** An attempt's deadline; the retries and the wait between them come on top. */
const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_RETRIES = 3;
const DEFAULT_REFRESH_BEFORE_EXPIRY_MS = 5 * 60_000;
/** The largest `maxResponseBytes` accepted: a thousand times an Entra answer. */
const MAX_RESPONSE_BYTES_CEILING = 16 * 1024 * 1024;

/** Checks that `options` is an object with no key a credential does not know (a typo such as `clientSecert`). */
function checkKeys(options: unknown, fix: string, ownOptions: readonly string[]): Record<string, unknown> {
  const object = checkOptionsObject(options, 'options', fix);
  checkKnownKeys(object, [...ownOptions, ...COMMON_OPTION_NAMES], 'options');
  return object;
}

/**
 * A credential constructor's arguments as one checked options object: the options form as it is, or
 * `@azure/identity`'s positional `(tenantId, clientId, <authentication>, options?)`, read by
 * `authentication`. Own properties only, no unknown key.
 */
export function readCredentialArguments<Options extends ClientIdentityOptions>(
  args: readonly unknown[],
  credential: string,
  authenticationOptions: readonly Exclude<keyof Options & string, keyof ClientIdentityOptions>[],
  authentication: (value: unknown) => Record<string, unknown>,
): Partial<Options> {
  const options = optionsFromArguments(args, credential, authentication);
  const fix = `new ${credential}({ tenantId, clientId, … })`;
  // Unchecked values, typed as the options only claim: each is checked before it is used.
  return checkKeys(options, fix, ['tenantId', 'clientId', ...authenticationOptions]) as Partial<Options>;
}

/** `EnvironmentCredential`'s options: the common ones only. */
export function checkCommonOptions(options: unknown): CommonCredentialOptions {
  const fix = 'pass common credential options such as { timeout } or nothing';
  return checkKeys(options, fix, []) as CommonCredentialOptions;
}

/**
 * Checks the common options, in the order of the documentation, and applies the defaults. The
 * store's encryption key defaults to `MMD_TOKEN_CACHE_KEY` in `environment`.
 */
export function resolveCommonSettings(
  options: Partial<CommonCredentialOptions>,
  environment: NodeJS.ProcessEnv = process.env,
): CommonSettings {
  const fetch = checkOptionalFunction<typeof globalThis.fetch>(
    options.fetch,
    'fetch',
    'a function with the signature of globalThis.fetch',
  );
  const limits = checkCallLimits(options, {
    timeout: DEFAULT_TIMEOUT_MS,
    maxRetries: DEFAULT_MAX_RETRIES,
    maxResponseBytes: DEFAULT_MAX_TOKEN_RESPONSE_BYTES,
    maxResponseBytesCeiling: MAX_RESPONSE_BYTES_CEILING,
  });
  const refreshBeforeExpiry = checkNumber(options.refreshBeforeExpiry, {
    option: 'refreshBeforeExpiry',
    fallback: DEFAULT_REFRESH_BEFORE_EXPIRY_MS,
    min: 0,
    unit: 'milliseconds',
  });
  const logger = createLeveledLogger(
    checkLogger(options.logger),
    resolveLogLevel(options.logLevel),
    'mmd-auth',
  );
  const store = resolveTokenCache(options.cache, environment);
  return {
    requests: { fetch, ...limits, logger, issuedTokens: new IssuedTokens() },
    refreshBeforeExpiry,
    store,
  };
}

/** The authority host option, checked: https (plain http only to loopback), no query or fragment. */
export function resolveAuthorityHost(value: unknown): string {
  return value === undefined
    ? DEFAULT_AUTHORITY_HOST
    : serviceUrlText(parseServiceUrl(value, 'authorityHost', DEFAULT_AUTHORITY_HOST));
}

/** Checks `tenantId`, `clientId` and the common options, in that order, and applies the defaults. */
export function resolveClientSettings(options: Partial<ClientIdentityOptions>): ClientSettings {
  const tenantId = checkTenantId(options.tenantId, 'tenantId', { domain: true });
  const clientId = checkClientId(options.clientId, 'clientId');
  const authorityHost = resolveAuthorityHost(options.authorityHost);
  return {
    tenantId,
    clientId,
    authorityHost,
    tokenUrl: `${authorityHost}/${encodeURIComponent(tenantId)}/oauth2/v2.0/token`,
    ...resolveCommonSettings(options),
  };
}

/** Checks `getToken`'s options; other keys of `@azure/core-auth`'s (tracingOptions…) are accepted and unused. */
export function checkGetTokenOptions(options: unknown): void {
  const object = checkOptionsObject(
    options,
    'getToken options',
    'pass { abortSignal, forceRefresh } or nothing',
  );
  checkOptionalSignal(object.abortSignal, 'abortSignal');
  checkOptionalBoolean(object.forceRefresh, 'forceRefresh');
}
