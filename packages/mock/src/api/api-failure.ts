import { randomUUID } from 'node:crypto';

/** An API answer other than success, thrown by the model and turned into a response by the router. */
export class ApiFailure extends Error {
  override readonly name = 'ApiFailure';

  constructor(
    readonly status: number,
    readonly body: unknown,
    /** Headers the answer carries besides `request-id`, such as `Allow` on a 405. */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(typeof body === 'object' && body !== null ? JSON.stringify(body) : String(body));
  }

  /** The OData error shape of the elevation-request operations: `{ error: { code, message } }`. */
  static odata(status: number, message: string, headers: Readonly<Record<string, string>> = {}): ApiFailure {
    return new ApiFailure(status, { error: { code: String(status), message } }, headers);
  }

  /** The flat error shape of reassignDeviceProfile: `{ errorCode, message, instanceAnnotations }`. */
  static flat(status: number, message: string): ApiFailure {
    return new ApiFailure(status, { errorCode: String(status), message, instanceAnnotations: [] });
  }

  /** The answer: the body as JSON, a fresh `request-id`, and `WWW-Authenticate: Bearer` on a 401. */
  toResponse(): Response {
    return Response.json(this.body, {
      status: this.status,
      headers: {
        'request-id': randomUUID(),
        ...(this.status === 401 ? { 'www-authenticate': 'Bearer' } : {}),
        ...this.headers,
      },
    });
  }
}
