import { dispatchersAreNodes, globalDispatchers, isNodesFetch } from './node-defaults';
import { createPoolFetch, type PoolSettings } from './pool-fetch';

const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NODE_USE_ENV_PROXY'];

/** Whether this runtime and its environment suit the pool at all: Node (not Bun or Deno), no proxy variables. */
function poolSuitsRuntime(): boolean {
  if (typeof process === 'undefined' || process.versions.bun !== undefined || 'Deno' in globalThis)
    return false;
  return !PROXY_VARIABLES.some((name) => process.env[name]);
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
  // What was seen last, asked again only when `globalThis.fetch` or a global dispatcher changes
  // (msw, nock, a stub or a proxy agent come and go).
  let seenFetch: unknown;
  let fetchIsNodes = false;
  let seenDispatchers: readonly [object | undefined, object | undefined] = [undefined, undefined];
  let dispatchersNodes = dispatchersAreNodes(seenDispatchers);
  /** Whether nothing sits between the application and the network that the pool would bypass. */
  const nothingIntercepts = () => {
    if (globalThis.fetch !== seenFetch) {
      seenFetch = globalThis.fetch;
      fetchIsNodes = isNodesFetch(seenFetch);
    }
    const dispatchers = globalDispatchers();
    if (dispatchers[0] !== seenDispatchers[0] || dispatchers[1] !== seenDispatchers[1]) {
      seenDispatchers = dispatchers;
      dispatchersNodes = dispatchersAreNodes(dispatchers);
    }
    return fetchIsNodes && dispatchersNodes;
  };
  return () => {
    if (!suits || !nothingIntercepts()) return undefined;
    if (pooled === undefined) {
      const undici = loadUndici();
      pooled = undici ? createPoolFetch(undici, settings) : null;
    }
    return pooled ?? undefined;
  };
}
