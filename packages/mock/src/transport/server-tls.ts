import { createLocalTls } from '../certificates/create-local-tls';
import type { CheckedServerOptions } from './check-server-options';

/** The names every generated certificate covers: the loopback interface, however a client spells it. */
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'];
/** Addresses that listen on every interface: no client connects to them by that name. */
const UNSPECIFIED = new Set(['0.0.0.0', '::']);

/** What an https server is started with, and what it reports. */
interface ServerTlsMaterial {
  /** The private key, PEM. */
  readonly key: string;
  /** The certificate the server presents, PEM. */
  readonly certificatePem: string;
  /** The certificate clients trust, PEM. */
  readonly caPem: string;
}

/**
 * The key and certificates for `tls`: the caller's own, or a certificate authority and a server
 * certificate made now for the loopback names and `host` (the address the server listens on).
 */
export function serverTlsMaterial(
  tls: CheckedServerOptions['tls'],
  host: string,
): ServerTlsMaterial | undefined {
  if (tls === undefined) return undefined;
  if (tls !== 'generate') return { key: tls.keyPem, certificatePem: tls.certificatePem, caPem: tls.caPem };
  const extra = UNSPECIFIED.has(host) || host.includes('%') ? [] : [host.toLowerCase()];
  const generated = createLocalTls([...new Set([...LOOPBACK_NAMES, ...extra])]);
  return { key: generated.privateKeyPem, certificatePem: generated.certificatePem, caPem: generated.caPem };
}
