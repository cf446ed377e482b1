import { isIP } from 'node:net';
import { checkKnownKeys, checkOptionalFunction, checkOptionsObject } from '@mmd-sdk/core';
import { checkTenantOptions, TENANT_OPTION_KEYS } from '../model/check-tenant-options';
import type { MockTenantOptions } from '../model/mock-tenant-options';
import { requireCertificatePem, requirePrivateKeyPem } from '../options/check-crypto-values';
import { checkNumber, describeMismatch, MOCK_STYLE } from '../options/check-values';
import { MockConfigurationError } from '../options/mock-configuration-error';

const HOST_NAME =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/** A certificate of the caller's, checked: PEM texts as given. */
interface GivenTls {
  readonly keyPem: string;
  readonly certificatePem: string;
  readonly caPem: string;
}

/** The options of `startMockServer`, checked and split. */
export interface CheckedServerOptions {
  readonly port: number;
  readonly host: string;
  /** `undefined` for plain http, `'generate'` for a certificate made at start. */
  readonly tls: GivenTls | 'generate' | undefined;
  readonly onError: ((error: unknown) => void) | undefined;
  readonly tenant: MockTenantOptions;
}

const pemText = (value: string | Buffer): string =>
  typeof value === 'string' ? value : value.toString('utf8');

function checkTls(value: unknown): CheckedServerOptions['tls'] {
  if (value === undefined || value === false) return undefined;
  if (value === true) return 'generate';
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new MockConfigurationError(
      'tls',
      `tls must be true (a certificate made at start), false, or { key, cert } in PEM; got ${MOCK_STYLE.describe(value)}.`,
    );
  }
  const tls = value as Record<string, unknown>;
  checkKnownKeys(tls, ['key', 'cert', 'ca'], 'tls', MOCK_STYLE);
  const key = requirePrivateKeyPem(
    tls.key,
    'tls.key',
    "the server's unencrypted PEM private key (-----BEGIN PRIVATE KEY-----…), such as readFileSync('key.pem')",
  );
  const certificate = requireCertificatePem(
    tls.cert,
    'tls.cert',
    "the server's PEM certificate (-----BEGIN CERTIFICATE-----…), such as readFileSync('cert.pem')",
  );
  if (!certificate.checkPrivateKey(key)) {
    throw new MockConfigurationError(
      'tls.key',
      'tls.key is not the private key of tls.cert; pass the key the certificate was issued for.',
    );
  }
  if (tls.ca !== undefined) {
    requireCertificatePem(
      tls.ca,
      'tls.ca',
      'the PEM certificate clients are to trust (-----BEGIN CERTIFICATE-----…)',
    );
  }
  const certificatePem = pemText(tls.cert as string | Buffer);
  return {
    keyPem: pemText(tls.key as string | Buffer),
    certificatePem,
    caPem: tls.ca === undefined ? certificatePem : pemText(tls.ca as string | Buffer),
  };
}

/** Checks the options of `startMockServer`. */
export function checkServerOptions(value: unknown): CheckedServerOptions {
  const options = checkOptionsObject(
    value,
    'options',
    'startMockServer({ port, host, seed, … })',
    MOCK_STYLE,
  );
  checkKnownKeys(options, [...TENANT_OPTION_KEYS, 'port', 'host', 'tls', 'onError'], 'options', MOCK_STYLE);
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
      `host must be an IP address or a host name to listen on, such as 127.0.0.1 (loopback, the default) or ::1; got ${describeMismatch(host)}.`,
    );
  }
  const onError = checkOptionalFunction<(error: unknown) => void>(
    options.onError,
    'onError',
    'a function that takes the error, such as (error) => console.error(error)',
    MOCK_STYLE,
  );
  return {
    port: port ?? 0,
    host: host ?? '127.0.0.1',
    tls: checkTls(options.tls),
    onError,
    tenant: checkTenantOptions(options),
  };
}
