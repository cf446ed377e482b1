/**
 * Hostile-network run: 2,000 seeded cases (by default) of a credential and a client against loopback
 * servers that echo secrets back in every encoding, redirect to a thief, stall, trickle, reset, send
 * garbage tokens, oversized bodies, gzip bombs and endless nextLinks. After each case: it settled in
 * time with an MmdError (or a result), nothing the caller can see holds a secret or token, and the
 * bearer token went only below baseUrl. See test/support/hostile-server/ for the parts.
 *
 * Replay: HOSTILE_SEED=<seed> HOSTILE_CASE=<n>[,<n>…] pnpm exec vitest run test/hostile-network.test.ts
 * Other knobs: HOSTILE_CASES (how many, default 2000), HOSTILE_CONCURRENCY (most cases at once, default
 * 48; a load gate keeps it near 8 while the event loop is saturated, so healthy answers do not time out).
 */
import { format } from 'node:util';
import { afterAll, expect, it, vi } from 'vitest';
import { takeRefusedConnections } from '../../../scripts/test-setup/loopback-only';
import { ClientSecretCredential, createMmdClient, type MmdClient, MmdError } from '../src/index';
import { type CasePlan, type Operation, planCase } from './support/hostile-server/case-plan';
import {
  type CaseResult,
  type ClientSetup,
  HostileHarness,
  type Invariant,
  type RunReport,
  type SdkUnderTest,
} from './support/hostile-server/case-runner';
import { formatReplay, formatReport } from './support/hostile-server/report';

function numberFromEnvironment(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text.trim() === '') return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 0)
    throw new Error(`${name} must be a whole number, got "${text}"`);
  return value;
}

const SEED = numberFromEnvironment('HOSTILE_SEED', 20_240_611);
const ONLY = (process.env.HOSTILE_CASE ?? '')
  .split(',')
  .filter((part) => part.trim() !== '')
  .map((part) => {
    const value = Number(part);
    if (!Number.isSafeInteger(value) || value < 1)
      throw new Error(`HOSTILE_CASE: "${part}" is not a case number`);
    return value;
  });
const CASES = numberFromEnvironment('HOSTILE_CASES', 2_000);
const CONCURRENCY = Math.max(1, numberFromEnvironment('HOSTILE_CONCURRENCY', 48));
/** After this long no case is started; a healthy run takes well under a minute. */
const BUDGET_MS = 240_000;

/** A fresh credential and client for one case, as the harness asks; `fetch` only for the self-test. */
function connect(setup: ClientSetup, fetch?: typeof globalThis.fetch) {
  const { limits } = setup;
  const credential = new ClientSecretCredential({
    tenantId: setup.tenantId,
    clientId: setup.clientId,
    clientSecret: setup.clientSecret,
    authorityHost: setup.authorityHost,
    timeout: limits.timeout,
    maxRetries: limits.maxRetries,
    maxRetryDelay: limits.maxRetryDelay,
    maxResponseBytes: limits.tokenMaxResponseBytes,
    logger: setup.logger,
    logLevel: 'debug',
  });
  return createMmdClient({
    credential,
    tenantId: setup.tenantId,
    baseUrl: setup.baseUrl,
    timeout: limits.timeout,
    maxRetries: limits.maxRetries,
    maxRetryDelay: limits.maxRetryDelay,
    maxResponseBytes: limits.apiMaxResponseBytes,
    logger: setup.logger,
    logLevel: 'debug',
    ...(fetch ? { fetch } : {}),
  });
}

function callOperation(mmd: MmdClient, operation: Operation, setup: ClientSetup): Promise<unknown> {
  switch (operation) {
    case 'listDevices':
      return mmd.listDevices();
    case 'getDevice':
      return mmd.getDevice({ path: { deviceName: setup.deviceName } });
    case 'createTicket':
      return mmd.createTicket({
        body: {
          title: 'Hostile network check',
          description: 'Ünïcode, "quotes", back\\slash & ampersand',
          type: 'Incident',
          category: 'Devices',
          subcategory: 'Hardware',
          severity: 3,
          contact: {
            givenName: 'Ada',
            surname: 'Lovelace',
            email: 'ada@contoso.example',
            phoneNumber: '+1 555 0100',
          },
        },
      });
    case 'reassignDeviceProfile':
      return mmd.reassignDeviceProfile({
        query: { persona: 'Standard', wipe: false },
        body: ['0f1e2d3c-4b5a-4968-8776-655443322110'],
      });
    case 'paginate':
      return mmd.paginate('listDevices').toArray({ limit: setup.paginateLimit });
  }
}

