import {
  MOCK_CLIENT_ID,
  MOCK_CLIENT_SECRET,
  MOCK_TENANT_ID,
  type MockServer,
  startMockServer,
} from '@mmd-sdk/mmd-mock/server';
import { cleanEnvironment } from './run-mmd';

/** A mock server, and environments to reach it: signed in with the secret, or with tenant and client only. */
export async function startSignedInMock(seed: number) {
  const server: MockServer = await startMockServer({ port: 0, seed });
  const where = { AZURE_AUTHORITY_HOST: server.url, MMD_BASE_URL: server.baseUrl };
  const withoutSecret = () =>
    cleanEnvironment({ ...where, AZURE_TENANT_ID: MOCK_TENANT_ID, AZURE_CLIENT_ID: MOCK_CLIENT_ID });
  const signedIn = () => ({ ...withoutSecret(), AZURE_CLIENT_SECRET: MOCK_CLIENT_SECRET });
  return { server, signedIn, withoutSecret };
}
