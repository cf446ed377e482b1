/**
 * The behaviour catalogue: every way the hostile servers can answer one request, for the token
 * endpoint and for the API, how each is drawn from a seeded PRNG, and how each is described in a
 * failure report. What a behaviour does on the wire is in `responder.ts`.
 */
import type { Rng } from './prng';

export type Role = 'token' | 'api';

export type EchoSource = 'body' | 'headers' | 'authorization';
export type EchoEncoding = 'raw' | 'form' | 'percent-lower' | 'percent-upper' | 'json' | 'json-slash';
export type EchoTarget = 'body' | 'header' | 'status-text';
export type EchoHeader =
  | 'x-echo'
  | 'www-authenticate'
  | 'x-ms-request-id'
  | 'request-id'
  | 'client-request-id'
  | 'content-type';
export type ErrorStatus = 400 | 401 | 403 | 500 | 503;

export type BadContent =
  | 'text/html'
  | 'application/octet-stream'
  | 'no-content-type'
  | 'text/plain-json'
  | 'json-typed-html'
  | 'malformed-json'
  | 'json-array'
  | 'json-string'
  | 'json-number'
  | 'json-null';

export type GarbageToken =
  | 'newline'
  | 'carriage-return'
  | 'nul'
  | 'space'
  | 'unicode'
  | 'long-20kb'
  | 'empty'
  | 'number'
  | 'array'
  | 'object'
  | 'token-type-missing'
  | 'token-type-mac'
  | 'expires-in-0'
  | 'expires-in-abc'
  | 'expires-in-negative'
  | 'expires-in-huge'
  | 'expires-in-missing';

export type NextLinkVariant = 'fresh' | 'same' | 'repeat-items' | 'other-origin' | 'thief' | 'external';

export type Behaviour =
  /** A valid answer: a token, or the operation's OData JSON (a list page may carry a nextLink that progresses). */
  | { readonly kind: 'normal' }
  /** Echoes what the client sent into an error answer. */
  | {
      readonly kind: 'echo';
      readonly source: EchoSource;
      readonly encoding: EchoEncoding;
      readonly targets: readonly EchoTarget[];
      readonly header: EchoHeader;
      readonly status: ErrorStatus;
    }
  | {
      readonly kind: 'redirect';
      readonly status: 301 | 302 | 307 | 308;
      /** thief: 127.0.0.1 on another port; other-origin: `localhost` on that port; external: a `.invalid` host. */
      readonly to: 'thief' | 'other-origin' | 'external' | 'outside-base' | 'self';
    }
  | { readonly kind: 'stall'; readonly phase: 'before-headers' | 'after-headers' | 'mid-body' | 'trickle' }
  | { readonly kind: 'bad-content'; readonly variant: BadContent }
  | { readonly kind: 'oversized'; readonly contentLength: boolean; readonly status: 200 | 500 }
  | { readonly kind: 'gzip-bomb'; readonly contentLength: boolean; readonly status: 200 | 400 }
  | { readonly kind: 'garbage-token'; readonly variant: GarbageToken }
  /**
   * Pages that never end: empty with a new nextLink (`fresh`) or the same one (`same`); the same two
   * items again with a new nextLink (`repeat-items`, no progress); or a page with items whose nextLink
   * leads to another origin (`other-origin`: localhost on the thief's port; `thief`; `external`).
   */
  | { readonly kind: 'endless-next-link'; readonly variant: NextLinkVariant }
  | { readonly kind: 'reset'; readonly phase: 'before-headers' | 'after-headers' | 'mid-body' }
  | {
      readonly kind: 'throttle';
      readonly status: 429 | 503;
      readonly header: 'retry-after-seconds' | 'retry-after-ms' | 'retry-after-date' | 'all';
    }
  /** 401 with `WWW-Authenticate: Bearer error="invalid_token"`: the token is refused. */
  | { readonly kind: 'refuse-token' };

export type BehaviourKind = Behaviour['kind'];

/**
 * What an endpoint answers over a case: the scripted behaviours in order, one per request, then
 * `normal` answers, or the last behaviour again (`repeat-last`).
 */
export interface EndpointScript {
  readonly steps: readonly Behaviour[];
  readonly afterwards: 'normal' | 'repeat-last';
}

