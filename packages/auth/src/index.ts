export {
  type Logger,
  type LogLevel,
  MMD_SCOPE,
  MmdConfigurationError,
  MmdError,
} from '@mmd-sdk/core';
export { getBearerTokenProvider } from './bearer-token-provider';
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
export { EnvironmentCredential } from './credentials/environment-credential';
export type { AccessToken, GetTokenOptions, TokenCredential } from './shared/types';
export { TokenRequestError, type TokenRequestErrorDetails } from './token-endpoint/token-request-error';
