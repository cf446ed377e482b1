import { request } from 'node:https';
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';

/** An answer read over https. */
export interface HttpsAnswer {
  readonly status: number;
  /** Header names in lower case; repeated headers joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

/** What one https request sends. */
export interface HttpsRequestInit {
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
  /** The only certificate authority trusted for this request, PEM: nothing else verifies. */
  readonly ca: string;
  /** The TLS server name (SNI, and the name the certificate must cover); the URL's host by default. */
  readonly servername?: string;
  readonly signal?: AbortSignal;
}

/**
 * Sends one request with `node:https`, trusting `init.ca` alone (no system store), as a client given
 * the mock's certificate does; the promise rejects when the certificate does not verify.
 */
export function httpsRequest(url: string, init: HttpsRequestInit): Promise<HttpsAnswer> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      {
        method: init.method ?? 'GET',
        headers: init.headers,
        ca: init.ca,
        ...(init.servername ? { servername: init.servername } : {}),
        ...(init.signal ? { signal: init.signal } : {}),
        agent: false,
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.once('error', reject);
        incoming.once('end', () => {
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(incoming.headers)) {
            if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
          }
          resolve({ status: incoming.statusCode ?? 0, headers, body: Buffer.concat(chunks) });
        });
      },
    );
    outgoing.once('error', reject);
    outgoing.end(init.body);
  });
}

/** Statuses whose answers have no body, which `new Response` refuses one for. */
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/** A `fetch` over `node:https` that trusts `ca` alone: what the SDK's `fetch` option takes. */
export function httpsFetch(ca: string): typeof fetch {
  return async (input, init) => {
    const outgoing = new Request(input, init);
    const body = outgoing.body ? Buffer.from(await outgoing.arrayBuffer()) : undefined;
    const answer = await httpsRequest(outgoing.url, {
      method: outgoing.method,
      headers: Object.fromEntries(outgoing.headers),
      ...(body ? { body } : {}),
      ca,
      signal: outgoing.signal,
    });
    return new Response(NULL_BODY_STATUSES.has(answer.status) ? null : new Uint8Array(answer.body), {
      status: answer.status,
      headers: answer.headers,
    });
  };
}

/**
 * An MSAL Node network client that trusts `ca` alone. MSAL 7 sends its requests with the global
 * `fetch`, which a running process cannot be told to trust another authority (`NODE_EXTRA_CA_CERTS`
 * is read at start): `system.networkClient` is where MSAL takes another client.
 */
export function msalNetworkClient(ca: string): INetworkModule {
  const send =
    (method: 'GET' | 'POST') =>
    async <T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> => {
      const answer = await httpsRequest(url, {
        method,
        ...(options?.headers ? { headers: options.headers } : {}),
        ...(options?.body !== undefined ? { body: options.body } : {}),
        ca,
      });
      return {
        status: answer.status,
        headers: answer.headers,
        body: JSON.parse(answer.body.toString('utf8')) as T,
      };
    };
  return { sendGetRequestAsync: send('GET'), sendPostRequestAsync: send('POST') };
}
