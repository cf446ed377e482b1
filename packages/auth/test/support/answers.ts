import { HttpResponse } from 'msw';

/** A request the fake token endpoint received. */
export interface RecordedTokenRequest {
  readonly url: string;
  readonly headers: Headers;
  readonly form: URLSearchParams;
  readonly at: number;
}

/** What the endpoint answers to one request; `index` counts from 0. */
export type Responder = (request: RecordedTokenRequest, index: number) => Response | Promise<Response>;

/** A token answer as Entra sends it (`expires_in` as a string). */
export function tokenResponse(
  token = 'access-token-1',
  expiresIn: string | number = '3599',
  extra = {},
): Response {
  return HttpResponse.json({
    token_type: 'Bearer',
    expires_in: expiresIn,
    ext_expires_in: expiresIn,
    access_token: token,
    ...extra,
  });
}

/** An Entra error answer with AADSTS fields. */
export function entraError(status: number, error: string, code: number, description: string): Response {
  return HttpResponse.json(
    {
      error,
      error_description: `AADSTS${code}: ${description}\r\nTrace ID: 0a1b2c3d-0000-4000-8000-000000000001\r\nCorrelation ID: 0a1b2c3d-0000-4000-8000-000000000002\r\nTimestamp: 2026-11-27 04:00:00Z`,
      error_codes: [code],
      timestamp: '2026-11-27 04:00:00Z',
      trace_id: '0a1b2c3d-0000-4000-8000-000000000001',
      correlation_id: '0a1b2c3d-0000-4000-8000-000000000002',
      error_uri: `https://login.microsoftonline.com/error?code=${code}`,
    },
    { status },
  );
}

/** A throttling or outage answer (`retry-after: 0` unless `headers` say otherwise), retried by the credential. */
export function unavailable(
  status = 503,
  headers: Record<string, string> = { 'retry-after': '0' },
): Response {
  return HttpResponse.json({ error: 'temporarily_unavailable' }, { status, headers });
}

/** Never answers: the request hangs until the credential's deadline abandons it. */
export const neverAnswers: Responder = () => new Promise<never>(() => {});

/**
 * A routing table by attempt: the first request gets the first answer, the second the second, and
 * every later one the last.
 */
export function inTurn(...responders: readonly [Responder, ...Responder[]]): Responder {
  return (request, index) => {
    const respond = responders[Math.min(index, responders.length - 1)] ?? responders[0];
    return respond(request, index);
  };
}
