/** The endpoints of the Entra ID authority host the mock answers. */
type AuthorityEndpoint = 'token' | 'openidConfiguration' | 'keys' | 'instanceDiscovery';

/** A path of the authority host, the endpoint it names and the one method that endpoint takes. */
interface AuthorityRoute {
  readonly endpoint: AuthorityEndpoint;
  readonly method: 'GET' | 'POST';
  /** The tenant segment as sent (still percent-encoded), for the endpoints below a tenant. */
  readonly tenantSegment?: string;
}

const ROUTES: ReadonlyArray<readonly [RegExp, AuthorityEndpoint, 'GET' | 'POST']> = [
  [/^\/([^/]+)\/oauth2\/v2\.0\/token$/, 'token', 'POST'],
  [/^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/, 'openidConfiguration', 'GET'],
  [/^\/([^/]+)\/discovery\/v2\.0\/keys$/, 'keys', 'GET'],
  [/^\/common\/discovery\/(instance)$/, 'instanceDiscovery', 'GET'],
];

/** The route of an authority path (from the host's root); `undefined` for any other path. */
export function matchAuthorityRoute(path: string): AuthorityRoute | undefined {
  for (const [pattern, endpoint, method] of ROUTES) {
    const match = pattern.exec(path);
    if (!match) continue;
    return endpoint === 'instanceDiscovery'
      ? { endpoint, method }
      : { endpoint, method, tenantSegment: match[1] as string };
  }
  return undefined;
}

/** The methods an authority path answers; `undefined` when it names nothing. */
export function authorityPathMethods(path: string): string[] | undefined {
  const route = matchAuthorityRoute(path);
  return route ? [route.method] : undefined;
}
