import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { ClientSecretCredential, MMD_SCOPE } from '../src/index';
import { tokenResponse } from './support/answers';
import { tokenRequestError } from './support/expected-errors';
import {
  CLIENT_ID,
  CLIENT_SECRET,
  SECRET_OPTIONS,
  TOKEN_URL,
  useTokenEndpoints,
} from './support/token-endpoint';

const { server, serve } = useTokenEndpoints();

function createCredential(options: { maxRetries?: number; maxRetryDelay?: number } = {}) {
  return new ClientSecretCredential({ ...SECRET_OPTIONS, ...options });
}

describe('the token request', () => {
  it('sends the documented client-credentials form POST', async () => {
    const endpoint = serve();
    await createCredential().getToken();
    expect(endpoint.requests).toHaveLength(1);
    const [request] = endpoint.requests;
    expect(request?.url).toBe(TOKEN_URL);
    expect(request?.headers.get('content-type')).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(request?.form ?? [])).toEqual({
      client_id: CLIENT_ID,
      scope: MMD_SCOPE,
      grant_type: 'client_credentials',
      client_secret: CLIENT_SECRET,
    });
  });

  it('sends several scopes space-separated and sorted', async () => {
    const endpoint = serve();
    await createCredential().getToken(['https://b.example/.default', 'https://a.example/.default']);
    expect(endpoint.requests[0]?.form.get('scope')).toBe(
      'https://a.example/.default https://b.example/.default',
    );
  });

  it('reads expires_in given as a string, counting from when the request was sent', async () => {
    serve(() => tokenResponse('t', '3599'));
    const before = Date.now();
    const token = await createCredential().getToken();
    const after = Date.now();
    expect(token.token).toBe('t');
    expect(token.tokenType).toBe('Bearer');
    expect(token.expiresOnTimestamp).toBeGreaterThanOrEqual(before + 3_599_000);
    expect(token.expiresOnTimestamp).toBeLessThanOrEqual(after + 3_599_000);
    expect(token.refreshAfterTimestamp).toBe(token.expiresOnTimestamp - 300_000);
  });

  it('reads expires_in given as a number and honours refresh_in', async () => {
    serve(() => tokenResponse('t', 86_399, { refresh_in: 43_199 }));
    const token = await createCredential().getToken();
    expect(token.expiresOnTimestamp - token.refreshAfterTimestamp).toBe((86_399 - 43_199) * 1000);
  });

  it('accepts token_type in any case', async () => {
    server.use(
      http.post(TOKEN_URL, () =>
        HttpResponse.json({ token_type: 'bearer', expires_in: '60', access_token: 'x' }),
      ),
    );
    await expect(createCredential().getToken()).resolves.toMatchObject({ token: 'x' });
  });

  it.each([
    ['no access_token', { token_type: 'Bearer', expires_in: '3599' }, /no access_token/],
    [
      'a token_type other than Bearer',
      { token_type: 'pop', expires_in: '3599', access_token: 'x' },
      /token_type "pop"/,
    ],
    ['no expires_in', { token_type: 'Bearer', access_token: 'x' }, /expires_in missing/],
    [
      'expires_in that is not a number',
      { token_type: 'Bearer', expires_in: 'soon', access_token: 'x' },
      /expires_in missing or not a number/,
    ],
    ['expires_in zero', { token_type: 'Bearer', expires_in: '0', access_token: 'x' }, /expires_in 0/],
    ['expires_in negative', { token_type: 'Bearer', expires_in: -5, access_token: 'x' }, /expires_in -5/],
  ])('rejects an answer with %s, naming what is wrong', async (_, body, message) => {
    const endpoint = serve(() => HttpResponse.json(body));
    const error = await tokenRequestError(createCredential().getToken());
    expect(error.message).toMatch(message);
    expect(error.retryable).toBe(false);
    expect(endpoint.requests).toHaveLength(1);
  });

  it('caps an absurd expires_in at 24 hours', async () => {
    serve(() => tokenResponse('t', '99999999999'));
    const token = await createCredential().getToken();
    expect(token.expiresOnTimestamp - Date.now()).toBeLessThanOrEqual(86_400_000);
  });

  it.each([
    [
      'an HTML page',
      '<html><body>Service unavailable</body></html>',
      'text/html',
      /an HTML page \(text\/html\)/,
    ],
    ['a truncated JSON body', '{"token_type":"Bearer","expires_in":"35', 'application/json', /not JSON/],
    ['an empty body', '', 'application/json', /an empty body/],
  ])('retries %s on 200, then says what it got', async (_, body, type, message) => {
    const endpoint = serve(() => new HttpResponse(body, { headers: { 'content-type': type } }));
    const error = await tokenRequestError(createCredential({ maxRetries: 1, maxRetryDelay: 0 }).getToken());
    expect(error.message).toMatch(message);
    expect(error.attempts).toBe(2);
    expect(endpoint.requests).toHaveLength(2);
  });

  it('never follows a redirect', async () => {
    const elsewhere = serve(undefined, 'https://attacker.example');
    server.use(
      http.post(
        TOKEN_URL,
        () =>
          new HttpResponse(null, {
            status: 307,
            headers: { location: 'https://attacker.example/x/oauth2/v2.0/token' },
          }),
      ),
    );
    const error = await tokenRequestError(createCredential().getToken());
    expect(error.message).toMatch(/redirect, which is never followed/);
    expect(error.status).toBe(307);
    expect(elsewhere.requests).toHaveLength(0);
  });

  it('uses a custom fetch when given one', async () => {
    const calls: string[] = [];
    const credential = new ClientSecretCredential({
      ...SECRET_OPTIONS,
      fetch: async (input) => {
        calls.push(String(input));
        return tokenResponse('from-custom-fetch');
      },
    });
    await expect(credential.getToken()).resolves.toMatchObject({ token: 'from-custom-fetch' });
    expect(calls).toEqual([TOKEN_URL]);
  });

  it('talks to another authority host, such as a loopback test server', async () => {
    const endpoint = serve(undefined, 'http://127.0.0.1:4010');
    const credential = new ClientSecretCredential({
      tenantId: 'contoso.onmicrosoft.com',
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      authorityHost: 'http://127.0.0.1:4010/',
    });
    await credential.getToken();
    expect(endpoint.requests[0]?.url).toBe('http://127.0.0.1:4010/contoso.onmicrosoft.com/oauth2/v2.0/token');
  });
});