export function behaviourAt(script: EndpointScript, index: number): Behaviour {
  const step = script.steps[index];
  if (step) return step;
  if (script.afterwards === 'repeat-last') return script.steps.at(-1) ?? { kind: 'normal' };
  return { kind: 'normal' };
}

const ERROR_STATUSES: readonly ErrorStatus[] = [400, 401, 403, 500, 503];
const ECHO_HEADERS: readonly EchoHeader[] = [
  'x-echo',
  'www-authenticate',
  'x-ms-request-id',
  'request-id',
  'client-request-id',
  'content-type',
];
const ECHO_ENCODINGS: readonly EchoEncoding[] = [
  'raw',
  'form',
  'percent-lower',
  'percent-upper',
  'json',
  'json-slash',
];
const ECHO_TARGETS: readonly EchoTarget[] = ['body', 'header', 'status-text'];
const BAD_CONTENT: readonly BadContent[] = [
  'text/html',
  'application/octet-stream',
  'no-content-type',
  'text/plain-json',
  'json-typed-html',
  'malformed-json',
  'json-array',
  'json-string',
  'json-number',
  'json-null',
];
const GARBAGE_TOKENS: readonly GarbageToken[] = [
  'newline',
  'carriage-return',
  'nul',
  'space',
  'unicode',
  'long-20kb',
  'empty',
  'number',
  'array',
  'object',
  'token-type-missing',
  'token-type-mac',
  'expires-in-0',
  'expires-in-abc',
  'expires-in-negative',
  'expires-in-huge',
  'expires-in-missing',
];

function drawEcho(rng: Rng, role: Role): Behaviour {
  const targets = ECHO_TARGETS.filter(() => rng.chance(0.5));
  return {
    kind: 'echo',
    // The token endpoint gets no Authorization header: its secret is in the body.
    source:
      role === 'token'
        ? rng.weighted<EchoSource>([
            ['body', 4],
            ['headers', 1],
          ])
        : rng.weighted<EchoSource>([
            ['authorization', 3],
            ['headers', 2],
            ['body', 1],
          ]),
    encoding: rng.pick(ECHO_ENCODINGS),
    targets: targets.length > 0 ? targets : [rng.pick(ECHO_TARGETS)],
    header: rng.pick(ECHO_HEADERS),
    status: rng.pick(ERROR_STATUSES),
  };
}

type Draw = (rng: Rng, role: Role) => Behaviour;

const DRAWS: Record<Exclude<BehaviourKind, 'normal'>, Draw> = {
  echo: drawEcho,
  redirect: (rng) => ({
    kind: 'redirect',
    status: rng.pick([301, 302, 307, 308] as const),
    to: rng.pick(['thief', 'other-origin', 'external', 'outside-base', 'self'] as const),
  }),
  stall: (rng) => ({
    kind: 'stall',
    phase: rng.pick(['before-headers', 'after-headers', 'mid-body', 'trickle'] as const),
  }),
  'bad-content': (rng) => ({ kind: 'bad-content', variant: rng.pick(BAD_CONTENT) }),
  oversized: (rng) => ({
    kind: 'oversized',
    contentLength: rng.chance(0.5),
    status: rng.weighted<200 | 500>([
      [200, 3],
      [500, 1],
    ]),
  }),
  'gzip-bomb': (rng) => ({
    kind: 'gzip-bomb',
    contentLength: rng.chance(0.5),
    status: rng.weighted<200 | 400>([
      [200, 3],
      [400, 1],
    ]),
  }),
  'garbage-token': (rng) => ({ kind: 'garbage-token', variant: rng.pick(GARBAGE_TOKENS) }),
  'endless-next-link': (rng) => ({
    kind: 'endless-next-link',
    variant: rng.pick(['fresh', 'same', 'repeat-items', 'other-origin', 'thief', 'external'] as const),
  }),
  reset: (rng) => ({
    kind: 'reset',
    phase: rng.pick(['before-headers', 'after-headers', 'mid-body'] as const),
  }),
  throttle: (rng) => ({
    kind: 'throttle',
    status: rng.pick([429, 503] as const),
    header: rng.pick(['retry-after-seconds', 'retry-after-ms', 'retry-after-date', 'all'] as const),
  }),
  'refuse-token': () => ({ kind: 'refuse-token' }),
};

