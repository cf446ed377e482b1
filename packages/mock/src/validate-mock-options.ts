import { KeyObject, X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import { MockConfigurationError } from './mock-configuration-error';
import type { MockFaults, MockTenantOptions } from './mock-options';
import { PERSONAS } from './model-types';
import {
  checkArray,
  checkBoolean,
  checkKnownKeys,
  checkNumber,
  checkObject,
  checkString,
  describeValue,
  requireString,
} from './option-checks';

/** The most data one tenant may be seeded with: more would only make the mock slow to start. */
export const MAX_DEVICE_COUNT = 100_000;
export const MAX_TICKET_COUNT = 10_000;
export const MAX_ELEVATION_REQUEST_COUNT = 10_000;
/** The longest delay `setTimeout` honours; longer ones fire at once. */
const MAX_TIMER_MS = 2_147_483_647;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/i;
const HOST_NAME =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;
// Printable, on one line: what a form field or a ticket-note sender can carry.
const ONE_LINE = {
  test: (value: string) =>
    value.length >= 1 &&
    value.length <= 1_024 &&
    [...value].every((char) => {
      const code = char.charCodeAt(0);
      return code >= 0x20 && code !== 0x7f;
    }),
};
const EXAMPLE_GUID = '5b1e8f62-0c39-4f5e-9d8f-2f1a7f3c9e10';

const TENANT_OPTION_KEYS = [
  'seed',
  'tenants',
  'deviceCount',
  'ticketCount',
  'elevationRequestCount',
  'tokenLifetimeSeconds',
  'signingKey',
  'faults',
  'dataDate',
] as const;
const TENANT_CONFIG_KEYS = [
  'tenantId',
  'domain',
  'apps',
  'enabledProfiles',
  'deviceCount',
  'ticketCount',
  'elevationRequestCount',
];
const APP_KEYS = [
  'clientId',
  'clientSecret',
  'secretExpired',
  'certificates',
  'consentGranted',
  'displayName',
];
const FAULT_KEYS = ['latencyMs', 'rateLimitRate', 'serverErrorRate', 'retryAfterSeconds'];

function checkCounts(object: Record<string, unknown>, prefix: string): void {
  checkNumber(object.deviceCount, `${prefix}deviceCount`, { min: 0, max: MAX_DEVICE_COUNT, integer: true });
  checkNumber(object.ticketCount, `${prefix}ticketCount`, { min: 0, max: MAX_TICKET_COUNT, integer: true });
  checkNumber(object.elevationRequestCount, `${prefix}elevationRequestCount`, {
    min: 0,
    max: MAX_ELEVATION_REQUEST_COUNT,
    integer: true,
  });
}

function checkCertificate(value: unknown, option: string): void {
  const shape =
    'a PEM certificate (-----BEGIN CERTIFICATE-----…), such as createTestCertificate().certificatePem';
  if (typeof value === 'string') {
    try {
      new X509Certificate(value);
      return;
    } catch {
      // Reported below, without the parser's words.
    }
  }
  throw new MockConfigurationError(
    option,
    `${option} must be ${shape}; got ${typeof value === 'string' && value !== '' ? 'a string that is not one' : describeValue(value)}.`,
  );
}

function checkApp(value: unknown, option: string, clientIds: Set<string>): void {
  if (value === undefined) {
    throw new MockConfigurationError(
      option,
      `${option} must be an object: { clientId, clientSecret }; got undefined.`,
    );
  }
  const app = checkObject(value, option, '{ clientId, clientSecret }');
  checkKnownKeys(app, APP_KEYS, option);
  const clientId = requireString(
    app.clientId,
    `${option}.clientId`,
    GUID,
    `the application (client) ID, a GUID such as ${EXAMPLE_GUID}`,
  );
  if (clientIds.has(clientId.toLowerCase())) {
    throw new MockConfigurationError(
      `${option}.clientId`,
      `${option}.clientId is registered twice in this tenant; give each app its own client ID.`,
    );
  }
  clientIds.add(clientId.toLowerCase());
  checkString(
    app.clientSecret,
    `${option}.clientSecret`,
    ONE_LINE,
    'a non-empty string of up to 1024 characters on one line',
  );
  checkBoolean(app.secretExpired, `${option}.secretExpired`);
  checkBoolean(app.consentGranted, `${option}.consentGranted`);
  checkString(
    app.displayName,
    `${option}.displayName`,
    ONE_LINE,
    'a non-empty string of up to 1024 characters on one line',
  );
  const certificates = checkArray(app.certificates, `${option}.certificates`, 'a list of PEM certificates');
  for (const [index, certificate] of (certificates ?? []).entries()) {
    checkCertificate(certificate, `${option}.certificates[${index}]`);
  }
}

function checkEnabledProfiles(value: unknown, option: string): void {
  const profiles = checkArray(value, option, `a list of personas from ${PERSONAS.join(', ')}`);
  if (!profiles) return;
  if (profiles.length === 0) {
    throw new MockConfigurationError(option, `${option} must enable at least one of ${PERSONAS.join(', ')}.`);
  }
  profiles.forEach((profile, index) => {
    if (typeof profile !== 'string' || !(PERSONAS as readonly string[]).includes(profile)) {
      throw new MockConfigurationError(
        `${option}[${index}]`,
        `${option}[${index}] must be one of ${PERSONAS.join(', ')}; got ${describeValue(profile)}.`,
      );
    }
    if (profiles.indexOf(profile) !== index) {
      throw new MockConfigurationError(
        `${option}[${index}]`,
        `${option}[${index}] repeats ${profile}; list each persona once.`,
      );
    }
  });
}

function checkTenants(value: unknown): void {
  const tenants = checkArray(value, 'tenants', '[{ tenantId, domain, apps: [{ clientId, clientSecret }] }]');
  if (!tenants) return;
  if (tenants.length === 0) {
    throw new MockConfigurationError(
      'tenants',
      'tenants must list at least one tenant, or be left out for the default one (MOCK_TENANT_ID).',
    );
  }
  const seen = new Set<string>();
  tenants.forEach((entry, index) => {
    const option = `tenants[${index}]`;
    if (entry === undefined) {
      throw new MockConfigurationError(
        option,
        `${option} must be an object: { tenantId, domain, apps }; got undefined.`,
      );
    }
    const tenant = checkObject(entry, option, '{ tenantId, domain, apps }');
    checkKnownKeys(tenant, TENANT_CONFIG_KEYS, option);
    const tenantId = requireString(
      tenant.tenantId,
      `${option}.tenantId`,
      GUID,
      `the tenant's Entra ID, a GUID such as ${EXAMPLE_GUID}`,
    );
    const domain = requireString(
      tenant.domain,
      `${option}.domain`,
      DOMAIN,
      'a verified domain such as contoso.onmicrosoft.com',
    );
    for (const [name, key] of [
      ['tenantId', tenantId],
      ['domain', domain],
    ] as const) {
      if (seen.has(key.toLowerCase())) {
        throw new MockConfigurationError(
          `${option}.${name}`,
          `${option}.${name} names a tenant listed before; give each tenant its own ID and domain.`,
        );
      }
      seen.add(key.toLowerCase());
    }
    const apps = checkArray(tenant.apps, `${option}.apps`, '[{ clientId, clientSecret }]');
    if (!apps) {
      throw new MockConfigurationError(
        `${option}.apps`,
        `${option}.apps is required: pass the app registrations, such as [{ clientId, clientSecret }] (an empty list refuses every token request).`,
      );
    }
    const clientIds = new Set<string>();
    for (const [appIndex, app] of apps.entries()) checkApp(app, `${option}.apps[${appIndex}]`, clientIds);
    checkEnabledProfiles(tenant.enabledProfiles, `${option}.enabledProfiles`);
    checkCounts(tenant, `${option}.`);
  });
}

function checkSigningKey(value: unknown): void {
  if (value === undefined) return;
  if (!(value instanceof KeyObject) || value.type !== 'private' || value.asymmetricKeyType !== 'rsa') {
    throw new MockConfigurationError(
      'signingKey',
      `signingKey must be an RSA private KeyObject, such as generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey; got ${value instanceof KeyObject ? `a ${value.type} ${value.asymmetricKeyType ?? ''} key`.replace(/ +/g, ' ') : describeValue(value)}.`,
    );
  }
}

function checkDataDate(value: unknown): void {
  if (value === undefined) return;
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new MockConfigurationError(
      'dataDate',
      `dataDate must be a valid Date, such as new Date('2026-11-01T09:00:00Z'); got ${value instanceof Date ? 'an invalid Date' : describeValue(value)}.`,
    );
  }
}

