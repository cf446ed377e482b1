/**
 * The case runner: runs each case against its slot's hostile servers, through an SDK adapter the
 * test file provides, and checks the invariants after every case:
 *
 * 1. it settles within the documented worst case plus a fixed slack, and a rejection is an MmdError;
 * 2. no client secret or token, in any spelling, in the error (every field, the cause chain,
 *    JSON.stringify, util.inspect) or in any log line (the case's logger, and console);
 * 3. the bearer token only goes below baseUrl (never to the thief, the authority, another path or an
 *    external host) and the client secret only to the token endpoint;
 * and that the servers saw fewer than REQUEST_LIMIT requests (no endless pagination).
 *
 * Up to `concurrency` cases run at once, one per slot, as the load gate admits them; a slot whose
 * case hung is replaced, so a client still running in the background cannot disturb later cases.
 */
import { performance } from 'node:perf_hooks';
import { formatWithOptions } from 'node:util';
import { type CasePlan, type Operation, planCase } from './case-plan';
import type { CaseSession, SeenRequest } from './case-session';
import { type Leak, LeakScanner, type Rendering, renderError, type Secret } from './leak-scanner';
import { LoadGate } from './load-gate';
import { HostileSlot, REQUEST_LIMIT } from './loopback-server';
import { API_MAX_RESPONSE_BYTES, payloads, TOKEN_MAX_RESPONSE_BYTES } from './payloads';

/** The limits every case's credential and client get. */
export const LIMITS = {
  timeout: 300,
  maxRetries: 1,
  maxRetryDelay: 20,
  apiMaxResponseBytes: API_MAX_RESPONSE_BYTES,
  tokenMaxResponseBytes: TOKEN_MAX_RESPONSE_BYTES,
} as const;

/** Absorbs machine load; what the settle bound catches are hangs of seconds to minutes. */
export const SETTLE_SLACK_MS = 10_000;
/** Pages `toArray({ limit: 10 })` may need: the normal pages give 2 items each. */
export const PAGINATE_PAGES = 5;
export const PAGINATE_LIMIT = 10;

/** The documented worst case of one API call: `timeout × (maxRetries + 2) + maxRetryDelay × (maxRetries + 1)`. */
export const CALL_BOUND_MS =
  LIMITS.timeout * (LIMITS.maxRetries + 2) + LIMITS.maxRetryDelay * (LIMITS.maxRetries + 1);

export function documentedBound(operation: Operation): number {
  return operation === 'paginate' ? PAGINATE_PAGES * CALL_BOUND_MS : CALL_BOUND_MS;
}

