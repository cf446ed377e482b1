import { MOCK_CLIENT_ID, MOCK_CLIENT_SECRET, MOCK_TENANT_ID } from '../model/default-tenant';
import type { MockServer } from '../transport/start-mock-server';

/** A word for a POSIX shell: single-quoted unless it is made of safe characters only. */
function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`;
}

/**
 * What `mmd-mock` prints once listening: the URLs and credentials to configure, where the certificate
 * to trust is (https only), the managed identity endpoints with the App Service secret (the one place
 * it is shown), and a curl command that gets a token.
 */
export function startupBanner(server: MockServer, certificateFile: string | undefined): string {
  const certificate = certificateFile === undefined ? undefined : shellWord(certificateFile);
  const trust = certificate
    ? `  CA certificate  ${certificateFile}
                  trust it: NODE_EXTRA_CA_CERTS=${certificate} node app.mjs, or curl --cacert ${certificate}
`
    : '';
  const identity = server.managedIdentity;
  const system = identity.systemAssigned;
  const managedIdentity = `  managed identity (the IMDS and App Service endpoints)
    IMDS          AZURE_POD_IDENTITY_AUTHORITY_HOST=${identity.imdsEndpoint}
    App Service   IDENTITY_ENDPOINT=${identity.identityEndpoint}
                  IDENTITY_HEADER=${identity.identityHeader}   (made for this run)
${system ? `    system-assigned client ID ${system.clientId}, object ID ${system.objectId}\n` : ''}`;
  return `Mock MMD tenant listening on ${server.url}

  authority host  ${server.url}
  API base URL    ${server.baseUrl}
  tenant ID       ${MOCK_TENANT_ID}
  client ID       ${MOCK_CLIENT_ID}
  client secret   ${MOCK_CLIENT_SECRET}   (a test value of the mock, not a real secret)
${trust}${managedIdentity}
  curl -s${certificate ? ` --cacert ${certificate}` : ''} -X POST ${server.url}/${MOCK_TENANT_ID}/oauth2/v2.0/token \\
    -d client_id=${MOCK_CLIENT_ID} -d grant_type=client_credentials \\
    -d scope=https://mwaas-services-customerapi-prod.azurewebsites.net/.default \\
    --data-urlencode client_secret='${MOCK_CLIENT_SECRET}'

Press Ctrl+C to stop.`;
}