function checkSeed(value: unknown): void {
  if (value === undefined || (typeof value === 'number' && Number.isSafeInteger(value))) return;
  throw new MockConfigurationError(
    'seed',
    `seed must be a whole number (a safe integer; the same seed gives the same data); got ${describeValue(value)}.`,
  );
}

/** Checks `faults`, given as an option or assigned to `model.faults` later; returns a copy. */
export function validateFaults(value: unknown, option = 'faults'): MockFaults {
  const faults = checkObject(
    value,
    option,
    '{ latencyMs, rateLimitRate, serverErrorRate, retryAfterSeconds }',
  );
  checkKnownKeys(faults, FAULT_KEYS, option);
  const latency = faults.latencyMs;
  if (Array.isArray(latency)) {
    const [min, max] = latency as unknown[];
    const fits = (bound: unknown) =>
      typeof bound === 'number' && Number.isFinite(bound) && bound >= 0 && bound <= MAX_TIMER_MS;
    if (latency.length !== 2 || !fits(min) || !fits(max) || (min as number) > (max as number)) {
      throw new MockConfigurationError(
        `${option}.latencyMs`,
        `${option}.latencyMs must be milliseconds from 0 to ${MAX_TIMER_MS}, or a [min, max] pair of them with min <= max; got an array that is not one.`,
      );
    }
  } else {
    checkNumber(latency, `${option}.latencyMs`, {
      min: 0,
      max: MAX_TIMER_MS,
      note: '(milliseconds), or a [min, max] pair of them',
    });
  }
  const rateLimit = checkNumber(faults.rateLimitRate, `${option}.rateLimitRate`, {
    min: 0,
    max: 1,
    note: '(the share of API requests answered 429)',
  });
  const serverError = checkNumber(faults.serverErrorRate, `${option}.serverErrorRate`, {
    min: 0,
    max: 1,
    note: '(the share of API requests answered 500 or 503)',
  });
  if ((rateLimit ?? 0) + (serverError ?? 0) > 1) {
    throw new MockConfigurationError(
      `${option}.serverErrorRate`,
      `${option}.rateLimitRate and ${option}.serverErrorRate are shares of the same requests: together they must not exceed 1; got ${rateLimit} + ${serverError}.`,
    );
  }
  checkNumber(faults.retryAfterSeconds, `${option}.retryAfterSeconds`, {
    min: 0,
    max: 86_400,
    integer: true,
    note: '(the Retry-After header of injected 429 and 503 answers)',
  });
  const copy: MockFaults = { ...(faults as MockFaults) };
  if (Array.isArray(latency)) copy.latencyMs = [latency[0] as number, latency[1] as number];
  return copy;
}

