import { randomUUID } from 'node:crypto';

/** An Entra ID token-endpoint error answer, with its AADSTS code and the fields real answers carry. */
export function entraErrorResponse(
  status: number,
  error: string,
  code: number,
  description: string,
  headers: Readonly<Record<string, string>> = {},
): Response {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = new Date()
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
  return Response.json(
    {
      error,
      error_description: `AADSTS${code}: ${description}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
      error_codes: [code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `https://login.microsoftonline.com/error?code=${code}`,
    },
    { status, headers: { 'cache-control': 'no-store, no-cache', pragma: 'no-cache', ...headers } },
  );
}
