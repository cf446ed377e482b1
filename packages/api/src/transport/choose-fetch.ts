import { createPoolFetch, type PoolSettings } from './pool-fetch';

/** Node's `fetch` as it was when the SDK loaded; a later replacement (msw, nock, a stub) differs. */
const LOADED_FETCH = globalThis.fetch;
/** Where Node keeps the global undici dispatcher: `.1` up to Node 24, `.2` from Node 24 on (both there). */
const GLOBAL_DISPATCHERS = [Symbol.for('undici.globalDispatcher.1'), Symbol.for('undici.globalDispatcher.2')];
/** Node's own dispatchers: its `Agent`, and the wrapper Node 26 keeps under `.1` for undici 7. */
const NODE_DISPATCHERS = new Set(['Agent', 'Dispatcher1Wrapper']);
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
  return GLOBAL_DISPATCHERS.every((key) => {
    const dispatcher = (globalThis as Record<symbol, object | undefined>)[key];
    return dispatcher === undefined || NODE_DISPATCHERS.has(dispatcher.constructor?.name);
  });
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
 * The pool of a client that was given no `fetch`, where it is safe to use: asked before each
 * attempt, it answers the pool's `fetch`, or undefined when the attempt goes through
 * `globalThis.fetch` (Bun, Deno and proxy variables are decided when the client is made; msw or
 * another interceptor, per attempt).
 */
export function createPoolChoice(settings: PoolSettings): () => typeof fetch | undefined {
  const suits = poolSuitsRuntime();
  let pooled: typeof fetch | null | undefined;
  return () => {
    if (!suits || !nothingIntercepts()) return undefined;
    if (pooled === undefined) {
      const undici = loadUndici();
      pooled = undici ? createPoolFetch(undici, settings) : null;
    }
    return pooled ?? undefined;
  };
}
