import { createUndiciFetch, type PoolSettings } from './undici-fetch';

/** Node's `fetch` as it was when the SDK loaded; a later replacement (msw, nock, a stub) differs. */
const LOADED_FETCH = globalThis.fetch;
const GLOBAL_DISPATCHER = Symbol.for('undici.globalDispatcher.1');
const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NODE_USE_ENV_PROXY'];

/** Whether this runtime and its environment suit the pool at all: Node (not Bun or Deno), no proxy variables. */
function poolSuitsRuntime(): boolean {
  if (typeof process === 'undefined' || process.versions.bun !== undefined || 'Deno' in globalThis)
    return false;
  return !PROXY_VARIABLES.some((name) => process.env[name]);
}

/**
 * Whether nothing has been put, since the SDK loaded, between the application and the network that
 * the pool would bypass: a replaced `fetch` (msw, nock, a test stub) or a global undici dispatcher
 * other than the default `Agent` (a proxy agent, undici's `MockAgent`). Asked per request: msw
 * comes and goes.
 */
function nothingIntercepts(): boolean {
  if (globalThis.fetch !== LOADED_FETCH || LOADED_FETCH.name !== 'fetch') return false;
  const dispatcher = (globalThis as Record<symbol, unknown>)[GLOBAL_DISPATCHER];
  return dispatcher === undefined || (dispatcher as object).constructor?.name === 'Agent';
}

function loadUndici(): typeof import('undici') | undefined {
  try {
    // `require` is the bundler's (createRequire in the ESM build): undici loads only where it is used.
    return require('undici') as typeof import('undici');
  } catch {
    return undefined;
  }
}

/**
 * The `fetch` of a client that was given none: its own undici pool where that is safe (the runtime
 * and proxy variables decided when the client is made, interception per request), else
 * `globalThis.fetch`, looked up per request.
 */
export function createDefaultFetch(settings: PoolSettings): typeof fetch {
  const suits = poolSuitsRuntime();
  let pooled: typeof fetch | null | undefined;
  return (input, init) => {
    if (suits && nothingIntercepts()) {
      if (pooled === undefined) {
        const undici = loadUndici();
        pooled = undici ? createUndiciFetch(undici, settings) : null;
      }
      if (pooled) return pooled(input, init);
    }
    return globalThis.fetch(input, init);
  };
}
