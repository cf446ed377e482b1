/**
 * Vitest setup file: tests may talk to msw and to servers on the loopback interface (127.0.0.0/8, ::1,
 * localhost), and to nothing else: not Azure IMDS (169.254.169.254), not login.microsoftonline.com,
 * not mmdls.microsoft.com.
 *
 * Every TCP or TLS client in Node (undici's fetch, node:http, node:https, http2, raw net/tls) ends in
 * `net.Socket.prototype.connect`, so that is where the guard sits: a connection to any other host is
 * refused there, before a DNS lookup or a TCP handle exists, so no packet leaves the machine, and the
 * socket fails with a LoopbackOnlyGuardError ("loopback-only test guard: refused connection to
 * 169.254.169.254:80") as a refused connection would. `dns.lookup` and `dns.promises.lookup` refuse
 * names other than localhost too. msw answers fetch and node:http before a socket connects, so
 * requests that msw handles never reach the guard.
 *
 * Code under test may swallow the error (a retry loop turning it into a ConnectionError, say), so each
 * refusal is also recorded, and an afterAll hook fails the test file if any are left. A test that
 * expects refusals takes them with `takeRefusedConnections()`.
 */
import dns from 'node:dns';
import { syncBuiltinESMExports } from 'node:module';
import { BlockList, isIP, Socket } from 'node:net';
import { afterAll, expect } from 'vitest';

export interface RefusedConnection {
  /** `host:port` of a refused connection, or the name of a refused DNS lookup. */
  readonly target: string;
  readonly via: 'net.Socket#connect' | 'dns.lookup' | 'dns.promises.lookup';
  /** The test running at the time, if any (refusals in hooks or after a test ended have none). */
  readonly test: string | undefined;
  /** Where the attempt came from: the first frames outside Node and node_modules. */
  readonly origin: string;
}

/** The error a refused connection or DNS lookup fails with. */
export class LoopbackOnlyGuardError extends Error {
  readonly code = 'ERR_LOOPBACK_ONLY_TEST_GUARD';
  override readonly name = 'LoopbackOnlyGuardError';
}

interface GuardState {
  readonly refused: RefusedConnection[];
  /** Set by the latest evaluation of this file, so it asks the current test file's `expect`. */
  currentTestName: () => string | undefined;
}

// The patches live in Node's shared built-in modules, so they are installed once per process (or
// worker thread) however many test files evaluate this setup file; the record is shared the same way.
const STATE_KEY = Symbol.for('mmd-sdk.loopback-only-test-guard');
const globals = globalThis as typeof globalThis & { [STATE_KEY]?: GuardState };
const state: GuardState = globals[STATE_KEY] ?? install();
globals[STATE_KEY] = state;
state.currentTestName = currentTestName;

afterAll(() => {
  // Registered by every test file; runs after the file's own afterAll hooks (vitest runs after-hooks
  // as a stack), so connections made while a file tears down count too.
  assertNoRefusedConnections();
});

/** Returns the refusals recorded so far and forgets them, so a test can acknowledge the ones it expects. */
export function takeRefusedConnections(): RefusedConnection[] {
  return state.refused.splice(0);
}

/** Throws, listing them, if refusals were recorded and not taken; what the afterAll hook runs. */
export function assertNoRefusedConnections(): void {
  const refused = takeRefusedConnections();
  if (refused.length === 0) return;
  const lines = refused.map(
    (entry) =>
      `  - ${entry.target} (${entry.via}${entry.test ? `, in test "${entry.test}"` : ''})\n${entry.origin}`,
  );
  throw new Error(
    `loopback-only test guard: this test file made ${refused.length} attempt(s) to reach beyond the loopback interface (even if the code under test swallowed the error). Use msw or a server on 127.0.0.1.\n${lines.join('\n')}`,
  );
}

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

/** localhost, an address in 127.0.0.0/8 or ::1 (also bracketed, IPv4-mapped or with a trailing dot). */
export function isLoopbackHost(host: string): boolean {
  let name = host.trim().toLowerCase();
  if (name.startsWith('[') && name.endsWith(']')) name = name.slice(1, -1);
  if (name.endsWith('.')) name = name.slice(0, -1);
  if (name === 'localhost') return true;
  const family = isIP(name);
  return family !== 0 && loopback.check(name, family === 6 ? 'ipv6' : 'ipv4');
}

