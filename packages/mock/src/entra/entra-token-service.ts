import { createPublicKey, generateKeyPairSync, type KeyObject, randomUUID } from 'node:crypto';
import type { MockTenantData } from '../model/tenant-state';
import { authenticateClient } from './client-authentication';
import { entraErrorResponse } from './entra-error-response';
import { decodeJwt, signJwt, verifyJwtSignature } from './jwt';
import { servicePrincipalObjectId } from './service-principal-id';

/** The MMD API resource: the audience of its tokens. */
export const MMD_RESOURCE = 'https://mwaas-services-customerapi-prod.azurewebsites.net';
const ROLE = 'MmdSupport.ReadWrite';

/** What a valid access token says. */
export interface TokenClaims {
  readonly tenantId: string;
  readonly clientId: string;
  readonly displayName: string;
}

/**
 * The Entra ID side of the mock: checks client-credentials requests as Entra does (tenant, app,
 * secret or certificate assertion, scope, consent) and issues RS256 access tokens that the API side
 * verifies.
 */
export class EntraTokenService {
  #keys: { signingKey: KeyObject; publicKey: KeyObject } | undefined;
  readonly #keyId = randomUUID();
  readonly #verified = new Map<string, { claims: TokenClaims; expiresAt: number }>();

  constructor(
    private readonly findTenant: (idOrDomain: string) => MockTenantData | undefined,
    private readonly tokenLifetimeSeconds: () => number,
    private readonly signingKey?: KeyObject,
    /** The display name of a caller that is no app registration (a managed identity), by tenant and client ID. */
    private readonly callerName: (tenantId: string, clientId: string) => string | undefined = () => undefined,
  ) {}

