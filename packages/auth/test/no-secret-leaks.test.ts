import { inspect } from 'node:util';
import fc from 'fast-check';
import { HttpResponse, http } from 'msw';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ClientAssertionCredential,
  ClientCertificateCredential,
  ClientSecretCredential,
  EnvironmentCredential,
  type TokenCredential,
} from '../src/index';
import { useMswServer } from './support/msw-server';
import { observe } from './support/observed';
import { createRecordingLogger } from './support/recording-logger';
import { createTestCertificate, type TestCertificate } from './support/test-certificate';
import { CLIENT_ID, IDENTITY, TENANT_ID, TOKEN_URL } from './support/token-endpoint';
import { createVerboseCredential } from './support/verbose-credential';

const server = useMswServer();

/** Every way an object can be shown: message, stack, JSON, inspect with and without custom inspection. */
function renderings(value: unknown): string[] {
  const error = value instanceof Error ? [value.message, value.stack ?? '', String(value)] : [];
  return [
    ...error,
    JSON.stringify(value) ?? '',
    inspect(value, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
    inspect(value, { depth: Number.POSITIVE_INFINITY, showHidden: true, customInspect: false }),
  ];
}

function expectAbsent(secret: string, texts: string[]): void {
  const escaped = JSON.stringify(secret).slice(1, -1);
  for (const text of texts) {
    expect(text.includes(secret), `leaked in: ${text.slice(0, 200)}`).toBe(false);
    expect(text.includes(escaped), `leaked (JSON-escaped) in: ${text.slice(0, 200)}`).toBe(false);
  }
}

/**
 * Token-endpoint answers that drive every error path. Each may echo what the client sent (the
 * form, hence the secret or assertion) back in its fields, as a careless proxy or a hostile server might.
 */
const failures: Array<(form: URLSearchParams) => Response> = [
  (form) =>
    HttpResponse.json(
      {
        error: 'invalid_client',
        error_description: `AADSTS7000215: Invalid client secret provided: ${form.toString()} and ${form.get('client_secret') ?? form.get('client_assertion')}`,
        error_codes: [7000215],
        trace_id: form.get('client_secret') ?? 'x',
      },
      { status: 401 },
    ),
  (form) =>
    HttpResponse.json({ error: `temporarily_unavailable ${form.get('client_secret')}` }, { status: 503 }),
  (form) =>
    new HttpResponse(`<html>${form.toString()}</html>`, {
      status: 200,
      headers: { 'content-type': 'text/html' },
    }),
  (form) =>
    HttpResponse.json({ token_type: 'mac', access_token: form.get('client_secret') ?? 'x', expires_in: 5 }),
  () => new HttpResponse(null, { status: 302, headers: { location: 'https://elsewhere.example/' } }),
  () => HttpResponse.error(),
];

async function collectFailures(credential: TokenCredential): Promise<unknown[]> {
  const errors: unknown[] = [];
  for (const failure of failures) {
    server.use(
      http.post(TOKEN_URL, async ({ request }) => failure(new URLSearchParams(await request.text()))),
    );
    errors.push(await credential.getToken(undefined, { forceRefresh: true }).catch(observe));
  }
  return errors;
}

const realisticSecret = fc.stringMatching(/^[A-Za-z0-9~._-]{24,40}$/);
const awkwardSecret = fc
  .string({ minLength: 16, maxLength: 40, unit: 'grapheme' })
  .filter((value) => value.trim().length >= 16);

describe('secrets never leak', () => {
  let certificate: TestCertificate;
  beforeAll(() => {
    certificate = createTestCertificate();
  });

  async function checkClientSecret(secret: string, maxRetries: number): Promise<void> {
    const { credential, logger } = createVerboseCredential({ clientSecret: secret, maxRetries });
    const errors = await collectFailures(credential);
    expect(errors.every((error) => error instanceof Error)).toBe(true);
    if (maxRetries > 0) expect(logger.lines.some((line) => /retrying in 0 ms/.test(line))).toBe(true);
    expectAbsent(secret, [...errors.flatMap(renderings), ...logger.lines, ...renderings(credential)]);
  }

  it('keeps a client secret out of every error, log line and rendering', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(realisticSecret, awkwardSecret), (secret) => checkClientSecret(secret, 0)),
      { numRuns: 25 },
    );
  });

  it('keeps a client secret out of the retry log lines too', async () => {
    await checkClientSecret('retry-secret~VALUE.0123456789_abc', 1);
  });

  it('keeps the private key and the signed assertion out of errors and renderings', async () => {
    const assertions: string[] = [];
    server.use(
      http.post(TOKEN_URL, async ({ request }) => {
        assertions.push(new URLSearchParams(await request.text()).get('client_assertion') ?? '');
        return HttpResponse.json(
          { error: 'invalid_client', error_description: `bad assertion ${assertions.at(-1)}` },
          { status: 401 },
        );
      }),
    );
    const logger = createRecordingLogger();
    const credential = new ClientCertificateCredential({
      ...IDENTITY,
      certificate: certificate.pem,
      logger,
      maxRetries: 0,
    });
    const error = await credential.getToken().catch(observe);
    const keyBody = certificate.privateKeyPem.split('\n')[1] ?? '';
    expect(keyBody.length).toBeGreaterThan(40);
    const texts = [...renderings(error), ...renderings(credential), ...logger.lines];
    expectAbsent(assertions[0] ?? 'missing', texts);
    expectAbsent(keyBody, texts);
    const errors = await collectFailures(credential);
    expectAbsent(keyBody, errors.flatMap(renderings));
  });

  it('keeps a federated assertion out of errors', async () => {
    await fc.assert(
      fc.asyncProperty(realisticSecret, async (assertion) => {
        const credential = new ClientAssertionCredential({
          ...IDENTITY,
          getAssertion: () => assertion,
          maxRetries: 0,
        });
        const errors = await collectFailures(credential);
        expectAbsent(assertion, [...errors.flatMap(renderings), ...renderings(credential)]);
      }),
      { numRuns: 10 },
    );
  });

  it('keeps the secret out of an EnvironmentCredential rendering', () => {
    const secret = 'env-secret-value-0123456789abcdef';
    const credential = new EnvironmentCredential(
      {},
      { AZURE_TENANT_ID: TENANT_ID, AZURE_CLIENT_ID: CLIENT_ID, AZURE_CLIENT_SECRET: secret },
    );
    expectAbsent(secret, renderings(credential));
    expect(inspect(credential)).toBe(
      `EnvironmentCredential { credential: ClientSecretCredential { tenantId: '${TENANT_ID}', clientId: '${CLIENT_ID}', authorityHost: 'https://login.microsoftonline.com' } }`,
    );
  });

  it('shows [REDACTED] when an access token is printed, but hands the token to code', async () => {
    await fc.assert(
      fc.asyncProperty(realisticSecret, async (token) => {
        server.use(
          http.post(TOKEN_URL, () =>
            HttpResponse.json({ token_type: 'Bearer', expires_in: '3599', access_token: token }),
          ),
        );
        const credential = new ClientSecretCredential({
          ...IDENTITY,
          clientSecret: 'unused-secret-value-123',
        });
        const accessToken = await credential.getToken();
        expect(accessToken.token).toBe(token);
        expect({ ...accessToken }.token).toBe(token);
        expectAbsent(token, [
          JSON.stringify(accessToken),
          inspect(accessToken),
          inspect({ nested: accessToken }),
          ...renderings(credential),
        ]);
        expect(inspect(accessToken)).toContain('[REDACTED]');
      }),
      { numRuns: 10 },
    );
  });
});