/**
 * The SDK as the harness drives it: a fresh credential and client per case, on the transport it picks
 * by itself (its own undici pool on Node) or on `globalThis.fetch` (what a caller's `fetch`, Bun and
 * Deno get).
 */
const transports = {
  'its own undici pool': undefined,
  'globalThis.fetch': (input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init),
} satisfies Record<string, typeof globalThis.fetch | undefined>;

function sdkOn(fetch: typeof globalThis.fetch | undefined): SdkUnderTest {
  return {
    isSdkError: (error) => error instanceof MmdError,
    call: async (operation, setup) => callOperation(connect(setup, fetch), operation, setup),
  };
}
const sdk = sdkOn(undefined);

const harness = new HostileHarness();
afterAll(() => harness.close());

const caseNumbers = ONLY.length > 0 ? ONLY : Array.from({ length: CASES }, (_, index) => index + 1);

it.each(Object.entries(transports))(
  `${caseNumbers.length} seeded hostile-server case(s) on %s settle in time with an MmdError, leak no secret or token, and keep the bearer token below baseUrl`,
  async (_, fetch) => {
    const sdk = sdkOn(fetch);
    const log = console.log.bind(console);
    log(
      `hostile-network: HOSTILE_SEED=${SEED}, ${caseNumbers.length} case(s)${ONLY.length > 0 ? ` (${ONLY.join(', ')})` : ''}, up to ${CONCURRENCY} at once`,
    );
    // Nothing may reach console (every line goes to the case's logger): record it, scan it, print none of it.
    const consoleLines: string[] = [];
    for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        consoleLines.push(`console.${method}: ${format(...args)}`);
      });
    }
    const replays: string[] = [];
    let report: RunReport;
    try {
      report = await harness.run({
        seed: SEED,
        caseNumbers,
        concurrency: CONCURRENCY,
        budgetMs: BUDGET_MS,
        sdk,
        consoleLines,
        takeRefusedConnections,
        onCase: (result: CaseResult, details) => {
          if (ONLY.length === 0) return;
          const error = details.error;
          replays.push(
            formatReplay(SEED, result, [
              error === undefined
                ? 'no rejection'
                : `rejection: ${details.scanner.mask(error instanceof Error ? `${error.name}: ${error.message}` : String(error))}`,
              ...details.seen.map(
                (request, index) =>
                  `request ${index + 1}: ${request.server} ${request.method} ${details.scanner.mask(request.target)}${request.authorization ? ' (with Authorization)' : ''}`,
              ),
              ...details.logLines.map((line) => `log: ${details.scanner.mask(line).slice(0, 300)}`),
            ]),
          );
        },
      });
    } finally {
      vi.restoreAllMocks();
    }
    const summary = formatReport(SEED, CONCURRENCY, caseNumbers.length, report);
    log([summary, ...replays].join('\n\n'));
    if (consoleLines.length > 0)
      log(`hostile-network: ${consoleLines.length} line(s) reached console (scanned, not shown)`);

    const failed = report.results.filter((result) => result.failures.length > 0).length;
    const problems =
      failed +
      report.skipped +
      report.unattributedRefusals.length +
      report.unattributedLateRequests.length +
      (caseNumbers.length - report.results.length - report.skipped);
    expect(problems, summary).toBe(0);
  },
  300_000,
);

/** The first `count` case numbers whose plan fits `test`, for the self-test. */
function casesWhere(test: (plan: CasePlan) => boolean, count: number): number[] {
  const found: number[] = [];
  for (let caseNumber = 1; found.length < count && caseNumber < 1_000_000; caseNumber++) {
    if (test(planCase(SEED, caseNumber))) found.push(caseNumber);
  }
  return found;
}

