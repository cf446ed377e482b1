export {
  type Logger,
  type LogLevel,
  MMD_SCOPE,
  MmdConfigurationError,
  MmdError,
  type TokenStore,
  type TokenStoreLock,
} from '@mmd-sdk/core';
export { getBearerTokenProvider } from './bearer-token-provider';
export type { TokenCacheOptions } from './cache/token-cache-options';
export {
  ClientAssertionCredential,
  type ClientAssertionCredentialOptions,
} from './credentials/client-assertion-credential';
export {
  ClientCertificateCredential,
  type ClientCertificateCredentialOptions,
} from './credentials/client-certificate-credential';
export {
  ClientSecretCredential,
  type ClientSecretCredentialOptions,
} from './credentials/client-secret-credential';
export { type CommonCredentialOptions, DEFAULT_AUTHORITY_HOST } from './credentials/common-options';
export {
  type CredentialAttempt,
  CredentialUnavailableError,
} from './credentials/credential-unavailable-error';
export {
  createDefaultCredential,
  type DefaultCredential,
  type DefaultCredentialOptions,
} from './credentials/default-credential';
export { EnvironmentCredential } from './credentials/environment-credential';
export { ManagedIdentityCredential } from './credentials/managed-identity-credential';
export {
  WorkloadIdentityCredential,
  type WorkloadIdentityCredentialOptions,
} from './credentials/workload-identity-credential';
export {
  createFileTokenStore,
  type FileTokenStore,
  type FileTokenStoreOptions,
} from './file-store/file-token-store';
export type { ManagedIdentityCredentialOptions } from './managed-identity/managed-identity-options';
export type { AccessToken, GetTokenOptions, TokenCredential } from './shared/types';
export { TokenRequestError, type TokenRequestErrorDetails } from './token-endpoint/token-request-error';
