import { type KeyObject, X509Certificate } from 'node:crypto';
import { thumbprints } from '../certificates/thumbprints';
import type { MockAppRegistration } from '../model/app-registration';
import { entraErrorResponse } from './entra-error-response';
import { decodeJwt, verifyJwtSignature } from './jwt';

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const CLOCK_SKEW_SECONDS = 300;

interface RegisteredCertificate {
  sha256: string;
  sha1: string;
  publicKey: KeyObject;
}

function certificatesOf(app: MockAppRegistration): RegisteredCertificate[] {
  // Read anew each time, so that certificates added to a registration during a test count at once.
  // One that does not parse (put there after the options were checked) matches no assertion.
  return (app.certificates ?? []).flatMap((pem) => {
    try {
      const certificate = new X509Certificate(pem);
      return [{ ...thumbprints(certificate.raw), publicKey: certificate.publicKey }];
    } catch {
      return [];
    }
  });
}

function checkSecret(app: MockAppRegistration, secret: string): Response | undefined {
  if (app.clientSecret === undefined || secret !== app.clientSecret) {
    return entraErrorResponse(
      401,
      'invalid_client',
      7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${app.clientId}'.`,
    );
  }
  if (app.secretExpired) {
    return entraErrorResponse(
      401,
      'invalid_client',
      7000222,
      `The provided client secret keys for app '${app.clientId}' are expired. Visit the Azure portal to create new keys for your app.`,
    );
  }
  return undefined;
}

function checkAssertion(
  app: MockAppRegistration,
  form: URLSearchParams,
  assertion: string,
  tokenUrl: string,
): Response | undefined {
  if (form.get('client_assertion_type') !== ASSERTION_TYPE) {
    return entraErrorResponse(
      400,
      'invalid_request',
      50027,
      `client_assertion_type must be ${ASSERTION_TYPE}.`,
    );
  }
  const jwt = decodeJwt(assertion);
  if (!jwt) return entraErrorResponse(400, 'invalid_request', 50027, 'JWT token is invalid or malformed.');
  // Only a string can be a thumbprint; anything else (an object with its own toString) matches none.
  const claimed: unknown = jwt.header['x5t#S256'] ?? jwt.header.x5t;
  const thumbprint = typeof claimed === 'string' ? claimed.slice(0, 128) : '';
  const certificate = certificatesOf(app).find(
    (candidate) => candidate.sha256 === thumbprint || candidate.sha1 === thumbprint,
  );
  if (!certificate) {
    return entraErrorResponse(
      401,
      'invalid_client',
      700027,
      `The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., Thumbprint of key used by client: '${thumbprint}']`,
    );
  }
  if (!verifyJwtSignature(jwt, certificate.publicKey)) {
    return entraErrorResponse(401, 'invalid_client', 700027, 'Client assertion failed signature validation.');
  }
  const { aud, iss, sub, exp, nbf } = jwt.payload;
  if (iss !== app.clientId || sub !== app.clientId) {
    return entraErrorResponse(
      401,
      'invalid_client',
      700021,
      "Client assertion application identifier doesn't match 'client_id' parameter.",
    );
  }
  if (aud !== tokenUrl) {
    return entraErrorResponse(
      401,
      'invalid_client',
      700024,
      `Client assertion audience claim does not match Realm issuer. Expected '${tokenUrl}'.`,
    );
  }
  const now = Date.now() / 1000;
  if (
    typeof exp !== 'number' ||
    exp < now - CLOCK_SKEW_SECONDS ||
    (typeof nbf === 'number' && nbf > now + CLOCK_SKEW_SECONDS)
  ) {
    return entraErrorResponse(
      400,
      'invalid_client',
      700024,
      'Client assertion is not within its valid time range.',
    );
  }
  return undefined;
}

/**
 * Checks how a client-credentials request authenticates the app, as Entra does: a client secret, or a
 * client assertion signed with a registered certificate (thumbprint, signature, `iss`/`sub`, `aud` =
 * the token URL, `exp`/`nbf` within five minutes of skew). The Entra error answer, or `undefined` when
 * the app is authenticated.
 */
export function authenticateClient(
  app: MockAppRegistration,
  form: URLSearchParams,
  tokenUrl: string,
): Response | undefined {
  const secret = form.get('client_secret');
  if (secret !== null) return checkSecret(app, secret);
  const assertion = form.get('client_assertion');
  if (assertion !== null) return checkAssertion(app, form, assertion, tokenUrl);
  return entraErrorResponse(
    401,
    'invalid_client',
    7000218,
    "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
  );
}
