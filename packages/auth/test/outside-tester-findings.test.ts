import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ClientCertificateCredential,
  ClientSecretCredential,
  EnvironmentCredential,
  MmdConfigurationError,
} from '../src/index';
import { useMswServer } from './support/msw-server';
import { CLIENT_ID, createTokenEndpoint, TENANT_ID } from './support/token-endpoint';

const server = useMswServer();

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
      const build = (options: () => unknown) => {
        try {
          options();
          return undefined;
        } catch (error) {
          return error;
        }
      };
      const direct = build(
        () =>
          new ClientCertificateCredential({
            tenantId: TENANT_ID,
            clientId: CLIENT_ID,
            certificatePath: fifo,
          }),
      );
      expect(direct).toBeInstanceOf(MmdConfigurationError);
      expect((direct as Error).message).toMatch(/certificatePath must be a regular file/);
      const fromEnvironment = build(
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
      expect(fromEnvironment).toBeInstanceOf(MmdConfigurationError);
    },
  );

  it('keeps a secret out of the error fields when the endpoint echoes it with line breaks for its spaces', async () => {
    const secret = 'correct horse battery staple 42';
    const endpoint = createTokenEndpoint(() =>
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
    server.use(endpoint.handler);
    const error = await new ClientSecretCredential({
      tenantId: TENANT_ID,
      clientId: CLIENT_ID,
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
    const endpoint = createTokenEndpoint();
    server.use(endpoint.handler);
    const credential = new ClientSecretCredential({
      tenantId: TENANT_ID,
      clientId: CLIENT_ID,
      clientSecret: 'a-secret-value',
    });
    expect(credential.authorityHost).toBe('https://login.microsoftonline.com');
    await credential.getToken();
    expect(endpoint.requests).toHaveLength(1);
  });
});