/** Checks `tokenLifetimeSeconds`, given as an option or (`required`) assigned to the model later. */
export function validateTokenLifetime(value: unknown, rule: { required: true }): number;
export function validateTokenLifetime(value: unknown): number | undefined;
export function validateTokenLifetime(value: unknown, rule?: { required: true }): number | undefined {
  return checkNumber(value, 'tokenLifetimeSeconds', {
    required: rule?.required === true,
    min: 1,
    max: 86_400,
    integer: true,
    note: '(seconds; short values exercise refresh)',
  });
}

function checkTenantOptions(options: Record<string, unknown>): MockTenantOptions {
  checkSeed(options.seed);
  checkTenants(options.tenants);
  checkCounts(options, '');
  validateTokenLifetime(options.tokenLifetimeSeconds);
  checkSigningKey(options.signingKey);
  if (options.faults !== undefined) validateFaults(options.faults);
  checkDataDate(options.dataDate);
  const picked: Record<string, unknown> = {};
  for (const key of TENANT_OPTION_KEYS) if (options[key] !== undefined) picked[key] = options[key];
  return picked as MockTenantOptions;
}

/** Checks the options of `new MockTenantModel`; returns them, minus keys set to `undefined`. */
export function validateTenantOptions(value: unknown): MockTenantOptions {
  const options = checkObject(value, 'options', 'new MockTenantModel({ seed, deviceCount, … })');
  checkKnownKeys(options, TENANT_OPTION_KEYS, 'options');
  return checkTenantOptions(options);
}

