import { MMD_SCOPE } from '@mmd-sdk/core';

const hints: ReadonlyArray<readonly [readonly number[], string]> = [
  [
    [7000215],
    'the client secret is wrong; use the secret\'s Value from "Certificates & secrets", not its Secret ID',
  ],
  [[7000222], 'the client secret has expired; create a new one under "Certificates & secrets"'],
  [
    [700016],
    'no app with this client ID exists in the tenant; check clientId and tenantId, and that the app is registered (or consented) in that tenant',
  ],
  [
    [90002],
    'the tenant does not exist; check tenantId (a GUID or a verified domain such as contoso.onmicrosoft.com)',
  ],
  [
    [65001, 65004, 650051, 650052, 650057, 501051],
    'the app lacks admin consent; an administrator must grant the MmdSupport.ReadWrite application permission on "Modern Workplace Customer APIs"',
  ],
  [
    [700027, 700023, 700021, 7000274, 50012],
    'the certificate or assertion was rejected; check that this exact certificate is uploaded to the app registration and not expired',
  ],
  [[700024], "the assertion is outside its validity window; check this machine's clock (clock skew)"],
  [
    [70011, 500011, 1002012],
    `the scope is invalid; client credentials need "<resource>/.default", for MMD "${MMD_SCOPE}"`,
  ],
];

/** What to do about the given AADSTS codes, for the common ones. */
export function hintForErrorCodes(codes: readonly number[]): string | undefined {
  for (const [known, hint] of hints) {
    if (codes.some((code) => known.includes(code))) return hint;
  }
  return undefined;
}
