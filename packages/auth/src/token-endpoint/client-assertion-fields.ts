/** RFC 7523's `client_assertion_type` for a JWT. */
const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** The form fields that authenticate the client with a signed JWT (a certificate's or a federated one). */
export function clientAssertionFields(assertion: string): Record<string, string> {
  return { client_assertion_type: CLIENT_ASSERTION_TYPE, client_assertion: assertion };
}
