export { type Logger, type LogLevel, MmdConfigurationError, MmdError } from '@mmd-sdk/core';
export { getBearerTokenProvider } from './bearer-token-provider';
export {
  ClientAssertionCredential,
  type ClientAssertionCredentialOptions,
} from './client-assertion-credential';
export {
  ClientCertificateCredential,
  type ClientCertificateCredentialOptions,
} from './client-certificate-credential';
export { ClientSecretCredential, type ClientSecretCredentialOptions } from './client-secret-credential';
export { ConfidentialClientCredential } from './confidential-client-credential';
export { DEFAULT_AUTHORITY_HOST, MMD_SCOPE } from './constants';
export { EnvironmentCredential } from './environment-credential';
export { TokenRequestError, type TokenRequestErrorDetails } from './errors';
export type {
  AccessToken,
  CommonCredentialOptions,
  GetTokenOptions,
  TokenCredential,
} from './types';