/** The options of `startMockServer`, checked and split. */
export interface CheckedServerOptions {
  readonly port: number;
  readonly host: string;
  readonly onError: ((error: unknown) => void) | undefined;
  readonly tenant: MockTenantOptions;
}

/** Checks the options of `startMockServer`. */
export function validateServerOptions(value: unknown): CheckedServerOptions {
  const options = checkObject(value, 'options', 'startMockServer({ port, host, seed, … })');
  checkKnownKeys(options, [...TENANT_OPTION_KEYS, 'port', 'host', 'onError'], 'options');
  const port = checkNumber(options.port, 'port', {
    min: 0,
    max: 65_535,
    integer: true,
    note: '(0 picks a free port)',
  });
  const host = options.host;
  if (host !== undefined && (typeof host !== 'string' || (isIP(host) === 0 && !HOST_NAME.test(host)))) {
    throw new MockConfigurationError(
      'host',
      `host must be an IP address or a host name to listen on, such as 127.0.0.1 (loopback, the default) or ::1; got ${typeof host === 'string' && host !== '' ? 'a string that is not one' : describeValue(host)}.`,
    );
  }
  const onError = options.onError;
  if (onError !== undefined && typeof onError !== 'function') {
    throw new MockConfigurationError(
      'onError',
      `onError must be a function that takes the error, such as (error) => console.error(error); got ${describeValue(onError)}.`,
    );
  }
  return {
    port: port ?? 0,
    host: host ?? '127.0.0.1',
    onError: onError as ((error: unknown) => void) | undefined,
    tenant: checkTenantOptions(options),
  };
}

function checkBaseUrl(value: unknown, option: string, fallback: string): URL {
  if (value === undefined) return new URL(fallback);
  let url: URL | undefined;
  try {
    url = typeof value === 'string' ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (
    !url ||
    (url.protocol !== 'https:' && url.protocol !== 'http:') ||
    url.username ||
    url.password ||
    url.search ||
    url.hash
  ) {
    throw new MockConfigurationError(
      option,
      `${option} must be an absolute http(s) URL without credentials, query or fragment, such as ${fallback}; got ${typeof value === 'string' && value !== '' ? 'a string that is not one' : describeValue(value)}.`,
    );
  }
  return url;
}

/** The options of `createMockTenant`, checked and split. */
export interface CheckedHandlersOptions {
  readonly authorityHost: URL;
  readonly baseUrl: URL;
  readonly tenant: MockTenantOptions;
}

/** Checks the options of `createMockTenant`. */
export function validateHandlersOptions(
  value: unknown,
  defaults: { authorityHost: string; baseUrl: string },
): CheckedHandlersOptions {
  const options = checkObject(value, 'options', 'createMockTenant({ seed, deviceCount, … })');
  checkKnownKeys(options, [...TENANT_OPTION_KEYS, 'authorityHost', 'baseUrl'], 'options');
  return {
    authorityHost: checkBaseUrl(options.authorityHost, 'authorityHost', defaults.authorityHost),
    baseUrl: checkBaseUrl(options.baseUrl, 'baseUrl', defaults.baseUrl),
    tenant: checkTenantOptions(options),
  };
}
