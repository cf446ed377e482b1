import { describe, expect, it } from 'vitest';
import { ClientSecretCredential } from '../src/index';
import { entraError } from './support/answers';
import { tokenRequestError } from './support/expected-errors';
import { SECRET_OPTIONS, useTokenEndpoints } from './support/token-endpoint';

const { serve } = useTokenEndpoints();

describe('errors from Entra ID', () => {
  it.each([
    [401, 'invalid_client', 7000215, 'Invalid client secret provided.', /Value.*not its Secret ID/],
    [
      401,
      'invalid_client',
      7000222,
      'The provided client secret keys for app are expired.',
      /secret has expired/,
    ],
    [
      400,
      'unauthorized_client',
      700016,
      'Application was not found in the directory.',
      /no app with this client ID/,
    ],
    [400, 'invalid_request', 90002, 'Tenant not found.', /tenant does not exist/],
    [
      400,
      'invalid_grant',
      65001,
      'The user or administrator has not consented.',
      /administrator must grant the MmdSupport\.ReadWrite/,
    ],
    [
      401,
      'invalid_client',
      700027,
      'Client assertion failed signature validation.',
      /certificate is uploaded/,
    ],
    [400, 'invalid_client', 700024, 'Client assertion is not within its valid time range.', /clock skew/],
    [400, 'invalid_scope', 70011, 'The provided value for scope is not valid.', /\/\.default/],
    [400, 'invalid_resource', 500011, 'The resource principal was not found.', /\/\.default/],
  ])(
    'carries the fields and a hint for a %i %s AADSTS%i',
    async (status, code, aadsts, description, hint) => {
      serve(() => entraError(status, code, aadsts, description));
      const error = await tokenRequestError(new ClientSecretCredential(SECRET_OPTIONS).getToken());
      expect(error).toMatchObject({
        status,
        error: code,
        errorDescription: `AADSTS${aadsts}: ${description}`,
        errorCodes: [aadsts],
        traceId: '0a1b2c3d-0000-4000-8000-000000000001',
        correlationId: '0a1b2c3d-0000-4000-8000-000000000002',
        timestamp: '2026-11-27 04:00:00Z',
        retryable: false,
        attempts: 1,
      });
      expect(error.hint).toMatch(hint);
      expect(error.message).toContain(`Token request failed: ${status} ${code}: AADSTS${aadsts}`);
      expect(error.message).not.toContain('\n');
    },
  );
});
