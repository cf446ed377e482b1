import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { describe, expect, it, onTestFinished } from 'vitest';
import { WorkloadIdentityCredential } from '../src/index';
import { configurationError } from './support/expected-errors';
import { createRecordingLogger } from './support/recording-logger';
import { CLIENT_ID, TENANT_ID, useTokenEndpoints } from './support/token-endpoint';

const { serve } = useTokenEndpoints();
/** A projected service account token, as the kubelet writes it (a JWT; this one signs nothing). */
const SERVICE_ACCOUNT_TOKEN =
  'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6bW1kOndvcmtlciJ9.c2lnbmF0dXJlLTE';

function tokenFile(content = SERVICE_ACCOUNT_TOKEN): string {
  const folder = mkdtempSync(join(tmpdir(), 'mmd-auth-workload-'));
  onTestFinished(() => rmSync(folder, { recursive: true, force: true }));
  const path = join(folder, 'azure-identity-token');
  writeFileSync(path, content);
  return path;
}

function webhookEnvironment(path: string): NodeJS.ProcessEnv {
  return { AZURE_TENANT_ID: TENANT_ID, AZURE_CLIENT_ID: CLIENT_ID, AZURE_FEDERATED_TOKEN_FILE: path };
}

describe('WorkloadIdentityCredential', () => {
  it('sends the projected token as a client assertion, from the variables the webhook sets', async () => {
    const endpoint = serve(undefined, 'https://login.microsoftonline.us');
    const credential = new WorkloadIdentityCredential(
      {},
      { ...webhookEnvironment(tokenFile()), AZURE_AUTHORITY_HOST: 'https://login.microsoftonline.us' },
    );
    await credential.getToken();
    const form = endpoint.requests[0]?.form;
    expect(form?.get('client_assertion')).toBe(SERVICE_ACCOUNT_TOKEN);
    expect(form?.get('client_assertion_type')).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
    expect(form?.get('client_id')).toBe(CLIENT_ID);
    expect(endpoint.requests[0]?.url).toContain(`/${TENANT_ID}/oauth2/v2.0/token`);
    expect(credential).toMatchObject({ tenantId: TENANT_ID, clientId: CLIENT_ID });
  });

  it('reads the file anew for every token request, as the kubelet rotates it', async () => {
    const path = tokenFile('rotated-token-0');
    const endpoint = serve();
    const credential = new WorkloadIdentityCredential({}, webhookEnvironment(path));
    const sent: (string | null | undefined)[] = [];
    for (let rotation = 0; rotation < 3; rotation++) {
      writeFileSync(path, `rotated-token-${rotation}\n`);
      await credential.getToken(undefined, { forceRefresh: rotation > 0 });
      sent.push(endpoint.requests.at(-1)?.form.get('client_assertion'));
    }
    expect(sent).toEqual(['rotated-token-0', 'rotated-token-1', 'rotated-token-2']);
  });

  it('takes options over the variables', async () => {
    const endpoint = serve();
    const otherClient = '3f2a1b0c-9d8e-4f7a-8b6c-5d4e3f2a1b0c';
    const credential = new WorkloadIdentityCredential(
      { clientId: otherClient, tokenFilePath: tokenFile('from-option') },
      webhookEnvironment('/no/such/file'),
    );
    await credential.getToken();
    expect(endpoint.requests[0]?.form.get('client_id')).toBe(otherClient);
    expect(endpoint.requests[0]?.form.get('client_assertion')).toBe('from-option');
  });

  it('names every missing variable, and how AKS sets them', () => {
    const error = configurationError(
      () => new WorkloadIdentityCredential({}, { AZURE_CLIENT_ID: CLIENT_ID }),
    );
    expect(error.message).toContain(
      'WorkloadIdentityCredential is missing AZURE_TENANT_ID (or tenantId), AZURE_FEDERATED_TOKEN_FILE (or tokenFilePath)',
    );
    expect(error.message).toContain('azure.workload.identity/use');
  });

  it('fails at construction, before any request, when the token file cannot be read', () => {
    const endpoint = serve();
    const error = configurationError(
      () => new WorkloadIdentityCredential({}, webhookEnvironment('/no/such/file')),
    );
    expect(error.option).toBe('AZURE_FEDERATED_TOKEN_FILE');
    expect(error.message).toMatch(/could not be opened \(ENOENT\)/);
    expect(endpoint.requests).toHaveLength(0);
  });

  it('never shows the projected token', async () => {
    serve(
      () =>
        new Response(`{"error":"invalid_client","error_description":"bad ${SERVICE_ACCOUNT_TOKEN}"}`, {
          status: 401,
        }),
    );
    const logger = createRecordingLogger();
    const credential = new WorkloadIdentityCredential(
      { logger, logLevel: 'debug' },
      webhookEnvironment(tokenFile()),
    );
    const error = await credential.getToken().catch((caught: unknown) => caught);
    const shown = [
      String(error),
      inspect(error, { depth: 8 }),
      JSON.stringify(error),
      inspect(credential),
      ...logger.lines,
    ];
    for (const text of shown) expect(text).not.toContain(SERVICE_ACCOUNT_TOKEN);
    expect(String(error)).toContain('[REDACTED]');
  });
});
