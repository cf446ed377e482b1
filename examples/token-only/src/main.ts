import { runExample } from '@mmd-sdk/example-shared';
import { getBearerTokenProvider, MMD_SCOPE } from '@mmd-sdk/mmd-auth';

/** Reads the claims of a JWT access token, for display only: decoding is not verifying. */
function decodeClaims(token: string): Record<string, unknown> | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

function minutesFromNow(timestamp: number): string {
  return `${((timestamp - Date.now()) / 60_000).toFixed(1)} min from now`;
}

await runExample(async ({ credential }) => {
  const started = performance.now();
  const accessToken = await credential.getToken(MMD_SCOPE);
  const fetchedIn = performance.now() - started;
  if (!accessToken) throw new Error('the credential returned no token');

  console.log(`\nToken for ${MMD_SCOPE}`);
  console.log(`  type          ${accessToken.tokenType}`);
  console.log(`  length        ${accessToken.token.length} characters (the token itself is never printed)`);
  console.log(
    `  expires       ${new Date(accessToken.expiresOnTimestamp).toISOString()} (${minutesFromNow(accessToken.expiresOnTimestamp)})`,
  );
  console.log(
    `  refresh after ${new Date(accessToken.refreshAfterTimestamp).toISOString()} (${minutesFromNow(accessToken.refreshAfterTimestamp)})`,
  );
  console.log(`  fetched in    ${fetchedIn.toFixed(1)} ms`);

  const claims = decodeClaims(accessToken.token);
  if (claims) {
    console.log('\nClaims (decoded for display, not verified)');
    for (const name of ['aud', 'iss', 'tid', 'appid', 'roles', 'idtyp', 'ver']) {
      if (claims[name] !== undefined)
        console.log(
          `  ${name.padEnd(13)} ${Array.isArray(claims[name]) ? (claims[name] as unknown[]).join(', ') : String(claims[name])}`,
        );
    }
  } else {
    console.log('\nThe token is not a JWT; no claims to show.');
  }

  const again = performance.now();
  const cached = await credential.getToken(MMD_SCOPE);
  console.log(
    `\nSecond getToken: ${(performance.now() - again).toFixed(3)} ms, ${cached?.expiresOnTimestamp === accessToken.expiresOnTimestamp ? 'served from the cache' : 'a new token'}`,
  );
  const concurrent = await Promise.all(Array.from({ length: 100 }, () => credential.getToken(MMD_SCOPE)));
  console.log(
    `100 concurrent getToken calls: ${new Set(concurrent.map((token) => token?.expiresOnTimestamp)).size} distinct token(s)`,
  );

  const getBearerToken = getBearerTokenProvider(credential);
  console.log(
    `getBearerTokenProvider: () => Promise<string> gives ${(await getBearerToken()).length} characters`,
  );
  console.log(`\nPrinting the AccessToken object shows: ${JSON.stringify(accessToken)}`);
});
