/** An API answer other than success, thrown by the model and turned into a response by the router. */
export class ApiFailure extends Error {
  override readonly name = 'ApiFailure';

  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(typeof body === 'object' && body !== null ? JSON.stringify(body) : String(body));
  }

  /** The OData error shape of the elevation-request operations: `{ error: { code, message } }`. */
  static odata(status: number, message: string): ApiFailure {
    return new ApiFailure(status, { error: { code: String(status), message } });
  }

  /** The flat error shape of reassignDeviceProfile: `{ errorCode, message, instanceAnnotations }`. */
  static flat(status: number, message: string): ApiFailure {
    return new ApiFailure(status, { errorCode: String(status), message, instanceAnnotations: [] });
  }
}
