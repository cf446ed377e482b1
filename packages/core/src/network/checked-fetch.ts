import { MmdConfigurationError } from '../errors/configuration-error';

function isResponseLike(value: unknown): value is Response {
  const response = value as Partial<Response> | null;
  return (
    typeof response === 'object' &&
    response !== null &&
    typeof response.status === 'number' &&
    typeof response.headers?.get === 'function' &&
    'body' in response
  );
}

/**
 * The `fetch` the SDK calls: the caller's, or `globalThis.fetch` looked up on every request (so an
 * interceptor installed later, such as msw, still applies). What a custom `fetch` resolves with is
 * checked, so a wrong one fails as a configuration error rather than deep inside a parser.
 */
export function checkedFetch(custom: typeof fetch | undefined): typeof fetch {
  const call: typeof fetch = custom ?? ((input, init) => globalThis.fetch(input, init));
  return async (input, init) => {
    const response: unknown = await call(input, init);
    if (!isResponseLike(response)) {
      throw new MmdConfigurationError(
        'fetch',
        'fetch resolved with something that is not a Response; pass a function with the signature of globalThis.fetch.',
      );
    }
    return response;
  };
}
