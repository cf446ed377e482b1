import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { ClientCertificateCredential, ClientSecretCredential, EnvironmentCredential } from '../src/index';
import { configurationError } from './support/expected-errors';
import { CLIENT_ID, IDENTITY, TENANT_ID, useTokenEndpoints } from './support/token-endpoint';

const { serve } = useTokenEndpoints();

// What an outside tester, holding only the packed packages, broke after the hostile-network work.
describe('findings of the outside test', () => {
  afterEach(() => {
    delete (Object.prototype as Record<string, unknown>).authorityHost;
  });

  it.skipIf(process.platform === 'win32')(
    'refuses a certificatePath that is a FIFO at once, without blocking the event loop',
    () => {
      const fifo = join(mkdtempSync(join(tmpdir(), 'mmd-cert-fifo-')), 'cert.pem');
      execFileSync('mkfifo', [fifo]);
      const direct = configurationError(
        () =>
          new ClientCertificateCredential({
            ...IDENTITY,
            certificatePath: fifo,
          }),
      );
      expect(direct.message).toMatch(/certificatePath must be a regular file/);
      const fromEnvironment = configurationError(
        () =>
          new EnvironmentCredential(
            {},
            {
              AZURE_TENANT_ID: TENANT_ID,
              AZURE_CLIENT_ID: CLIENT_ID,
              AZURE_CLIENT_CERTIFICATE_PATH: fifo,
            },
          ),
      );
      // From the environment, the error names the variable to fix.
      expect(fromEnvironment.option).toBe('AZURE_CLIENT_CERTIFICATE_PATH');
      expect(fromEnvironment.message).toMatch(
        /^AZURE_CLIENT_CERTIFICATE_PATH is not usable: certificatePath must be a regular file/,
      );
    },
  );

  it('keeps a secret out of the error fields when the endpoint echoes it with line breaks for its spaces', async () => {
    const secret = 'correct horse battery staple 42';
    serve(() =>
      HttpResponse.json(
        {
          error: 'invalid_client',
          error_description: `got ${secret.replace(/ /g, '\n')}`,
          trace_id: secret.replace(/ /g, '\t'),
          correlation_id: secret.replace(/ /g, '\u00a0'),
          timestamp: secret.replace(/ /g, '\u2028'),
        },
        { status: 400 },
      ),
    );
    const error = await new ClientSecretCredential({
      ...IDENTITY,
      clientSecret: secret,
      logLevel: 'off',
    })
      .getToken()
      .catch((caught: unknown) => caught);
    const shown = `${(error as Error).message} ${JSON.stringify(error)} ${inspect(error, { showHidden: true, depth: 10 })}`;
    expect(shown.toLowerCase()).not.toContain(secret);
    expect(shown).toContain('[REDACTED');
  });

  it('posts the secret to no authority host inherited from a polluted Object.prototype', async () => {
    Object.defineProperty(Object.prototype, 'authorityHost', {
      value: 'https://attacker.example',
      configurable: true,
      writable: true,
    });
    const endpoint = serve();
    const credential = new ClientSecretCredential({
      ...IDENTITY,
      clientSecret: 'a-secret-value',
    });
    expect(credential.authorityHost).toBe('https://login.microsoftonline.com');
    await credential.getToken();
    expect(endpoint.requests).toHaveLength(1);
  });
});
