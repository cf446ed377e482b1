/**
 * Puts one behaviour of the catalogue on the wire: given the request (already read) and the case's
 * session, writes the answer the behaviour describes, or stalls, trickles or resets the connection.
 */
import {
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type ServerResponse,
  validateHeaderValue,
} from 'node:http';
import type { CaseSession } from './case-session';
import type { Behaviour, EchoEncoding, GarbageToken, NextLinkVariant, Role } from './catalogue';
import { payloads } from './payloads';

export interface ResponseContext {
  readonly role: Role;
  readonly request: IncomingMessage;
  readonly response: ServerResponse;
  readonly requestBody: string;
  readonly session: CaseSession;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const TRICKLE_INTERVAL_MS = 50;
/** Trickled bytes before the body ends (40 s): far past any attempt timeout, so only a bounded read ends it. */
const TRICKLE_MAX_BYTES = 800;

// ---------------------------------------------------------------------------------------------
// Encodings of echoed text

function percentEncodeAll(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*~]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

export function encodeEcho(text: string, encoding: EchoEncoding): string {
  switch (encoding) {
    case 'raw':
      return text;
    case 'form':
      return new URLSearchParams({ v: text }).toString().slice(2);
    case 'percent-upper':
      return percentEncodeAll(text);
    case 'percent-lower':
      return percentEncodeAll(text).replace(/%[0-9A-F]{2}/g, (match) => match.toLowerCase());
    case 'json':
      return JSON.stringify(text).slice(1, -1);
    case 'json-slash':
      return JSON.stringify(text).slice(1, -1).replace(/\//g, '\\/');
  }
}

/** A value Node accepts in a header or status line: as is if it can, else percent-encoded. */
function headerSafe(text: string): string {
  try {
    validateHeaderValue('x-check', text);
    return text;
  } catch {
    return encodeURIComponent(text);
  }
}

// ---------------------------------------------------------------------------------------------
// Writing answers

function send(
  context: ResponseContext,
  status: number,
  headers: OutgoingHttpHeaders,
  body: string | Buffer,
  statusText?: string,
): void {
  const { response } = context;
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const all: OutgoingHttpHeaders = { 'content-length': bytes.length, ...headers };
  if (statusText === undefined) response.writeHead(status, all);
  else response.writeHead(status, headerSafe(statusText), all);
  response.end(bytes);
}

function sendJson(
  context: ResponseContext,
  status: number,
  value: unknown,
  headers: OutgoingHttpHeaders = {},
) {
  send(context, status, { 'content-type': JSON_TYPE, ...headers }, JSON.stringify(value));
}

/** Writes `body` in chunks without a content-length (chunked transfer encoding). */
function sendChunked(context: ResponseContext, status: number, headers: OutgoingHttpHeaders, body: Buffer) {
  const { response } = context;
  response.writeHead(status, headers);
  const chunk = 64 * 1024;
  let offset = 0;
  const pump = (): void => {
    while (offset < body.length && !response.destroyed) {
      const more = response.write(body.subarray(offset, offset + chunk));
      offset += chunk;
      if (!more) {
        response.once('drain', pump);
        return;
      }
    }
    if (!response.destroyed) response.end();
  };
  pump();
}

// ---------------------------------------------------------------------------------------------
// Normal answers

interface Payload {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

function tokenAnswer(session: CaseSession): Record<string, unknown> {
  return {
    token_type: 'Bearer',
    expires_in: '3599',
    ext_expires_in: '3599',
    access_token: session.mint().value,
  };
}

function device(name: string, index: number): Record<string, unknown> {
  return {
    deviceName: name,
    serialNumber: `SN-${index}`,
    aadDeviceId: `00000000-0000-4000-8000-${index.toString(16).padStart(12, '0')}`,
    persona: 'Standard',
    primaryUpdateRing: 'Broad',
  };
}

/** The path below the base URL, or undefined when the request is outside it. */
function relativePath(context: ResponseContext): string | undefined {
  const url = new URL(context.request.url ?? '/', context.session.urls.apiOrigin);
  const base = context.session.urls.basePath;
  if (base === '') return url.pathname;
  if (url.pathname === base || url.pathname.startsWith(`${base}/`)) return url.pathname.slice(base.length);
  return undefined;
}

/** The answer of a healthy service to this request. */
function normalPayload(context: ResponseContext): Payload {
  const { session } = context;
  if (context.role === 'token') {
    return { status: 200, contentType: JSON_TYPE, body: JSON.stringify(tokenAnswer(session)) };
  }
  const method = context.request.method ?? 'GET';
  const path = relativePath(context) ?? '';
  const { baseUrl } = session.urls;
  const { tenantId } = session.plan;
  const context_ = `${baseUrl}/$metadata#Devices`;
  if (method === 'GET' && /^\/tenants\/[^/]+\/devices\/?$/.test(path)) {
    const page = session.normalPagesServed++;
    const next =
      page < session.plan.normalPagesWithNext
        ? { '@odata.nextLink': `${baseUrl}/tenants/${tenantId}/devices?$skiptoken=page-${page + 1}` }
        : {};
    return {
      status: 200,
      contentType: JSON_TYPE,
      body: JSON.stringify({
        '@odata.context': context_,
        value: [device(`DESKTOP-${page}A`, page * 2), device(`DESKTOP-${page}B`, page * 2 + 1)],
        ...next,
      }),
    };
  }
  const deviceMatch = /^\/tenants\/[^/]+\/devices\/([^/]+)$/.exec(path);
  if (method === 'GET' && deviceMatch) {
    return {
      status: 200,
      contentType: JSON_TYPE,
      body: JSON.stringify({
        '@odata.context': `${context_}/$entity`,
        ...device(decodeURIComponent(deviceMatch[1] ?? ''), 7),
      }),
    };
  }
  if (method === 'POST' && /^\/tickets\/?$/.test(path)) {
    let request: Record<string, unknown> = {};
    try {
      request = JSON.parse(context.requestBody) as Record<string, unknown>;
    } catch {}
    return {
      status: 201,
      contentType: JSON_TYPE,
      body: JSON.stringify({
        '@odata.context': `${baseUrl}/$metadata#Tickets/$entity`,
        id: `TCK-${session.plan.caseNumber}`,
        state: 'Active',
        ...request,
      }),
    };
  }
  if (method === 'PATCH' && /^\/tenants\/[^/]+\/profiles\/reassignProfile\/?$/.test(path)) {
    return { status: 200, contentType: 'text/plain; charset=utf-8', body: 'Reassignment started.' };
  }
  return {
    status: 404,
    contentType: JSON_TYPE,
    body: JSON.stringify({ error: { code: 'NotFound', message: `No route for ${method}.` } }),
  };
}

// ---------------------------------------------------------------------------------------------
// The catalogue

function echo(context: ResponseContext, behaviour: Extract<Behaviour, { kind: 'echo' }>): void {
  const { request, role, requestBody } = context;
  const headerText = () => {
    const lines: string[] = [];
    for (let i = 0; i < request.rawHeaders.length; i += 2) {
      lines.push(`${request.rawHeaders[i]}: ${request.rawHeaders[i + 1]}`);
    }
    return lines.join('\n');
  };
  const source =
    behaviour.source === 'body'
      ? requestBody || `${request.method} ${request.url}`
      : behaviour.source === 'authorization'
        ? (request.headers.authorization ?? headerText())
        : headerText();
  const echoed = encodeEcho(source, behaviour.encoding);
  const headers: OutgoingHttpHeaders = { 'content-type': JSON_TYPE };
  if (behaviour.targets.includes('header')) {
    headers[behaviour.header] =
      behaviour.header === 'content-type'
        ? `application/json; charset=utf-8; echo="${headerSafe(echoed)}"`
        : behaviour.header === 'www-authenticate'
          ? `Bearer error="invalid_token", error_description="${headerSafe(echoed)}"`
          : headerSafe(echoed);
  }
  const inBody = behaviour.targets.includes('body');
  const body =
    role === 'token'
      ? {
          error: 'invalid_client',
          error_description: `AADSTS7000215: Invalid client secret provided.${inBody ? ` Request was: ${echoed}` : ''}\r\nTrace ID: 0000\r\nCorrelation ID: 1111\r\nTimestamp: 2024-01-01 00:00:00Z`,
          error_codes: [7000215],
          trace_id: inBody ? echoed : '0000',
        }
      : { error: { code: 'Echo', message: inBody ? `Request was: ${echoed}` : 'The request was refused.' } };
  const statusText = behaviour.targets.includes('status-text') ? `Refused ${echoed}` : undefined;
  send(context, behaviour.status, headers, JSON.stringify(body), statusText);
}

function redirect(context: ResponseContext, behaviour: Extract<Behaviour, { kind: 'redirect' }>): void {
  const { urls, plan } = context.session;
  const target = context.request.url ?? '/';
  const location = {
    thief: `${urls.thiefOrigin}/stolen/${plan.marker}${target}`,
    'other-origin': `${urls.thiefAltOrigin}/stolen/${plan.marker}${target}`,
    external: `${urls.externalOrigin}${target}`,
    'outside-base':
      context.role === 'token'
        ? `${urls.authorityHost}/elsewhere/${plan.marker}/oauth2/v2.0/token`
        : `${urls.apiOrigin}/outside/${plan.marker}${target}`,
    self: target,
  }[behaviour.to];
  send(
    context,
    behaviour.status,
    { location, 'content-type': 'text/html' },
    `<a href="${location}">moved</a>`,
  );
}

function stall(context: ResponseContext, behaviour: Extract<Behaviour, { kind: 'stall' }>): void {
  const { response, session } = context;
  switch (behaviour.phase) {
    case 'before-headers':
      return; // Nothing, ever: the session destroys the response when the case ends.
    case 'after-headers':
      response.writeHead(200, { 'content-type': JSON_TYPE });
      response.flushHeaders();
      return;
    case 'mid-body':
      response.writeHead(200, { 'content-type': JSON_TYPE, 'content-length': 4096 });
      response.write('{"value":[{"deviceName":"DESK');
      return;
    case 'trickle': {
      response.writeHead(200, { 'content-type': JSON_TYPE });
      response.write('{"value":[],"pad":"');
      let sent = 0;
      const drip = (): void => {
        if (response.destroyed) return;
        if (sent++ >= TRICKLE_MAX_BYTES) {
          response.end('"}');
          return;
        }
        response.write('.');
        session.later(TRICKLE_INTERVAL_MS, drip);
      };
      session.later(TRICKLE_INTERVAL_MS, drip);
      return;
    }
  }
}

function badContent(context: ResponseContext, behaviour: Extract<Behaviour, { kind: 'bad-content' }>): void {
  const html = '<!DOCTYPE html><html><body><h1>Sign in to continue</h1></body></html>';
  switch (behaviour.variant) {
    case 'text/html':
      send(context, 200, { 'content-type': 'text/html; charset=utf-8' }, html);
      return;
    case 'json-typed-html':
      send(context, 200, { 'content-type': JSON_TYPE }, html);
      return;
    case 'application/octet-stream':
    case 'no-content-type':
    case 'text/plain-json': {
      const payload = normalPayload(context);
      const type = {
        'application/octet-stream': { 'content-type': 'application/octet-stream' },
        'no-content-type': {},
        'text/plain-json': { 'content-type': 'text/plain; charset=utf-8' },
      }[behaviour.variant];
      send(context, payload.status < 300 ? 200 : payload.status, type, payload.body);
      return;
    }
    case 'malformed-json': {
      // Cut off mid-value; for the token endpoint, right after a real token.
      const body =
        context.role === 'token'
          ? `{"token_type":"Bearer","expires_in":"3599","access_token":"${context.session.mint().value}`
          : '{"value":[{"deviceName":"DESKTOP-1","serialNumber":';
      send(context, 200, { 'content-type': JSON_TYPE }, body);
      return;
    }
    case 'json-array':
      send(context, 200, { 'content-type': JSON_TYPE }, `[${normalPayload(context).body}]`);
      return;
    case 'json-string':
      send(context, 200, { 'content-type': JSON_TYPE }, JSON.stringify('all good'));
      return;
    case 'json-number':
      send(context, 200, { 'content-type': JSON_TYPE }, '42');
      return;
    case 'json-null':
      send(context, 200, { 'content-type': JSON_TYPE }, 'null');
      return;
  }
}

function oversized(context: ResponseContext, behaviour: Extract<Behaviour, { kind: 'oversized' }>): void {
  const body =
    context.role === 'token'
      ? Buffer.from(
          `${JSON.stringify(tokenAnswer(context.session)).slice(0, -1)},"pad":"${payloads().tokenPadding}"}`,
          'utf8',
        )
      : payloads().apiOversized;
  const headers = { 'content-type': JSON_TYPE };
  if (behaviour.contentLength) send(context, behaviour.status, headers, body);
  else sendChunked(context, behaviour.status, headers, body);
}

function gzipBomb(context: ResponseContext, behaviour: Extract<Behaviour, { kind: 'gzip-bomb' }>): void {
  const body = context.role === 'token' ? payloads().tokenGzipBomb : payloads().apiGzipBomb;
  const headers = { 'content-type': JSON_TYPE, 'content-encoding': 'gzip' };
  if (behaviour.contentLength) send(context, behaviour.status, headers, body);
  else sendChunked(context, behaviour.status, headers, body);
}

function garbageToken(context: ResponseContext, variant: GarbageToken): void {
  const { value } = context.session.mint();
  // Garbage goes after the token's alphanumeric core, so the core (what the scanner looks for) stays whole.
  const at = value.indexOf('.');
  const spliced = (insert: string) => `${value.slice(0, at)}${insert}${value.slice(at)}`;
  const answer: Record<string, unknown> = { token_type: 'Bearer', expires_in: '3599', access_token: value };
  switch (variant) {
    case 'newline':
      answer.access_token = spliced('\n');
      break;
    case 'carriage-return':
      answer.access_token = spliced('\r');
      break;
    case 'nul':
      answer.access_token = spliced('\0');
      break;
    case 'space':
      answer.access_token = spliced(' ');
      break;
    case 'unicode':
      answer.access_token = spliced('é✓😀');
      break;
    case 'long-20kb':
      answer.access_token = `${value}${'A'.repeat(20_000)}`;
      break;
    case 'empty':
      answer.access_token = '';
      break;
    case 'number':
      answer.access_token = 1234567890123;
      break;
    case 'array':
      answer.access_token = [value];
      break;
    case 'object':
      answer.access_token = { token: value };
      break;
    case 'token-type-missing':
      delete answer.token_type;
      break;
    case 'token-type-mac':
      answer.token_type = 'mac';
      break;
    case 'expires-in-0':
      answer.expires_in = '0';
      break;
    case 'expires-in-abc':
      answer.expires_in = 'abc';
      break;
    case 'expires-in-negative':
      answer.expires_in = '-60';
      break;
    case 'expires-in-huge':
      answer.expires_in = '99999999999999999999';
      break;
    case 'expires-in-missing':
      delete answer.expires_in;
      break;
  }
  sendJson(context, 200, answer);
}

function endlessNextLink(context: ResponseContext, variant: NextLinkVariant): void {
  const { urls, plan } = context.session;
  const path = `/tenants/${plan.tenantId}/devices`;
  const page = ++context.session.endlessLinks;
  const nextLink = {
    fresh: `${urls.baseUrl}${path}?$skiptoken=endless-${page}`,
    same: `${urls.baseUrl}${path}?$skiptoken=same`,
    'repeat-items': `${urls.baseUrl}${path}?$skiptoken=again-${page}`,
    'other-origin': `${urls.thiefAltOrigin}/api/v1${path}?$skiptoken=${plan.marker}`,
    thief: `${urls.thiefOrigin}/api/v1${path}?$skiptoken=${plan.marker}`,
    external: `${urls.externalOrigin}/api/v1${path}?$skiptoken=${plan.marker}`,
  }[variant];
  // Empty pages for the endless variants; items (the same ones every time) where the link is the test.
  const value =
    variant === 'fresh' || variant === 'same'
      ? []
      : [device('DESKTOP-SAME-A', 1), device('DESKTOP-SAME-B', 2)];
  sendJson(context, 200, {
    '@odata.context': `${urls.baseUrl}/$metadata#Devices`,
    value,
    '@odata.nextLink': nextLink,
  });
}

function reset(context: ResponseContext, phase: 'before-headers' | 'after-headers' | 'mid-body'): void {
  const { request, response, session } = context;
  if (phase === 'before-headers') {
    request.socket.destroy();
    return;
  }
  if (phase === 'after-headers') {
    response.writeHead(200, { 'content-type': JSON_TYPE });
    response.flushHeaders();
  } else {
    response.writeHead(200, { 'content-type': JSON_TYPE, 'content-length': 2048 });
    response.write('{"value":[{"deviceName":"DESKTOP-1"},');
  }
  session.later(5, () => request.socket.destroy());
}

function throttle(context: ResponseContext, behaviour: Extract<Behaviour, { kind: 'throttle' }>): void {
  const headers: OutgoingHttpHeaders = {};
  const all = behaviour.header === 'all';
  if (all || behaviour.header === 'retry-after-seconds') headers['retry-after'] = '1000';
  if (all || behaviour.header === 'retry-after-ms') {
    headers['retry-after-ms'] = '999999999';
    headers['x-ms-retry-after-ms'] = '999999999';
  }
  if (behaviour.header === 'retry-after-date') headers['retry-after'] = 'Fri, 01 Jan 2100 00:00:00 GMT';
  const body =
    context.role === 'token'
      ? { error: 'temporarily_unavailable', error_description: 'AADSTS50196: The server is busy.' }
      : { error: { code: 'TooManyRequests', message: 'Slow down.' } };
  sendJson(context, behaviour.status, body, headers);
}

function refuseToken(context: ResponseContext): void {
  if (context.role === 'token') {
    sendJson(context, 401, {
      error: 'invalid_client',
      error_description: 'AADSTS7000215: Invalid client secret.',
    });
    return;
  }
  sendJson(
    context,
    401,
    {
      error: { code: 'InvalidAuthenticationToken', message: 'Access token has expired or is not yet valid.' },
    },
    { 'www-authenticate': 'Bearer error="invalid_token", error_description="The token expired"' },
  );
}

/** Answers the request as `behaviour` says. */
export function respond(behaviour: Behaviour, context: ResponseContext): void {
  switch (behaviour.kind) {
    case 'normal': {
      const payload = normalPayload(context);
      send(context, payload.status, { 'content-type': payload.contentType }, payload.body);
      return;
    }
    case 'echo':
      echo(context, behaviour);
      return;
    case 'redirect':
      redirect(context, behaviour);
      return;
    case 'stall':
      stall(context, behaviour);
      return;
    case 'bad-content':
      badContent(context, behaviour);
      return;
    case 'oversized':
      oversized(context, behaviour);
      return;
    case 'gzip-bomb':
      gzipBomb(context, behaviour);
      return;
    case 'garbage-token':
      context.role === 'token'
        ? garbageToken(context, behaviour.variant)
        : respond({ kind: 'normal' }, context);
      return;
    case 'endless-next-link':
      context.role === 'api'
        ? endlessNextLink(context, behaviour.variant)
        : respond({ kind: 'normal' }, context);
      return;
    case 'reset':
      reset(context, behaviour.phase);
      return;
    case 'throttle':
      throttle(context, behaviour);
      return;
    case 'refuse-token':
      refuseToken(context);
      return;
  }
}
