// The token sources of the fleet table (9), each built in its own process against the static
// server's token endpoint (which counts the requests in the server's process) and one Redis:
// - ours: ClientSecretCredential with `cache: { store }`, the Redis store or the file store;
// - MSAL Node with its per-process in-memory cache (the default);
// - MSAL Node with a distributed cache over Redis as MSAL's docs show it: `DistributedCachePlugin`
//   (`beforeCacheAccess` reads the partition's key and deserializes the whole cache,
//   `afterCacheAccess` writes it back when it changed) over an `ICacheClient` wrapping node-redis, and
//   an `IPartitionManager` whose key is the app and tenant (app tokens have no account).
// MSAL only accepts https authorities, so it is given the real authority with its metadata
// (`authorityMetadata`, `cloudDiscoveryMetadata`: no discovery requests) and a `networkClient` that
// sends its token POSTs to the loopback server over http. Only the transport differs.
import { createClient } from '@redis/client';

export const FLEET_TENANT = {
  clientId: 'f4e3d2c1-b0a9-4876-9543-210fedcba987',
  clientSecret: 'benchmark-secret-value',
};
export const SCOPE = 'https://mwaas-services-customerapi-prod.azurewebsites.net/.default';

function msalMetadata(tenantId) {
  const host = 'https://login.microsoftonline.com';
  return {
    authorityMetadata: JSON.stringify({
      token_endpoint: `${host}/${tenantId}/oauth2/v2.0/token`,
      authorization_endpoint: `${host}/${tenantId}/oauth2/v2.0/authorize`,
      end_session_endpoint: `${host}/${tenantId}/oauth2/v2.0/logout`,
      issuer: `${host}/${tenantId}/v2.0`,
      jwks_uri: `${host}/${tenantId}/discovery/v2.0/keys`,
    }),
    cloudDiscoveryMetadata: JSON.stringify({
      tenant_discovery_endpoint: `${host}/${tenantId}/v2.0/.well-known/openid-configuration`,
      'api-version': '1.1',
      metadata: [
        {
          preferred_network: 'login.microsoftonline.com',
          preferred_cache: 'login.windows.net',
          aliases: [
            'login.microsoftonline.com',
            'login.windows.net',
            'login.microsoft.com',
            'sts.windows.net',
          ],
        },
      ],
    }),
  };
}

/** MSAL's INetworkModule: token POSTs to the loopback server; any GET is a mistake of this bench. */
function loopbackNetworkClient(origin) {
  return {
    async sendGetRequestAsync(url) {
      throw new Error(`MSAL asked for ${url}; the bench gives it the metadata`);
    },
    async sendPostRequestAsync(url, options = {}) {
      const response = await fetch(origin + new URL(url).pathname, {
        method: 'POST',
        headers: options.headers,
        body: options.body,
      });
      return {
        status: response.status,
        headers: Object.fromEntries(response.headers),
        body: await response.json(),
      };
    },
  };
}

/**
 * Builds one token source: `kind` is `ours-redis`, `ours-file`, `ours-none`, `msal` or
 * `msal-redis`. Resolves with `getToken()` and `close()`.
 */
export async function createFleetTokenSource(kind, { origin, tenantId, redisUrl, encryptionKey, directory }) {
  const { clientId, clientSecret } = FLEET_TENANT;
  if (kind.startsWith('ours')) {
    const { ClientSecretCredential, createFileTokenStore } = await import('@mmd-sdk/mmd-auth');
    let store;
    if (kind === 'ours-redis') {
      const { createRedisTokenStore } = await import('@mmd-sdk/mmd-token-cache-redis');
      store = createRedisTokenStore({ url: redisUrl });
    } else if (kind === 'ours-file') store = createFileTokenStore({ directory });
    const credential = new ClientSecretCredential({
      tenantId,
      clientId,
      clientSecret,
      authorityHost: origin,
      logger: {},
      ...(store && { cache: { store, encryptionKey } }),
    });
    return {
      getToken: () => credential.getToken(SCOPE),
      close: async () => store?.close?.(),
    };
  }
  const { ConfidentialClientApplication, DistributedCachePlugin, LogLevel } = await import(
    '@azure/msal-node'
  );
  let redis;
  let cachePlugin;
  if (kind === 'msal-redis') {
    redis = createClient({ url: redisUrl });
    redis.on('error', () => {});
    await redis.connect();
    // ICacheClient: MSAL's docs wrap the Redis client in get/set of the whole serialized cache.
    const cacheClient = {
      get: async (key) => (await redis.get(key)) ?? '',
      set: async (key, value) => redis.set(key, value),
    };
    // IPartitionManager: app tokens (client credentials) have no account, so the key is the app's.
    const partitionKey = `msal-app-cache:${clientId}.${tenantId}`;
    const partitionManager = {
      getKey: async () => partitionKey,
      extractKey: async () => partitionKey,
    };
    cachePlugin = new DistributedCachePlugin(cacheClient, partitionManager);
  }
  const msal = new ConfidentialClientApplication({
    auth: {
      clientId,
      clientSecret,
      authority: `https://login.microsoftonline.com/${tenantId}`,
      ...msalMetadata(tenantId),
    },
    system: {
      networkClient: loopbackNetworkClient(origin),
      loggerOptions: { logLevel: LogLevel.Error, loggerCallback: () => {} },
    },
    ...(cachePlugin && { cache: { cachePlugin } }),
  });
  return {
    getToken: () => msal.acquireTokenByClientCredential({ scopes: [SCOPE] }),
    close: async () => redis?.destroy(),
  };
}
