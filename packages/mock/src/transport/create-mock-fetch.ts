import { newIdentityHeader } from '../managed-identity/managed-identity-endpoints';
import { MockTenantModel } from '../model/mock-tenant-model';
import type { MockTenantOptions } from '../model/mock-tenant-options';
import { API_BASE_PATH, answerServerRequest } from './answer-request';
import { bodyTooLarge, MAX_BODY_BYTES, MAX_URL_LENGTH, uriTooLong } from './request-limits';

/**
 * The origin the in-process mock answers on. Loopback http, so the SDK takes it as an authority host
 * and a base URL; port 9 (discard), so a request that bypasses the mock's `fetch` fails at once
 * rather than reaching some local server.
 */
export const MOCK_FETCH_ORIGIN = 'http://127.0.0.1:9';

/** A mock tenant answering through a `fetch` function, in this process, with no socket at all. */
export interface MockFetchTenant {
  /**
   * Answers requests to `url` from the model, as the local server would; any other origin is refused
   * with a `TypeError`, as an unreachable host is, and nothing leaves the process. Give it as the
   * credential's and the client's `fetch`.
   */
  readonly fetch: typeof globalThis.fetch;
  /** The authority host (the credential's `authorityHost`): `http://127.0.0.1:9`. */
  readonly url: string;
  /** The API base URL (the client's `baseUrl`): `http://127.0.0.1:9/support/odata/v1`. */
  readonly baseUrl: string;
  /** The stateful model: tenants' data, `faults`, `tokenLifetimeSeconds`, `stats`. */
  readonly model: MockTenantModel;
}

/**
 * The mock tenant without a server: what a command line, a script or a test that wants no port and no
 * msw can call. The same model and the same answers as `startMockServer`, the same request limits.
 */
export function createMockFetch(options: MockTenantOptions = {}): MockFetchTenant {
  const model = new MockTenantModel(options);
  const identityHeader = newIdentityHeader();
  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    request.signal.throwIfAborted();
    const url = new URL(request.url);
    if (url.origin !== MOCK_FETCH_ORIGIN) {
      throw new TypeError(
        `fetch failed: the in-process mock answers ${MOCK_FETCH_ORIGIN} only, and sends nothing elsewhere (got ${url.origin}).`,
      );
    }
    if (request.url.length > MAX_URL_LENGTH) return uriTooLong(request.url.length).toResponse();
    const body = request.body ? await request.arrayBuffer() : undefined;
    if (body && body.byteLength > MAX_BODY_BYTES) return bodyTooLarge().toResponse();
    const answered = new Request(request.url, {
      method: request.method,
      headers: request.headers,
      ...(body ? { body } : {}),
    });
    return answerServerRequest(answered, model, identityHeader);
  };
  return { fetch, url: MOCK_FETCH_ORIGIN, baseUrl: `${MOCK_FETCH_ORIGIN}${API_BASE_PATH}`, model };
}
