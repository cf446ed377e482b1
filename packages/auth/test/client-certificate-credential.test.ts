import { constants, createHash, createPublicKey, verify, X509Certificate } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ClientCertificateCredential } from '../src/index';
import { entraError, inTurn, tokenResponse, unavailable } from './support/answers';
import { configurationError, tokenRequestError } from './support/expected-errors';
import { createRecordingLogger } from './support/recording-logger';
import { createTestCertificate, type TestCertificate } from './support/test-certificate';
import { CLIENT_ID, IDENTITY, TOKEN_URL, useTokenEndpoints } from './support/token-endpoint';

const { serve } = useTokenEndpoints();
let certificate: TestCertificate;
let other: TestCertificate;

beforeAll(() => {
  // Committed test-only keys, memoized per file: no key generation, so this hook does not depend on CPU speed.
  certificate = createTestCertificate();
  other = createTestCertificate({ key: 'other' });
});

function decodePart(part: string | undefined): Record<string, unknown> {
  return JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

async function sentAssertion(options: { sendCertificateChain?: boolean; pem?: string } = {}) {
  const endpoint = serve();
  const credential = new ClientCertificateCredential({
    ...IDENTITY,
    certificate: options.pem ?? certificate.pem,
    sendCertificateChain: options.sendCertificateChain,
  });
  await credential.getToken();
  const form = endpoint.requests[0]?.form;
  return { form, assertion: form?.get('client_assertion') ?? '' };
}

describe('ClientCertificateCredential', () => {
  it('sends a PS256 client assertion that verifies against the certificate', async () => {
    const before = Math.floor(Date.now() / 1000);
    const { form, assertion } = await sentAssertion();
    expect(form?.get('client_assertion_type')).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
    expect(form?.has('client_secret')).toBe(false);
    const [header, payload, signature] = assertion.split('.');
    expect(decodePart(header)).toEqual({
      alg: 'PS256',
      typ: 'JWT',
      'x5t#S256': certificate.thumbprintSha256,
    });
    const claims = decodePart(payload);
    expect(claims).toMatchObject({ aud: TOKEN_URL, iss: CLIENT_ID, sub: CLIENT_ID });
    expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/);
    expect(claims.nbf).toBeGreaterThanOrEqual(before);
    expect(claims.iat).toBe(claims.nbf);
    expect((claims.exp as number) - (claims.nbf as number)).toBeLessThanOrEqual(600);
    const valid = verify(
      'sha256',
      Buffer.from(`${header}.${payload}`),
      {
        key: createPublicKey(certificate.publicKeyPem),
        padding: constants.RSA_PKCS1_PSS_PADDING,
        saltLength: 32,
      },
      Buffer.from(signature ?? '', 'base64url'),
    );
    expect(valid).toBe(true);
  });

  it('sends the chain as x5c when asked', async () => {
    const { assertion } = await sentAssertion({
      sendCertificateChain: true,
      pem: `${certificate.pem}\n${other.certificatePem}`,
    });
    const header = decodePart(assertion.split('.')[0]);
    const chain = header.x5c as string[];
    expect(chain).toHaveLength(2);
    expect(chain[0]).toBe(certificate.certificatePem.replace(/-----[A-Z ]+-----|\s/g, ''));
  });

  it('signs a fresh assertion for every attempt', async () => {
    const endpoint = serve(
      inTurn(
        () => unavailable(),
        () => tokenResponse('x', 60),
      ),
    );
    await new ClientCertificateCredential({
      ...IDENTITY,
      certificate: certificate.pem,
    }).getToken();
    const [first, second] = endpoint.requests.map((request) =>
      decodePart(request.form.get('client_assertion')?.split('.')[1]),
    );
    expect(first?.jti).not.toBe(second?.jti);
  });

  it('falls back to RS256 with the SHA-1 x5t once on AADSTS700027, and keeps it when it works', async () => {
    const styles: Array<Record<string, unknown>> = [];
    const endpoint = serve((request) => {
      const header = decodePart(request.form.get('client_assertion')?.split('.')[0]);
      styles.push(header);
      return header.alg === 'PS256'
        ? entraError(401, 'invalid_client', 700027, 'Client assertion failed signature validation.')
        : tokenResponse(`token-${styles.length}`);
    });
    const logger = createRecordingLogger();
    const credential = new ClientCertificateCredential({
      ...IDENTITY,
      certificate: certificate.pem,
      logger,
    });
    await expect(credential.getToken()).resolves.toMatchObject({ token: 'token-2' });
    await credential.getToken(undefined, { forceRefresh: true });
    expect(styles.map((header) => header.alg)).toEqual(['PS256', 'RS256', 'RS256']);
    const sha1 = createHash('sha1')
      .update(new X509Certificate(certificate.certificatePem).raw)
      .digest('base64url');
    expect(styles[1]).toEqual({ alg: 'RS256', typ: 'JWT', x5t: sha1 });
    const [header, payload, signature] = endpoint.requests[1]?.form.get('client_assertion')?.split('.') ?? [];
    expect(
      verify(
        'sha256',
        Buffer.from(`${header}.${payload}`),
        createPublicKey(certificate.publicKeyPem),
        Buffer.from(signature ?? '', 'base64url'),
      ),
    ).toBe(true);
    expect(logger.lines.filter((line) => line.startsWith('warn:'))).toHaveLength(1);
  });

  it('goes back to PS256 when the fallback is refused too, and reports the refusal', async () => {
    const styles: unknown[] = [];
    serve((request) => {
      styles.push(decodePart(request.form.get('client_assertion')?.split('.')[0]).alg);
      return entraError(
        401,
        'invalid_client',
        700027,
        'The certificate is not registered on the application.',
      );
    });
    const credential = new ClientCertificateCredential({
      ...IDENTITY,
      certificate: certificate.pem,
      logger: {},
    });
    const error = await tokenRequestError(credential.getToken());
    expect(error.hint).toMatch(/certificate is uploaded/);
    await credential.getToken().catch(() => undefined);
    expect(styles).toEqual(['PS256', 'RS256', 'PS256', 'RS256']);
  });

  it('reads the certificate from certificatePath', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'mmd-auth-'));
    const path = join(folder, 'cert.pem');
    writeFileSync(path, certificate.pem);
    const credential = new ClientCertificateCredential({
      ...IDENTITY,
      certificatePath: path,
    });
    expect(credential.certificateExpiresOn.getTime()).toBeGreaterThan(Date.now());
  });

  it('reads an encrypted key with certificatePassword, and says when the password is missing or wrong', () => {
    const encrypted = createTestCertificate({ passphrase: 'correct horse' });
    const options = { ...IDENTITY, certificate: encrypted.pem };
    expect(
      () => new ClientCertificateCredential({ ...options, certificatePassword: 'correct horse' }),
    ).not.toThrow();
    expect(() => new ClientCertificateCredential(options)).toThrow(/encrypted; pass certificatePassword/);
    expect(() => new ClientCertificateCredential({ ...options, certificatePassword: 'wrong' })).toThrow(
      /could not be decrypted/,
    );
  });

  it('rejects a key that does not belong to the certificate', () => {
    expect(
      () =>
        new ClientCertificateCredential({
          ...IDENTITY,
          certificate: `${certificate.certificatePem}\n${other.privateKeyPem}`,
        }),
    ).toThrow(/private key does not belong to the certificate/);
  });

  it('rejects an expired certificate', () => {
    const expired = createTestCertificate({ validDays: -1 });
    const error = configurationError(
      () =>
        new ClientCertificateCredential({
          ...IDENTITY,
          certificate: expired.pem,
        }),
    );
    expect(error.option).toBe('certificate');
    expect(error.message).toMatch(/certificate expired on \d{4}-/);
  });

  it.each([
    ['no private key', () => certificate.certificatePem, /holds no private key/],
    ['no certificate', () => certificate.privateKeyPem, /holds no certificate/],
  ])('rejects PEM text with %s', (_, pem, message) => {
    expect(() => new ClientCertificateCredential({ ...IDENTITY, certificate: pem() })).toThrow(message);
  });
});
