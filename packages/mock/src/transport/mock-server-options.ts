import type { MockTenantOptions } from '../model/mock-tenant-options';

/** A certificate of your own for the server, instead of one made at start. */
export interface MockServerTlsOptions {
  /** The server's private key, unencrypted PEM (a string, or the `Buffer` that `readFileSync` returns). */
  key: string | Buffer;
  /**
   * The server's certificate, PEM, optionally followed by the intermediates to send with it. Its
   * subject alternative names must include the host clients connect to (`127.0.0.1`, `localhost`).
   */
  cert: string | Buffer;
  /**
   * The certificate clients must trust, PEM: reported as `server.tls.caPem`.
   * @default `cert` (a self-signed certificate is its own authority)
   */
  ca?: string | Buffer;
}

/** Options of the local mock server. */
export interface MockServerOptions extends MockTenantOptions {
  /**
   * The port to listen on: a whole number from 0 to 65535; 0 picks a free one.
   * @default 0
   */
  port?: number;
  /**
   * The address to listen on: an IP address or a host name. Loopback by default: the mock holds test
   * credentials and passwords.
   * @default "127.0.0.1"
   */
  host?: string;
  /**
   * Serve https rather than http, for clients that refuse an http authority (MSAL rejects one with
   * `authority_uri_insecure`). `true` makes a certificate authority and a server certificate for
   * `127.0.0.1`, `::1`, `localhost` and `host` at start (a few milliseconds, `node:crypto` alone):
   * clients trust `server.tls.caPem`. `{ key, cert }` serves a certificate of your own.
   * @default false (plain http)
   */
  tls?: boolean | MockServerTlsOptions;
  /**
   * Told of an internal error of the mock (a bug), which the client only sees as a 500 with a generic
   * message: never the error's message or stack.
   * @default writes the error to `console.error`
   */
  onError?: (error: unknown) => void;
}
