/**
 * A caller's `fetch`, given each request as a URL and its init rather than as a `Request`: every
 * `fetch` takes that form, while a `Request` of this runtime is foreign to another implementation
 * (npm undici's `fetch` reads one as a URL and fails with "Invalid URL").
 */
export function callersFetch(custom: typeof fetch): typeof fetch {
  return async (input, init) => {
    if (!(input instanceof Request)) return custom(input, init);
    const body = input.body === null ? undefined : await input.arrayBuffer();
    return custom(input.url, {
      method: input.method,
      headers: [...input.headers],
      signal: input.signal,
      redirect: input.redirect,
      ...(body === undefined ? {} : { body }),
      ...init,
    });
  };
}
