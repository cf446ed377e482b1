export { MMD_SCOPE } from '@mmd-sdk/core';

/** The Microsoft Entra ID authority host of the public cloud. */
export const DEFAULT_AUTHORITY_HOST = 'https://login.microsoftonline.com';

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_RETRIES = 3;
export const DEFAULT_REFRESH_BEFORE_EXPIRY_MS = 5 * 60_000;
export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
