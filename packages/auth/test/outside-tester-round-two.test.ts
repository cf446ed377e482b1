import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  ClientSecretCredential,
  CredentialUnavailableError,
  createDefaultCredential,
  ManagedIdentityCredential,
} from '../src/index';
import { configurationError, tokenRequestError } from './support/expected-errors';
import { imdsToken, sendJson, useIdentityServers } from './support/identity-endpoint';
import { answersInTurn, sendToken, useLoopbackTokenServers } from './support/loopback-token-server';
import { useMswServer } from './support/msw-server';
import { createRecordingLogger } from './support/recording-logger';
import { CLIENT_ID, CLIENT_SECRET, TENANT_ID } from './support/token-endpoint';

const msw = useMswServer();
const startLoopback = useLoopbackTokenServers(msw);
const startIdentityServer = useIdentityServers(msw);

/** An opaque token (nothing JWT-shaped about it), and a JWT the credential never got. */
const ISSUED = 'opaque-access-token_0123456789abcdefABCDEF.~-value';
const FOREIGN_JWT =
  'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJhdWQiOiJodHRwczovL3NvbWV3aGVyZSJ9.c2lnbmF0dXJlLW9mLWEtZm9yZWlnbi10b2tlbg';

/** Every way an error is shown, and every log line. */
function shown(error: unknown, lines: readonly string[]): string[] {
  const asError = error as Error;
  return [
    asError.message,
    asError.stack ?? '',
    String(error),
    JSON.stringify(error),
    inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
    ...lines,
  ];
}

function expectScrubbed(texts: readonly string[]): void {
  for (const text of texts) {
    for (const leak of [
      ISSUED,
      encodeURIComponent(ISSUED),
      Buffer.from(ISSUED).toString('base64'),
      FOREIGN_JWT,
      'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9',
    ]) {
      expect(text.includes(leak), `leaked ${leak.slice(0, 12)}… in: ${text.slice(0, 300)}`).toBe(false);
    }
  }
}

/** An endpoint's description that echoes the token it issued earlier, in several spellings, and a JWT. */
const echoing = `AADSTS70000: The provided grant ${ISSUED} (${encodeURIComponent(ISSUED)}, ${Buffer.from(ISSUED).toString('base64')}) is invalid; also ${FOREIGN_JWT}`;

describe('an issued token the endpoint echoes later (finding 1)', () => {
  it('ClientSecretCredential scrubs its issued token and anything JWT-shaped from a later error and its log lines', async () => {
    const server = await startLoopback(
      answersInTurn(
        (response) => sendToken(response, ISSUED),
        (response) =>
          sendJson(response, 400, {
            error: 'invalid_grant',
            error_description: echoing,
            trace_id: ISSUED,
            correlation_id: FOREIGN_JWT,
          }),
      ),
    );
    const logger = createRecordingLogger();
    const credential = new ClientSecretCredential({
      tenantId: TENANT_ID,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      authorityHost: server.authorityHost,
      logger,
      logLevel: 'debug',
      maxRetryDelay: 0,
    });
    expect((await credential.getToken()).token).toBe(ISSUED);
    const error = await tokenRequestError(credential.getToken(undefined, { forceRefresh: true }));
    expect(error.error).toBe('invalid_grant');
    expect(error.message).toContain('[REDACTED]');
    expectScrubbed(shown(error, logger.lines));
  });

  it('ManagedIdentityCredential scrubs its issued token and anything JWT-shaped from a later error and a retry log line', async () => {
    const server = await startIdentityServer(
      answersInTurn(
        (response) => imdsToken(response, ISSUED),
        (response) => sendJson(response, 500, { error: 'server_error', error_description: echoing }),
        (response) => sendJson(response, 400, { error: 'invalid_request', error_description: echoing }),
      ),
    );
    const logger = createRecordingLogger();
    const credential = new ManagedIdentityCredential(
      { imdsEndpoint: server.authorityHost, logger, logLevel: 'debug', maxRetryDelay: 0 },
      {},
    );
    expect((await credential.getToken()).token).toBe(ISSUED);
    const error = await tokenRequestError(credential.getToken(undefined, { forceRefresh: true }));
    expect(error.status).toBe(400);
    expect(logger.lines.some((line) => /retrying/.test(line))).toBe(true);
    expectScrubbed(shown(error, logger.lines));
  });
});

describe('MSI_ENDPOINT, and IDENTITY_ENDPOINT without IDENTITY_HEADER (finding 2)', () => {
  const identity = { AZURE_TENANT_ID: TENANT_ID, AZURE_CLIENT_ID: CLIENT_ID };

  it('createDefaultCredential never picks managed identity for MSI_ENDPOINT alone: it lists why, before any request', () => {
    const error = (() => {
      try {
        createDefaultCredential({}, { MSI_ENDPOINT: 'http://127.0.0.1:50342/oauth2/token', MSI_SECRET: 'x' });
      } catch (caught) {
        return caught;
      }
      return expect.fail('expected CredentialUnavailableError');
    })();
    expect(error).toBeInstanceOf(CredentialUnavailableError);
    const message = (error as Error).message;
    expect(message).toMatch(
      /ManagedIdentityCredential skipped: MSI_ENDPOINT \(Cloud Shell\) is not supported; /,
    );
    expect(message).not.toMatch(/169\.254\.169\.254/);
  });

  it('createDefaultCredential never picks managed identity for IDENTITY_ENDPOINT without IDENTITY_HEADER', () => {
    for (const managedIdentity of [undefined, true]) {
      let caught: unknown;
      try {
        createDefaultCredential(managedIdentity === undefined ? {} : { managedIdentity }, {
          ...identity,
          IDENTITY_ENDPOINT: 'http://127.0.0.1:41741/msi/token',
        });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(CredentialUnavailableError);
      expect((caught as Error).message).toMatch(
        /\n {2}- ManagedIdentityCredential skipped: IDENTITY_ENDPOINT is set without IDENTITY_HEADER; [^\n]+$/,
      );
    }
  });

  it('createDefaultCredential still picks App Service with both variables, beside MSI_ENDPOINT', () => {
    const credential = createDefaultCredential(
      {},
      {
        IDENTITY_ENDPOINT: 'http://127.0.0.1:41741/msi/token',
        IDENTITY_HEADER: 'header-secret-value',
        MSI_ENDPOINT: 'http://127.0.0.1:41741/msi/token',
      },
    );
    expect(credential).toBeInstanceOf(ManagedIdentityCredential);
    expect((credential as ManagedIdentityCredential).source).toBe('App Service');
  });

  it('a ManagedIdentityCredential refuses IDENTITY_ENDPOINT without IDENTITY_HEADER with one line, rather than asking IMDS', () => {
    const error = configurationError(
      () => new ManagedIdentityCredential({}, { IDENTITY_ENDPOINT: 'http://127.0.0.1:41741/msi/token' }),
    );
    expect(error.message).toMatch(/^IDENTITY_ENDPOINT is set without IDENTITY_HEADER; /);
    expect(error.option).toBe('IDENTITY_HEADER');
  });
});