const cleanToken = (plan: CasePlan) =>
  plan.token.steps.length === 1 && plan.token.steps[0]?.kind === 'normal';

/** Broken clients, each of which the harness must catch breaking one invariant. */
const brokenClients: ReadonlyArray<{
  readonly name: string;
  readonly expected: Invariant;
  readonly cases: readonly number[];
  readonly sdk: SdkUnderTest;
}> = [
  {
    name: 'logs the client secret form-encoded',
    expected: 'no-leak',
    cases: casesWhere(() => true, 2),
    sdk: {
      ...sdk,
      call: (operation, setup) => {
        setup.logger.debug(`sending ${new URLSearchParams({ client_secret: setup.clientSecret })}`);
        return sdk.call(operation, setup);
      },
    },
  },
  {
    name: 'puts the bearer token, percent-encoded in lower-case hex, in a cause field',
    expected: 'no-leak',
    cases: casesWhere((plan) => cleanToken(plan) && plan.api.steps[0]?.kind === 'echo', 2),
    sdk: {
      ...sdk,
      call: async (operation, setup) => {
        const seen: string[] = [];
        const mmd = connect(setup, async (input, init) => {
          const request = new Request(input, init);
          seen.push(request.headers.get('authorization') ?? '');
          return globalThis.fetch(request);
        });
        await callOperation(mmd, operation, setup).catch(() => {});
        const echoed = encodeURIComponent(seen.join(' ')).replace(/%[0-9A-F]{2}/g, (match) =>
          match.toLowerCase(),
        );
        throw new MmdError('request failed', { cause: { details: { sent: echoed } } });
      },
    },
  },
  {
    name: 'rejects with a bare TypeError',
    expected: 'mmd-error',
    cases: casesWhere(() => true, 2),
    sdk: { ...sdk, call: () => Promise.reject(new TypeError('fetch failed')) },
  },
  {
    name: 'never settles',
    expected: 'settles',
    cases: casesWhere((plan) => plan.operation !== 'paginate', 1),
    sdk: { ...sdk, call: () => new Promise(() => {}) },
  },
  {
    name: 'follows a redirect outside the base path with the bearer token',
    expected: 'token-confinement',
    cases: casesWhere((plan) => {
      const step = plan.api.steps[0];
      return (
        cleanToken(plan) &&
        plan.baseVariant === 'api-v1' &&
        step?.kind === 'redirect' &&
        step.to === 'outside-base'
      );
    }, 2),
    sdk: {
      ...sdk,
      call: (operation, setup) =>
        callOperation(
          connect(setup, (input, init) =>
            globalThis.fetch(new Request(input, { ...init, redirect: 'follow' })),
          ),
          operation,
          setup,
        ),
    },
  },
  {
    name: 'pages without end',
    expected: 'request-bound',
    cases: casesWhere(
      (plan) => cleanToken(plan) && plan.api.steps.every((step) => step.kind === 'normal'),
      1,
    ),
    sdk: {
      ...sdk,
      call: async (_operation, setup) => {
        const mmd = connect(setup);
        for (let page = 0; page < 60; page++) await mmd.listDevices().catch(() => {});
      },
    },
  },
];

it('catches a client that breaks any invariant (a self-test of the harness), and prints no secret', async () => {
  for (const broken of brokenClients) {
    const report = await harness.run({
      seed: SEED,
      caseNumbers: broken.cases,
      concurrency: 4,
      budgetMs: BUDGET_MS,
      settleSlackMs: 500,
      sdk: broken.sdk,
      consoleLines: [],
      takeRefusedConnections,
    });
    const summary = formatReport(SEED, 4, broken.cases.length, report);
    expect(report.results.length, `${broken.name}: cases run`).toBe(broken.cases.length);
    for (const result of report.results) {
      expect(
        result.failures.map((failure) => failure.invariant),
        `${broken.name}: case ${result.plan.caseNumber}\n${summary}`,
      ).toContain(broken.expected);
      // The report masks every secret and token it quotes.
      expect(summary).not.toContain(result.plan.secretCore);
    }
  }
}, 120_000);
