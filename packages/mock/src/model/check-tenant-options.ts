import {
  checkKnownKeys,
  checkOptionalBoolean,
  checkOptionsObject,
  EXAMPLE_GUID,
  isDomain,
  isGuid,
  MAX_TIMER_MS,
} from '@mmd-sdk/core';
import { checkRsaPrivateKey, requireCertificatePem } from '../options/check-crypto-values';
import {
  checkArray,
  checkNumber,
  checkString,
  MOCK_STYLE,
  requireEntry,
  requireString,
} from '../options/check-values';
import { MockConfigurationError } from '../options/mock-configuration-error';
import { PERSONAS } from './api-resources';
import { checkManagedIdentityOptions } from './check-managed-identity-options';
import { MOCK_TENANT_ID } from './default-tenant';
import type { MockFaults, MockTenantOptions } from './mock-tenant-options';

/** The most data one tenant may be seeded with: more would only make the mock slow to start. */
const MAX_DEVICE_COUNT = 100_000;
const MAX_TICKET_COUNT = 10_000;
const MAX_ELEVATION_REQUEST_COUNT = 10_000;
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

/** The options of the model, which the server and the MSW handlers take too. */
export const TENANT_OPTION_KEYS = [
  'seed',
  'tenants',
  'deviceCount',
  'ticketCount',
  'elevationRequestCount',
  'tokenLifetimeSeconds',
  'signingKey',
  'faults',
  'dataDate',
  'managedIdentity',
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

function requireGuid(value: unknown, option: string, what: string): string {
  return requireString(value, option, { test: isGuid }, `${what}, a GUID such as ${EXAMPLE_GUID}`);
}

function checkApp(value: unknown, option: string, clientIds: Set<string>): void {
  const app = requireEntry(value, option, '{ clientId, clientSecret }', APP_KEYS);
  const clientId = requireGuid(app.clientId, `${option}.clientId`, 'the application (client) ID');
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
  checkOptionalBoolean(app.secretExpired, `${option}.secretExpired`, MOCK_STYLE);
  checkOptionalBoolean(app.consentGranted, `${option}.consentGranted`, MOCK_STYLE);
  checkString(
    app.displayName,
    `${option}.displayName`,
    ONE_LINE,
    'a non-empty string of up to 1024 characters on one line',
  );
  const certificates = checkArray(app.certificates, `${option}.certificates`, 'a list of PEM certificates');
  for (const [index, certificate] of (certificates ?? []).entries()) {
    requireCertificatePem(
      certificate,
      `${option}.certificates[${index}]`,
      'a PEM certificate (-----BEGIN CERTIFICATE-----…), such as createTestCertificate().certificatePem',
    );
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
        `${option}[${index}] must be one of ${PERSONAS.join(', ')}; got ${MOCK_STYLE.describe(profile)}.`,
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
    const tenant = requireEntry(entry, option, '{ tenantId, domain, apps }', TENANT_CONFIG_KEYS);
    const tenantId = requireGuid(tenant.tenantId, `${option}.tenantId`, "the tenant's Entra ID");
    const domain = requireString(
      tenant.domain,
      `${option}.domain`,
      { test: isDomain },
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

function checkDataDate(value: unknown): void {
  if (value === undefined) return;
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new MockConfigurationError(
      'dataDate',
      `dataDate must be a valid Date, such as new Date('2026-11-01T09:00:00Z'); got ${value instanceof Date ? 'an invalid Date' : MOCK_STYLE.describe(value)}.`,
    );
  }
}

function checkSeed(value: unknown): void {
  if (value === undefined || (typeof value === 'number' && Number.isSafeInteger(value))) return;
  throw new MockConfigurationError(
    'seed',
    `seed must be a whole number (a safe integer; the same seed gives the same data); got ${MOCK_STYLE.describe(value)}.`,
  );
}

/** Checks `faults`, given as an option or assigned to `model.faults` later; returns a copy. */
export function checkFaults(value: unknown, option = 'faults'): MockFaults {
  const faults = checkOptionsObject(
    value,
    option,
    '{ latencyMs, rateLimitRate, serverErrorRate, retryAfterSeconds }',
    MOCK_STYLE,
  );
  checkKnownKeys(faults, FAULT_KEYS, option, MOCK_STYLE);
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
export function checkTokenLifetime(value: unknown, rule: { required: true }): number;
export function checkTokenLifetime(value: unknown): number | undefined;
export function checkTokenLifetime(value: unknown, rule?: { required: true }): number | undefined {
  return checkNumber(value, 'tokenLifetimeSeconds', {
    required: rule?.required === true,
    min: 1,
    max: 86_400,
    integer: true,
    note: '(seconds; short values exercise refresh)',
  });
}

/** Checks the model's options among `options` (whose keys the caller has checked); returns them, minus keys set to `undefined`. */
export function checkTenantOptions(options: Record<string, unknown>): MockTenantOptions {
  checkSeed(options.seed);
  checkTenants(options.tenants);
  checkCounts(options, '');
  checkTokenLifetime(options.tokenLifetimeSeconds);
  checkRsaPrivateKey(options.signingKey, 'signingKey');
  if (options.faults !== undefined) checkFaults(options.faults);
  checkDataDate(options.dataDate);
  const tenantIds = Array.isArray(options.tenants)
    ? options.tenants.map((tenant) => (tenant as { tenantId: string }).tenantId)
    : [MOCK_TENANT_ID];
  checkManagedIdentityOptions(options.managedIdentity, tenantIds);
  const picked: Record<string, unknown> = {};
  for (const key of TENANT_OPTION_KEYS) if (options[key] !== undefined) picked[key] = options[key];
  return picked as MockTenantOptions;
}

/** Checks the options of `new MockTenantModel`; returns them, minus keys set to `undefined`. */
export function checkModelOptions(value: unknown): MockTenantOptions {
  const options = checkOptionsObject(
    value,
    'options',
    'new MockTenantModel({ seed, deviceCount, … })',
    MOCK_STYLE,
  );
  checkKnownKeys(options, TENANT_OPTION_KEYS, 'options', MOCK_STYLE);
  return checkTenantOptions(options);
}