/** How often each kind is drawn, per endpoint; kinds an endpoint has no use for are absent. */
const WEIGHTS: Record<Role, ReadonlyArray<readonly [BehaviourKind, number]>> = {
  token: [
    ['normal', 6],
    ['echo', 8],
    ['redirect', 3],
    ['stall', 3],
    ['bad-content', 3],
    ['oversized', 2],
    ['gzip-bomb', 2],
    ['garbage-token', 7],
    ['reset', 2],
    ['throttle', 2],
  ],
  api: [
    ['normal', 6],
    ['echo', 8],
    ['redirect', 4],
    ['stall', 3],
    ['bad-content', 3],
    ['oversized', 2],
    ['gzip-bomb', 2],
    ['endless-next-link', 4],
    ['reset', 2],
    ['throttle', 3],
    ['refuse-token', 3],
  ],
};

export function drawBehaviour(rng: Rng, role: Role): Behaviour {
  const kind = rng.weighted(WEIGHTS[role]);
  return kind === 'normal' ? { kind: 'normal' } : DRAWS[kind](rng, role);
}

/**
 * An endpoint's script: 1–3 behaviours. Endless nextLinks only make sense repeated, so a script
 * holding one ends with it and repeats it; `refuse-token` is followed by normal answers (the
 * refreshed token is accepted) unless later steps say otherwise.
 */
export function drawScript(rng: Rng, role: Role, options: { clean: boolean }): EndpointScript {
  if (options.clean) return { steps: [{ kind: 'normal' }], afterwards: 'normal' };
  const steps: Behaviour[] = [];
  const count = rng.int(1, 3);
  for (let i = 0; i < count; i++) steps.push(drawBehaviour(rng, role));
  const endless = steps.findIndex((step) => step.kind === 'endless-next-link');
  if (endless >= 0) return { steps: steps.slice(0, endless + 1), afterwards: 'repeat-last' };
  return { steps, afterwards: rng.chance(0.7) ? 'normal' : 'repeat-last' };
}

export function describeBehaviour(behaviour: Behaviour): string {
  switch (behaviour.kind) {
    case 'normal':
    case 'refuse-token':
      return behaviour.kind;
    case 'echo':
      return `echo(${behaviour.source} as ${behaviour.encoding} → ${behaviour.targets
        .map((target) => (target === 'header' ? `header ${behaviour.header}` : target))
        .join(' + ')}, ${behaviour.status})`;
    case 'redirect':
      return `redirect(${behaviour.status} → ${behaviour.to})`;
    case 'stall':
      return `stall(${behaviour.phase})`;
    case 'bad-content':
      return `bad-content(${behaviour.variant})`;
    case 'oversized':
    case 'gzip-bomb':
      return `${behaviour.kind}(${behaviour.status}, ${behaviour.contentLength ? 'with' : 'without'} content-length)`;
    case 'garbage-token':
    case 'endless-next-link':
      return `${behaviour.kind}(${behaviour.variant})`;
    case 'reset':
      return `reset(${behaviour.phase})`;
    case 'throttle':
      return `throttle(${behaviour.status}, ${behaviour.header})`;
  }
}

/** A coarse name of a behaviour (its kind and main variant), for tallies in the summary. */
export function behaviourKey(behaviour: Behaviour): string {
  switch (behaviour.kind) {
    case 'normal':
    case 'refuse-token':
    case 'oversized':
    case 'gzip-bomb':
      return behaviour.kind;
    case 'echo':
      return `echo/${behaviour.source}`;
    case 'redirect':
      return `redirect/${behaviour.to}`;
    case 'stall':
    case 'reset':
      return `${behaviour.kind}/${behaviour.phase}`;
    case 'bad-content':
    case 'garbage-token':
    case 'endless-next-link':
      return `${behaviour.kind}/${behaviour.variant}`;
    case 'throttle':
      return `throttle/${behaviour.status}`;
  }
}

export function describeScript(script: EndpointScript): string {
  return `${script.steps.map(describeBehaviour).join(', ')}; then ${script.afterwards}`;
}
