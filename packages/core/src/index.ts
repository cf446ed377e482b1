export {
  type BoundedText,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_MAX_TOKEN_RESPONSE_BYTES,
  discardBody,
  readBoundedText,
} from './body/read-bounded-text';
export { type Deadline, isDeadlineReason, startDeadline } from './deadline/deadline';
export { untilAborted } from './deadline/until-aborted';
export { type ConfigurationErrorClass, MmdConfigurationError } from './errors/configuration-error';
export { MmdError } from './errors/mmd-error';
export { describeCause, sanitizeCause } from './errors/sanitize-cause';
export {
  checkLogger,
  createLeveledLogger,
  isLogLevel,
  type LeveledLogger,
  type Logger,
  type LogLevel,
  resolveLogLevel,
} from './logging/logger';
export { checkedFetch } from './network/checked-fetch';
export { isLoopbackHost } from './network/loopback-host';
export {
  describeOrigin,
  isUnderServiceUrl,
  parseServiceUrl,
  servicePath,
  serviceUrlText,
} from './network/parse-service-url';
export {
  createRedactor,
  createRedactorMemo,
  REDACTED,
  type Redactor,
  redactDeep,
} from './redaction/create-redactor';
export { secretSpellings } from './redaction/secret-spellings';
export { backoffDelay } from './retry/backoff-delay';
export { type HeaderSource, headerGetter, parseRetryAfter } from './retry/retry-after';
export { DEFAULT_MAX_RETRY_DELAY_MS, worstCaseMs } from './retry/retry-limits';
export { sleep } from './retry/sleep';
export { loadOpenTelemetry, type OpenTelemetry } from './telemetry/open-telemetry';
export { MAX_ECHOED_TEXT, oneLine, sentence } from './text/one-line';
export { isBearerTokenSyntax, MAX_TOKEN_LENGTH } from './token/bearer-token-syntax';
export { decodeEncryptionKeyText, ENCRYPTION_KEY_BYTES } from './token-store/encryption-key-text';
export type { TokenStore, TokenStoreLock } from './token-store/token-store';
export { type CallLimitDefaults, type CallLimits, checkCallLimits } from './validation/check-call-limits';
export { checkHeaders, checkHeaderValue, isHeaderName } from './validation/check-header-value';
export {
  checkClientId,
  checkTenantId,
  EXAMPLE_GUID,
  isDomain,
  isGuid,
} from './validation/check-identifiers';
export {
  checkNumber,
  checkNumberInRange,
  MAX_TIMER_MS,
  type NumberRule,
  type RangeRule,
} from './validation/check-number';
export { type CheckStyle, SDK_CHECK_STYLE } from './validation/check-style';
export {
  checkKnownKeys,
  checkNonEmptyString,
  checkOptionalBoolean,
  checkOptionalFunction,
  checkOptionalSignal,
  checkOptionsObject,
  requireObject,
} from './validation/check-values';
export { describeValue } from './validation/describe-value';
export { MMD_SCOPE, normalizeScopes } from './validation/normalize-scopes';
