import {
  checkCallLimits,
  checkKnownKeys,
  checkLogger,
  checkOptionalBoolean,
  checkOptionalFunction,
  checkOptionsObject,
  createLeveledLogger,
  type LeveledLogger,
  type Logger,
  type LogLevel,
  MMD_SCOPE,
  normalizeScopes,
  resolveLogLevel,
} from '@mmd-sdk/core';
import { validateTenantId } from '../operations/path-parameters';
import { type BaseUrl, parseBaseUrl } from '../transport/request-target';
import { createUserAgent } from '../transport/user-agent';
import {
  CLIENT_OPTION_NAMES,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_MAX_RETRIES,
  DEFAULT_TIMEOUT_MS,
  type MmdClientOptions,
} from './client-options';

/** The client's options, checked, with their defaults. */
export interface ResolvedClientOptions {
  readonly raw: MmdClientOptions;
  readonly baseUrl: BaseUrl;
  readonly tenantId: string | undefined;
  readonly timeout: number;
  readonly maxRetries: number;
  readonly maxRetryDelay: number;
  readonly maxResponseBytes: number;
  readonly fetch: typeof fetch | undefined;
  readonly userAgent: string;
  readonly scopes: string | string[];
  readonly logger: Logger;
  readonly logLevel: LogLevel;
  readonly log: LeveledLogger;
  readonly propagateTraceContext: boolean;
}

/** The scopes as given, once `normalizeScopes` accepts them (the credential gets them unchanged). */
function checkScopes(scopes: unknown): string | string[] {
  if (scopes === undefined) return MMD_SCOPE;
  normalizeScopes(scopes);
  return scopes as string | string[];
}

/** Checks every option of `createMmdClient` before anything is built; unknown keys are refused. */
export function resolveClientOptions(options: unknown): ResolvedClientOptions {
  const fix = 'createMmdClient needs an options object with a credential, such as { credential, tenantId }';
  // `checkOptionsObject` reads `undefined` as `{}`; here the object is required.
  const raw = checkOptionsObject(options ?? null, 'options', fix) as MmdClientOptions;
  checkKnownKeys(raw as Record<string, unknown>, CLIENT_OPTION_NAMES, 'options');
  const logger = checkLogger(raw.logger);
  const logLevel = resolveLogLevel(raw.logLevel);
  return {
    raw,
    baseUrl: parseBaseUrl(raw.baseUrl),
    tenantId: raw.tenantId === undefined ? undefined : validateTenantId(raw.tenantId, 'tenantId'),
    ...checkCallLimits(raw, {
      timeout: DEFAULT_TIMEOUT_MS,
      maxRetries: DEFAULT_MAX_RETRIES,
      maxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES,
      maxResponseBytesCeiling: 1024 * 1024 * 1024,
    }),
    fetch: checkOptionalFunction<typeof fetch>(
      raw.fetch,
      'fetch',
      'a function with the signature of globalThis.fetch',
    ),
    userAgent: createUserAgent(raw.userAgent),
    scopes: checkScopes(raw.scopes),
    logger,
    logLevel,
    log: createLeveledLogger(logger, logLevel, 'mmd-api'),
    propagateTraceContext: checkOptionalBoolean(raw.propagateTraceContext, 'propagateTraceContext') ?? false,
  };
}
