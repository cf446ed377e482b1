import { statSync } from 'node:fs';
import type { TokenCredential } from '@mmd-sdk/mmd-auth';
import { checkProfileFlag, type Profile } from '../config';
import { SignInError, UsageError } from '../errors';
import { promptTheme } from '../prompts/prompt-theme';
import type { GlobalOptions } from '../session';
import { secretWhenUncached } from './secret-when-uncached';

const AUTHENTICATION_VARIABLES = [
  'AZURE_CLIENT_SECRET',
  'AZURE_CLIENT_CERTIFICATE_PATH',
  'AZURE_FEDERATED_TOKEN_FILE',
  'IDENTITY_ENDPOINT',
  'MSI_ENDPOINT',
  'AZURE_POD_IDENTITY_AUTHORITY_HOST',
];

/**
 * Builds the credential: `createDefaultCredential` over the `AZURE_*` variables with the flags and the
 * profile filled in (tenant, client ID, authority host, `--certificate`); else, on a terminal, a client
 * secret typed at a prompt, asked only when the token cache has no valid token. Never a secret from
 * the command line or a file.
 */
export async function signIn(
  options: GlobalOptions,
  profile: Profile,
  common: Record<string, unknown>,
): Promise<{ credential: TokenCredential; tenantId: string | undefined }> {
  for (const key of ['tenant', 'clientId', 'authority', 'baseUrl', 'certificate'] as const) {
    const value = options[key];
    if (value !== undefined) checkProfileFlag(key, value);
  }
  if (
    options.certificate !== undefined &&
    !statSync(options.certificate, { throwIfNoEntry: false })?.isFile()
  ) {
    throw new UsageError(
      `--certificate: no regular file at ${options.certificate}; pass the path of a PEM file holding the certificate and its private key.`,
    );
  }
  const auth = await import('@mmd-sdk/mmd-auth');
  const environment: NodeJS.ProcessEnv = { ...process.env };
  const set = (name: string, value: string | undefined) => {
    if (value !== undefined && value !== '') environment[name] = value;
  };
  set('AZURE_TENANT_ID', options.tenant ?? profile.tenant ?? process.env.AZURE_TENANT_ID);
  set('AZURE_CLIENT_ID', options.clientId ?? profile.clientId ?? process.env.AZURE_CLIENT_ID);
  set('AZURE_AUTHORITY_HOST', options.authority ?? profile.authority ?? process.env.AZURE_AUTHORITY_HOST);
  const certificate = options.certificate ?? profile.certificate;
  if (certificate !== undefined) {
    delete environment.AZURE_CLIENT_SECRET;
    environment.AZURE_CLIENT_CERTIFICATE_PATH = certificate;
  }
  const tenantId = environment.AZURE_TENANT_ID;
  const clientId = environment.AZURE_CLIENT_ID;
  if ((!tenantId || !clientId) && !options.managedIdentity) {
    throw new SignInError(
      `no ${tenantId ? 'client ID' : 'tenant'}: pass ${tenantId ? '--client-id' : '--tenant'}, set ${tenantId ? 'AZURE_CLIENT_ID' : 'AZURE_TENANT_ID'}, or save a profile with \`mmd config set\`.`,
    );
  }
  const configured = AUTHENTICATION_VARIABLES.some((name) => environment[name]);
  if (configured || options.managedIdentity || !tenantId || !clientId) {
    const credential = auth.createDefaultCredential(
      { ...common, ...(options.managedIdentity ? { managedIdentity: true } : {}) },
      environment,
    );
    return { credential, tenantId };
  }
  if (!process.stdin.isTTY) {
    throw new SignInError(
      'no credential: set AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH or AZURE_FEDERATED_TOKEN_FILE, pass --certificate <pem>, or run on a terminal to type the secret.',
    );
  }
  const authorityHost = environment.AZURE_AUTHORITY_HOST;
  const credential = secretWhenUncached(auth, {
    tenantId,
    clientId,
    common: { ...common, ...(authorityHost ? { authorityHost } : {}) },
    ask: async () => {
      const { default: password } = await import('@inquirer/password');
      const secret = await password(
        {
          message: `Client secret of app ${clientId} (not stored):`,
          mask: '*',
          theme: promptTheme(options.color),
        },
        { output: process.stderr },
      );
      if (!secret)
        throw new SignInError('no client secret typed; set AZURE_CLIENT_SECRET or pass --certificate.');
      return secret;
    },
  });
  return { credential, tenantId };
}