  /**
   * The signing key and its public half. Without a `signingKey` option one is generated on first use
   * (about 0.2 s), so a model that never issues a token never pays for it.
   */
  get #signing(): { signingKey: KeyObject; publicKey: KeyObject } {
    if (!this.#keys) {
      const signingKey = this.signingKey ?? generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
      this.#keys = { signingKey, publicKey: createPublicKey(signingKey) };
    }
    return this.#keys;
  }

  /** The JSON Web Key Set of the mock's signing key. */
  jwks(): Response {
    return Response.json({
      keys: [
        { ...this.#signing.publicKey.export({ format: 'jwk' }), kid: this.#keyId, use: 'sig', alg: 'RS256' },
      ],
    });
  }

  /** Answers `POST /{tenant}/oauth2/v2.0/token`. */
  async issue(tenantSegment: string, form: URLSearchParams, tokenUrl: string): Promise<Response> {
    const tenant = this.findTenant(tenantSegment);
    if (!tenant) {
      return entraErrorResponse(
        400,
        'invalid_request',
        90002,
        `Tenant '${tenantSegment}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
      );
    }
    const grantType = form.get('grant_type');
    if (grantType === null) {
      return entraErrorResponse(
        400,
        'invalid_request',
        900144,
        "The request body must contain the following parameter: 'grant_type'.",
      );
    }
    if (grantType !== 'client_credentials') {
      return entraErrorResponse(
        400,
        'unsupported_grant_type',
        70003,
        `The app requested an unsupported grant type '${grantType.slice(0, 64)}'.`,
      );
    }
    const clientId = form.get('client_id') ?? '';
    const app = tenant.apps.find((candidate) => candidate.clientId.toLowerCase() === clientId.toLowerCase());
    if (!app) {
      return entraErrorResponse(
        400,
        'unauthorized_client',
        700016,
        `Application with identifier '${clientId}' was not found in the directory '${tenant.domain}'.`,
      );
    }
    const authenticated = authenticateClient(app, form, tokenUrl);
    if (authenticated) return authenticated;
    const scope = form.get('scope') ?? '';
    if (scope.toLowerCase() !== `${MMD_RESOURCE}/.default`) {
      return scope.endsWith('/.default')
        ? entraErrorResponse(
            400,
            'invalid_resource',
            500011,
            `The resource principal named ${scope.slice(0, -'/.default'.length)} was not found in the tenant named ${tenant.domain}.`,
          )
        : entraErrorResponse(
            400,
            'invalid_scope',
            1002012,
            `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
          );
    }
    if (app.consentGranted === false) {
      return entraErrorResponse(
        400,
        'invalid_grant',
        65001,
        `The user or administrator has not consented to use the application with ID '${clientId}'. Send an interactive authorization request for this user and resource.`,
      );
    }
    // Entra puts the app's service-principal object ID in `oid` and `sub` of an app-only token: stable
    // per app and tenant. The mock has no service principals, so it derives one.
    const { token, lifetime } = this.#signAccessToken(tenant.tenantId, {
      appid: app.clientId,
      appidacr: form.has('client_assertion') ? '2' : '1',
      oid: servicePrincipalObjectId(tenant.tenantId, app.clientId),
    });
    return Response.json(
      {
        token_type: 'Bearer',
        expires_in: String(lifetime),
        ext_expires_in: String(lifetime),
        access_token: token,
      },
      { headers: { 'cache-control': 'no-store, no-cache', pragma: 'no-cache' } },
    );
  }

  /**
   * Signs an access token for a managed identity of `tenantId`, as IMDS and App Service get them from
   * Entra: `appid` and `azp` its client ID, `oid` and `sub` its object ID, `xms_mirid` its resource ID.
   */
  issueManagedIdentityToken(
    tenantId: string,
    identity: { readonly clientId: string; readonly objectId: string; readonly resourceId: string },
  ): { token: string; issuedAt: number; lifetime: number } {
    return this.#signAccessToken(tenantId, {
      appid: identity.clientId,
      appidacr: '2',
      azp: identity.clientId,
      oid: identity.objectId,
      xms_mirid: identity.resourceId,
    });
  }

  /** Signs an app-only access token for the MMD API in `tenantId`, with the caller's claims. */
  #signAccessToken(
    tenantId: string,
    caller: { appid: string; oid: string } & Record<string, string>,
  ): { token: string; issuedAt: number; lifetime: number } {
    const lifetime = this.tokenLifetimeSeconds();
    const issuedAt = Math.floor(Date.now() / 1000);
    const token = signJwt(
      { kid: this.#keyId },
      {
        aud: MMD_RESOURCE,
        iss: `https://sts.windows.net/${tenantId}/`,
        iat: issuedAt,
        nbf: issuedAt,
        exp: issuedAt + lifetime,
        idtyp: 'app',
        roles: [ROLE],
        sub: caller.oid,
        tid: tenantId,
        ver: '1.0',
        ...caller,
      },
      this.#signing.signingKey,
    );
    return { token, issuedAt, lifetime };
  }

  /** Verifies an access token for the API: signature, audience, expiry and role. */
  verify(token: string): TokenClaims | undefined {
    // Checking an RSA signature on every call is the mock's main cost under load; a token verified
    // once is remembered until it expires, as API gateways do.
    const remembered = this.#verified.get(token);
    if (remembered) {
      if (remembered.expiresAt > Date.now() / 1000) return remembered.claims;
      this.#verified.delete(token);
    }
    const claims = this.#verifySignedToken(token);
    if (claims) {
      if (this.#verified.size >= 1_000) this.#verified.clear();
      this.#verified.set(token, claims);
    }
    return claims?.claims;
  }

  #verifySignedToken(token: string): { claims: TokenClaims; expiresAt: number } | undefined {
    const jwt = decodeJwt(token);
    if (!jwt || jwt.header.kid !== this.#keyId || !verifyJwtSignature(jwt, this.#signing.publicKey))
      return undefined;
    const { aud, exp, roles, tid, appid } = jwt.payload;
    if (aud !== MMD_RESOURCE || typeof exp !== 'number' || exp <= Date.now() / 1000) return undefined;
    if (
      !Array.isArray(roles) ||
      !roles.includes(ROLE) ||
      typeof tid !== 'string' ||
      typeof appid !== 'string'
    )
      return undefined;
    const app = this.findTenant(tid)?.apps.find((candidate) => candidate.clientId === appid);
    return {
      claims: {
        tenantId: tid,
        clientId: appid,
        displayName: app?.displayName ?? this.callerName(tid, appid) ?? appid,
      },
      expiresAt: exp,
    };
  }
}
