/** Where Node keeps the global undici dispatcher: `.1` up to Node 24, `.2` from Node 24 on (both there). */
const GLOBAL_DISPATCHER_1 = Symbol.for('undici.globalDispatcher.1');
const GLOBAL_DISPATCHER_2 = Symbol.for('undici.globalDispatcher.2');

/**
 * Whether `fetch` is Node's own: the function Node puts on `globalThis`, which loads its bundled
 * undici (a path no application code can load). A wrapper, even one named `fetch` and installed
 * before the SDK loaded, is not.
 */
export function isNodesFetch(fetch: unknown): boolean {
  return (
    typeof fetch === 'function' &&
    fetch.name === 'fetch' &&
    Function.prototype.toString.call(fetch).includes("require('internal/deps/undici/undici')")
  );
}

/** The value under one of an object's own symbols, found by the symbol's description. */
function described(target: object, description: string): unknown {
  const key = Object.getOwnPropertySymbols(target).find((symbol) => symbol.description === description);
  return key === undefined ? undefined : (target as Record<symbol, unknown>)[key];
}

/**
 * Whether a dispatcher is an undici `Agent` as Node makes its own: no option set (undici keeps the
 * options it was given, and fills the others with `undefined` or `Infinity`), the default factory,
 * and its own `dispatch` (not composed with interceptors). An application's `Agent` with a `connect`
 * (a SOCKS or CONNECT tunnel, its own TLS or DNS), interceptors or limits is not.
 */
function isPlainAgent(dispatcher: object): boolean {
  if (dispatcher.constructor?.name !== 'Agent') return false;
  const options = described(dispatcher, 'options');
  const factory = described(dispatcher, 'factory');
  return (
    typeof options === 'object' &&
    options !== null &&
    Object.values(options).every((value) => value === undefined || value === Number.POSITIVE_INFINITY) &&
    typeof factory === 'function' &&
    factory.name === 'defaultFactory' &&
    (dispatcher as { dispatch?: unknown }).dispatch === Object.getPrototypeOf(dispatcher)?.dispatch
  );
}

/** The global undici dispatchers, under `.1` and `.2` (either may not be made yet). */
export function globalDispatchers(): readonly [object | undefined, object | undefined] {
  const global = globalThis as Record<symbol, object | undefined>;
  return [global[GLOBAL_DISPATCHER_1], global[GLOBAL_DISPATCHER_2]];
}

/**
 * Whether the global undici dispatchers are Node's own defaults (or not made yet): nothing an
 * application set with `setGlobalDispatcher` (a proxy agent, a `MockAgent`, an `Agent` of its own).
 * Node 26 keeps a wrapper under `.1` around the dispatcher under `.2`, which is checked itself.
 */
export function dispatchersAreNodes([first, second]: readonly [
  object | undefined,
  object | undefined,
]): boolean {
  if (second !== undefined && !isPlainAgent(second)) return false;
  if (first === undefined) return true;
  if (first.constructor?.name === 'Dispatcher1Wrapper') return second !== undefined;
  return isPlainAgent(first);
}
