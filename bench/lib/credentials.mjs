// The three token sources compared, each configured for the same tenant and app.
import { ClientSecretCredential as AzureIdentityCredential } from '@azure/identity';
import { ConfidentialClientApplication, LogLevel } from '@azure/msal-node';
import { ClientSecretCredential, MMD_SCOPE } from '@mmd-sdk/mmd-auth';

export function createTokenSources(tenant, ourOptions = {}) {
  const { tenantId, clientId, clientSecret } = tenant;
  const ours = new ClientSecretCredential({ tenantId, clientId, clientSecret, logger: {}, ...ourOptions });
  const msal = new ConfidentialClientApplication({
    auth: { clientId, clientSecret, authority: `https://login.microsoftonline.com/${tenantId}` },
    system: { loggerOptions: { logLevel: LogLevel.Error, loggerCallback: () => {} } },
  });
  const identity = new AzureIdentityCredential(tenantId, clientId, clientSecret);
  return [
    {
      name: '@mmd-sdk/mmd-auth ClientSecretCredential.getToken',
      short: 'mmd-auth',
      getToken: () => ours.getToken(MMD_SCOPE),
      credential: ours,
    },
    {
      name: '@azure/msal-node 7.2.3 acquireTokenByClientCredential',
      short: 'msal-node',
      getToken: () => msal.acquireTokenByClientCredential({ scopes: [MMD_SCOPE] }),
    },
    {
      name: '@azure/identity 4.13.1 ClientSecretCredential.getToken',
      short: 'azure-identity',
      getToken: () => identity.getToken(MMD_SCOPE),
      credential: identity,
    },
  ];
}
