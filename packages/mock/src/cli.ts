import { parseArgs } from 'node:util';
import { MockConfigurationError } from './mock-configuration-error';
import { MOCK_CLIENT_ID, MOCK_CLIENT_SECRET, MOCK_TENANT_ID } from './mock-options';
import { startMockServer } from './start-mock-server';

const usage = `Usage: mmd-mock [--port 4010] [--host 127.0.0.1] [--seed 1] [--devices 50] [--latency 0] [--rate-limit 0] [--server-errors 0] [--token-lifetime 3599]

Starts a mock Microsoft Managed Desktop tenant: the Entra token endpoint and the MMD API on one origin.`;

function numberOption(
  values: Record<string, string | boolean | undefined>,
  name: string,
  fallback: number,
): number {
  const value = values[name];
  if (value === undefined) return fallback;
  const number = Number(value);
  if (typeof value !== 'string' || !Number.isFinite(number) || number < 0) {
    console.error(`mmd-mock: --${name} must be a number of at least 0 (got ${String(value)}).\n\n${usage}`);
    process.exit(2);
  }
  return number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      seed: { type: 'string' },
      devices: { type: 'string' },
      latency: { type: 'string' },
      'rate-limit': { type: 'string' },
      'server-errors': { type: 'string' },
      'token-lifetime': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const server = await startMockServer({
    port: numberOption(values, 'port', 4010),
    host: values.host ?? '127.0.0.1',
    seed: numberOption(values, 'seed', 1),
    deviceCount: numberOption(values, 'devices', 50),
    tokenLifetimeSeconds: numberOption(values, 'token-lifetime', 3599),
    faults: {
      latencyMs: numberOption(values, 'latency', 0),
      rateLimitRate: numberOption(values, 'rate-limit', 0),
      serverErrorRate: numberOption(values, 'server-errors', 0),
    },
  });
  console.log(`Mock MMD tenant listening on ${server.url}

  authority host  ${server.url}
  API base URL    ${server.baseUrl}
  tenant ID       ${MOCK_TENANT_ID}
  client ID       ${MOCK_CLIENT_ID}
  client secret   ${MOCK_CLIENT_SECRET}   (a test value of the mock, not a real secret)

  curl -s -X POST ${server.url}/${MOCK_TENANT_ID}/oauth2/v2.0/token \\
    -d client_id=${MOCK_CLIENT_ID} -d grant_type=client_credentials \\
    -d scope=https://mwaas-services-customerapi-prod.azurewebsites.net/.default \\
    --data-urlencode client_secret='${MOCK_CLIENT_SECRET}'

Press Ctrl+C to stop.`);
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  if (error instanceof MockConfigurationError) {
    console.error(`mmd-mock: ${error.message}\n\n${usage}`);
    process.exit(2);
  }
  console.error(`mmd-mock: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