export interface RecordingLogger {
  debug(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

/** What the SDK adapter gets to build a credential and a client for one case. */
export interface ClientSetup {
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** `http://127.0.0.1:<port>` of the case's token endpoint. */
  readonly authorityHost: string;
  readonly baseUrl: string;
  readonly limits: typeof LIMITS;
  readonly logger: RecordingLogger;
  readonly deviceName: string;
  readonly paginateLimit: number;
}

/**
 * The SDK as the harness drives it. The test file implements it with the real exports, so that file
 * alone is typed against the SDK's API.
 */
export interface SdkUnderTest {
  /** Builds a fresh credential and client from `setup` and makes the call `operation` names. */
  call(operation: Operation, setup: ClientSetup): Promise<unknown>;
  /** Whether a rejection is an error of the SDK (`instanceof MmdError`). */
  isSdkError(error: unknown): boolean;
}

export type Invariant =
  | 'settles'
  | 'mmd-error'
  | 'no-leak'
  | 'token-confinement'
  | 'request-bound'
  | 'late-request'
  | 'harness';

export interface CaseFailure {
  readonly invariant: Invariant;
  readonly detail: string;
  /** Text around the problem, secrets masked. */
  readonly excerpt?: string;
}

export interface CaseResult {
  readonly plan: CasePlan;
  readonly outcome: 'result' | 'error' | 'hung';
  /** The rejection's class (`TimeoutError`, …), for the summary. */
  readonly errorName?: string;
  readonly elapsedMs: number;
  readonly requests: number;
  readonly failures: CaseFailure[];
}

export interface RunOptions {
  readonly seed: number;
  readonly caseNumbers: readonly number[];
  readonly concurrency: number;
  /** Added to the documented worst case to give the settle bound (default SETTLE_SLACK_MS). */
  readonly settleSlackMs?: number;
  /** Stop starting cases after this long (cases already running finish). */
  readonly budgetMs: number;
  readonly sdk: SdkUnderTest;
  /** Lines written to console while the run goes on (the test spies on console). */
  readonly consoleLines: readonly string[];
  /** Takes the connections the loopback-only guard refused since the last call. */
  readonly takeRefusedConnections: () => ReadonlyArray<{ readonly target: string }>;
  /** Called after each case (verbose replay output). */
  readonly onCase?: (result: CaseResult, details: CaseDetails) => void;
}

/** What a replay shows of one case besides its result. */
export interface CaseDetails {
  readonly scanner: LeakScanner;
  /** The rejection, if the call was rejected. */
  readonly error: unknown;
  readonly seen: readonly SeenRequest[];
  readonly logLines: readonly string[];
}

export interface RunReport {
  readonly results: CaseResult[];
  readonly elapsedMs: number;
  /** CPU time the process used meanwhile (clients, servers and checks share one thread). */
  readonly cpuMs: number;
  /** Cases not started because the time budget ran out. */
  readonly skipped: number;
  /** Refused connections no case could be named for. */
  readonly unattributedRefusals: string[];
  /** Requests that arrived on a slot after its case ended, and no case could be named for. */
  readonly unattributedLateRequests: string[];
  /** Requests read after their case ended whose client had already given up on them (load, not a bug). */
  readonly abandonedRequests: number;
  /** Cases running at once (the load gate lowers it while the event loop lags). */
  readonly concurrency: { readonly peak: number; readonly mean: number };
}

type Settled =
  | { readonly kind: 'result' }
  | { readonly kind: 'error'; readonly error: unknown }
  | { readonly kind: 'hung' };

function formatLine(args: unknown[]): string {
  return formatWithOptions({ depth: 10, showHidden: true }, ...args);
}

function recordingLogger(lines: string[]): RecordingLogger {
  const at =
    (level: string) =>
    (...args: unknown[]) => {
      lines.push(`${level}: ${formatLine(args)}`);
    };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

function isUnderBase(target: string, basePath: string): boolean {
  const path = new URL(target, 'http://base.invalid').pathname;
  return basePath === '' || path === basePath || path.startsWith(`${basePath}/`);
}

function secretsOf(session: CaseSession): Secret[] {
  return [
    { kind: 'client secret', value: session.plan.clientSecret, core: session.plan.secretCore },
    ...session.minted.map(
      (token): Secret => ({ kind: 'access token', value: token.value, core: token.core }),
    ),
  ];
}

function leakFailure(leak: Leak): CaseFailure {
  return {
    invariant: 'no-leak',
    detail: `${leak.secret} (${leak.spelling}) in ${leak.where}`,
    excerpt: leak.excerpt,
  };
}

const TOKEN_PATH = /^\/[^/]+\/oauth2\/v2\.0\/token$/;

/** Invariant 3: where the bearer token and the client secret went. */
function confinementFailures(session: CaseSession, scanner: LeakScanner): CaseFailure[] {
  const failures: CaseFailure[] = [];
  const { plan, urls } = session;
  const tokenCores = session.minted.map((token) => token.core);
  for (const request of session.seen) {
    const where = () => `${request.server} ${request.method} ${scanner.mask(request.target)}`;
    const everything = `${request.target}\n${request.headerText}\n${request.body}`;
    if (request.authorization !== undefined) {
      if (request.server === 'thief') {
        failures.push({
          invariant: 'token-confinement',
          detail: `the thief (another origin: ${request.host}) received an Authorization header: ${where()}`,
        });
      } else if (request.server === 'authority') {
        failures.push({
          invariant: 'token-confinement',
          detail: `the token endpoint's host received an Authorization header: ${where()}`,
        });
      } else if (!isUnderBase(request.target, urls.basePath)) {
        failures.push({
          invariant: 'token-confinement',
          detail: `a request outside the base path ${urls.basePath || '/'} carried an Authorization header: ${where()}`,
        });
      }
    }
    if (request.server === 'thief' && tokenCores.some((core) => everything.includes(core))) {
      failures.push({ invariant: 'token-confinement', detail: `the thief received a token: ${where()}` });
    }
    const tokenEndpoint =
      request.server === 'authority' && TOKEN_PATH.test(new URL(request.target, 'http://x.invalid').pathname);
    if (!tokenEndpoint && everything.includes(plan.secretCore)) {
      failures.push({
        invariant: 'token-confinement',
        detail: `the client secret was sent somewhere other than the token endpoint: ${where()}`,
      });
    }
  }
  return failures;
}

async function runCase(
  plan: CasePlan,
  slot: HostileSlot,
  options: RunOptions,
  refused: string[],
): Promise<{ result: CaseResult; details: CaseDetails }> {
  const session = slot.begin(plan);
  const lines: string[] = [];
  const consoleStart = options.consoleLines.length;
  const setup: ClientSetup = {
    tenantId: plan.tenantId,
    clientId: plan.clientId,
    clientSecret: plan.clientSecret,
    authorityHost: session.urls.authorityHost,
    baseUrl: session.urls.baseUrl,
    limits: LIMITS,
    logger: recordingLogger(lines),
    deviceName: `DESKTOP-${plan.caseNumber}`,
    paginateLimit: PAGINATE_LIMIT,
  };
  const slack = options.settleSlackMs ?? SETTLE_SLACK_MS;
  const bound = documentedBound(plan.operation) + slack;
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const settled = await Promise.race<Settled>([
    Promise.resolve()
      .then(() => options.sdk.call(plan.operation, setup))
      .then(
        (): Settled => ({ kind: 'result' }),
        (error: unknown): Settled => ({ kind: 'error', error }),
      ),
    new Promise<Settled>((resolve) => {
      timer = setTimeout(() => resolve({ kind: 'hung' }), bound);
    }),
  ]);
  const elapsedMs = performance.now() - started;
  clearTimeout(timer);
  slot.end(session);

  const scanner = new LeakScanner(secretsOf(session));
  const failures: CaseFailure[] = [];
  const error = settled.kind === 'error' ? settled.error : undefined;

  // 1. Settles, with an MmdError.
  if (settled.kind === 'hung') {
    failures.push({
      invariant: 'settles',
      detail: `did not settle within ${bound} ms (documented ${documentedBound(plan.operation)} ms + ${slack} ms slack); ${session.seen.length} request(s) seen`,
    });
  } else if (settled.kind === 'error' && !options.sdk.isSdkError(error)) {
    const name = (error as Error | undefined)?.constructor?.name ?? typeof error;
    const message = error instanceof Error ? error.message : String(error);
    failures.push({
      invariant: 'mmd-error',
      detail: `rejected with ${name}, not an MmdError`,
      excerpt: scanner.excerpt(message),
    });
  }

  // 2. No secret or token in the error or the log lines.
  const renderings: Rendering[] = [
    ...(settled.kind === 'error' ? renderError(error) : []),
    ...lines.map((text, index) => ({ where: `log line ${index + 1}`, text })),
    ...options.consoleLines
      .slice(consoleStart)
      .map((text, index) => ({ where: `console line ${index + 1}`, text })),
  ];
  const leaks = new Set<string>();
  for (const rendering of renderings) {
    const leak = scanner.scan(rendering);
    // One failure per place and spelling; a leak in error.message shows up in stack and inspect too.
    if (leak && !leaks.has(`${leak.secret}|${leak.spelling}`)) {
      leaks.add(`${leak.secret}|${leak.spelling}`);
      failures.push(leakFailure(leak));
    }
  }

  // 3. The bearer token went only below baseUrl, the secret only to the token endpoint.
  failures.push(...confinementFailures(session, scanner));
  refused.push(...options.takeRefusedConnections().map((entry) => entry.target));
  for (let i = refused.length - 1; i >= 0; i--) {
    if (refused[i]?.includes(plan.marker)) {
      failures.push({
        invariant: 'token-confinement',
        detail: `the client connected to an external host (a redirect or nextLink was followed): ${refused[i]}`,
      });
      refused.splice(i, 1);
    }
  }

  if (session.seen.length >= REQUEST_LIMIT) {
    failures.push({
      invariant: 'request-bound',
      detail: `the servers saw ${session.seen.length} requests (limit ${REQUEST_LIMIT}; further ones were reset): ${session.tokenRequests} token, ${session.apiRequests} API`,
    });
  }
  for (const problem of session.harnessErrors) {
    failures.push({ invariant: 'harness', detail: scanner.mask(problem).slice(0, 500) });
  }

  const errorName = settled.kind === 'error' ? describeErrorName(error) : undefined;
  return {
    result: {
      plan,
      outcome: settled.kind,
      ...(errorName ? { errorName } : {}),
      elapsedMs,
      requests: session.seen.length,
      failures,
    },
    details: { scanner, error, seen: session.seen, logLines: lines },
  };
}

function describeErrorName(error: unknown): string {
  if (error instanceof Error) return error.name || error.constructor.name;
  return `non-error ${typeof error}`;
}

/** The slots and the run loop; `close` ends every server and connection. */
export class HostileHarness {
  private readonly slots = new Set<HostileSlot>();
  private lateRequests = new Map<number | undefined, string[]>();
  private nextSlotId = 0;
  private abandonedRequests = 0;

  private async openSlot(): Promise<HostileSlot> {
    const slot = await HostileSlot.open(this.nextSlotId++, {
      foreign: (caseNumber, description) => {
        const list = this.lateRequests.get(caseNumber) ?? [];
        list.push(description);
        this.lateRequests.set(caseNumber, list);
      },
      abandoned: () => {
        this.abandonedRequests++;
      },
    });
    this.slots.add(slot);
    return slot;
  }

  private async retire(slot: HostileSlot): Promise<void> {
    this.slots.delete(slot);
    await slot.close();
  }

  async run(options: RunOptions): Promise<RunReport> {
    payloads(); // Build the big bodies before the clock starts.
    const started = performance.now();
    const cpuAtStart = process.cpuUsage();
    const results: CaseResult[] = [];
    const refused: string[] = [];
    let next = 0;
    let skipped = 0;
    let running = 0;
    let runningTotal = 0;
    let peak = 0;
    const gate = new LoadGate();
    const worker = async () => {
      let slot = await this.openSlot();
      try {
        while (next < options.caseNumbers.length) {
          await gate.admit(() => running);
          if (next >= options.caseNumbers.length) break;
          if (performance.now() - started > options.budgetMs) {
            skipped = options.caseNumbers.length - next;
            next = options.caseNumbers.length;
            break;
          }
          const caseNumber = options.caseNumbers[next++] as number;
          const plan = planCase(options.seed, caseNumber);
          running++;
          peak = Math.max(peak, running);
          runningTotal += running;
          const { result, details } = await runCase(plan, slot, options, refused).finally(() => {
            running--;
          });
          results.push(result);
          options.onCase?.(result, details);
          if (result.outcome === 'hung') {
            // The client may still be running: give it closed ports, and the next case fresh ones.
            await this.retire(slot);
            slot = await this.openSlot();
          }
        }
      } finally {
        await this.retire(slot);
      }
    };
    try {
      await Promise.all(
        Array.from({ length: Math.min(options.concurrency, options.caseNumbers.length) }, worker),
      );
    } finally {
      gate.stop();
    }
    refused.push(...options.takeRefusedConnections().map((entry) => entry.target));

    // Requests that arrived after their case ended are failures of that case.
    const byNumber = new Map(results.map((result) => [result.plan.caseNumber, result]));
    const unattributedLateRequests: string[] = [];
    for (const [caseNumber, descriptions] of this.lateRequests) {
      const result = caseNumber === undefined ? undefined : byNumber.get(caseNumber);
      if (!result) {
        unattributedLateRequests.push(...descriptions);
        continue;
      }
      for (const description of descriptions) {
        result.failures.push({
          invariant: 'late-request',
          detail: `a request arrived after the case had settled: ${description}`,
        });
      }
    }
    this.lateRequests = new Map();
    const abandonedRequests = this.abandonedRequests;
    this.abandonedRequests = 0;
    results.sort((a, b) => a.plan.caseNumber - b.plan.caseNumber);
    return {
      results,
      elapsedMs: performance.now() - started,
      cpuMs: (() => {
        const cpu = process.cpuUsage(cpuAtStart);
        return (cpu.user + cpu.system) / 1000;
      })(),
      skipped,
      unattributedRefusals: refused,
      unattributedLateRequests,
      abandonedRequests,
      concurrency: { peak, mean: results.length > 0 ? runningTotal / results.length : 0 },
    };
  }

  async close(): Promise<void> {
    await Promise.all([...this.slots].map((slot) => this.retire(slot)));
  }
}