function install(): GuardState {
  const guard: GuardState = { refused: [], currentTestName };

  function refuse(via: RefusedConnection['via'], target: string, what: string): LoopbackOnlyGuardError {
    const error = new LoopbackOnlyGuardError(`loopback-only test guard: refused ${what} ${target}`);
    guard.refused.push({ target, via, test: guard.currentTestName(), origin: origin(error) });
    return error;
  }

  const originalConnect = Socket.prototype.connect;
  Socket.prototype.connect = function guardedConnect(this: Socket, ...args: unknown[]) {
    const target = connectTarget(args);
    if (target && !isLoopbackHost(target.host)) {
      const host = isIP(target.host) === 6 ? `[${target.host}]` : target.host;
      const error = refuse('net.Socket#connect', `${host}:${String(target.port)}`, 'connection to');
      // Fails the socket as a refused connection would, without ever calling the real connect (so no
      // DNS lookup and no TCP handle). An error event rather than a throw, because clients call
      // connect from places where a throw is lost (msw's node:http passthrough hangs on one).
      process.nextTick(() => this.destroy(error));
      return this;
    }
    return Reflect.apply(originalConnect, this, args) as Socket;
  } as typeof Socket.prototype.connect;

  const originalLookup = dns.lookup;
  const guardedLookup = function lookup(this: unknown, hostname: unknown, ...rest: unknown[]) {
    const callback = rest.at(-1);
    if (typeof hostname === 'string' && !isLoopbackHost(hostname)) {
      const error = refuse('dns.lookup', hostname, 'DNS lookup of');
      if (typeof callback !== 'function') throw error;
      process.nextTick(callback, error);
      return {};
    }
    return Reflect.apply(originalLookup, this, [hostname, ...rest]);
  };
  // Node marks dns.lookup with a symbol that makes util.promisify(dns.lookup) resolve to { address, family }.
  for (const key of Object.getOwnPropertySymbols(originalLookup)) {
    Object.defineProperty(guardedLookup, key, Object.getOwnPropertyDescriptor(originalLookup, key) ?? {});
  }
  dns.lookup = guardedLookup as typeof dns.lookup;

  const originalPromisesLookup = dns.promises.lookup;
  dns.promises.lookup = function lookup(this: unknown, hostname: unknown, ...rest: unknown[]) {
    if (typeof hostname === 'string' && !isLoopbackHost(hostname)) {
      return Promise.reject(refuse('dns.promises.lookup', hostname, 'DNS lookup of'));
    }
    return Reflect.apply(originalPromisesLookup, this, [hostname, ...rest]);
  } as typeof dns.promises.lookup;

  // Named ESM imports of built-ins (`import { lookup } from 'node:dns'`) see the patched functions too.
  syncBuiltinESMExports();
  return guard;
}

/**
 * The remote end of `socket.connect(...)` arguments, as Node reads them: `(options[, cb])`,
 * `(port[, host][, cb])`, `(path[, cb])`, or the `[options, cb]` array net.connect passes on.
 * Undefined for IPC (a Unix socket or named pipe), which is local by nature.
 */
function connectTarget(args: unknown[]): { host: string; port: unknown } | undefined {
  const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
  if (first !== null && typeof first === 'object') {
    const options = first as { path?: unknown; host?: unknown; port?: unknown };
    if (options.path) return undefined;
    return {
      host: typeof options.host === 'string' && options.host ? options.host : 'localhost',
      port: options.port,
    };
  }
  const port = Number(first);
  if (typeof first === 'string' && !(port >= 0)) return undefined;
  return { host: typeof args[1] === 'string' && args[1] ? args[1] : 'localhost', port: first };
}

function currentTestName(): string | undefined {
  try {
    return expect.getState().currentTestName;
  } catch {
    return undefined;
  }
}

function origin(error: Error): string {
  const frames = (error.stack ?? '')
    .split('\n')
    .slice(1)
    .filter((line) => !/node:|node_modules|loopback-only\.ts/.test(line))
    .slice(0, 5);
  return frames.length > 0 ? frames.map((line) => `      ${line.trim()}`).join('\n') : '      (no stack)';
}
