/**
 * Turns a run's results into the text a developer reads: one summary line, the outcomes, which
 * behaviours the failing cases of each invariant had in common, and the first failing cases in
 * full, each with the command that replays it. Secrets are already masked in every excerpt.
 */

import { type CasePlan, describePlan } from './case-plan';
import {
  type CaseResult,
  documentedBound,
  type Invariant,
  type RunReport,
  SETTLE_SLACK_MS,
} from './case-runner';
import { behaviourKey } from './catalogue';

const SHOWN_FAILURES = 10;
const SHOWN_ASSOCIATIONS = 6;

export function replayCommand(seed: number, caseNumber: number): string {
  return `HOSTILE_SEED=${seed} HOSTILE_CASE=${caseNumber} pnpm exec vitest run test/hostile-network.test.ts`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** The coarse features of a case that a failure may hinge on. */
function featuresOf(plan: CasePlan): Set<string> {
  return new Set([
    `operation ${plan.operation}`,
    `baseUrl ${plan.baseVariant}`,
    ...plan.token.steps.map((step) => `token ${behaviourKey(step)}`),
    ...plan.api.steps.map((step) => `api ${behaviourKey(step)}`),
  ]);
}

function tally<K>(keys: Iterable<K>): Map<K, number> {
  const counts = new Map<K, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

function describeCase(seed: number, result: CaseResult): string {
  const { plan } = result;
  const failures = result.failures
    .map(
      (failure) =>
        `    ✗ [${failure.invariant}] ${failure.detail}${failure.excerpt ? `\n        ${JSON.stringify(failure.excerpt)}` : ''}`,
    )
    .join('\n');
  const outcome =
    result.outcome === 'error'
      ? `rejected with ${result.errorName}`
      : result.outcome === 'hung'
        ? 'hung'
        : 'resolved';
  return [
    `  #${plan.caseNumber}: ${outcome} after ${Math.round(result.elapsedMs)} ms, ${result.requests} request(s) — replay: ${replayCommand(seed, plan.caseNumber)}`,
    ...describePlan(plan)
      .split('\n')
      .map((line) => `    ${line}`),
    failures,
  ].join('\n');
}

export function formatReport(
  seed: number,
  concurrency: number,
  requested: number,
  report: RunReport,
): string {
  const { results } = report;
  const failing = results.filter((result) => result.failures.length > 0);
  const outcomes = tally(results.map((result) => result.outcome));
  const lines: string[] = [
    `hostile-network: seed ${seed}, ${results.length} of ${requested} case(s) in ${seconds(report.elapsedMs)} (CPU ${seconds(report.cpuMs)}; up to ${concurrency} at once, ${report.concurrency.mean.toFixed(1)} on average): ${outcomes.get('result') ?? 0} resolved, ${outcomes.get('error') ?? 0} rejected, ${outcomes.get('hung') ?? 0} hung; ${failing.length} failed.`,
  ];
  if (report.abandonedRequests > 0) {
    lines.push(
      `  ${report.abandonedRequests} request(s) were read after their client had given up on them (a busy event loop; not a failure).`,
    );
  }
  if (report.skipped > 0) {
    lines.push(
      `  ${report.skipped} case(s) not run: the time budget ran out (hangs or a very slow machine).`,
    );
  }
  const errorNames = [...tally(results.flatMap((result) => (result.errorName ? [result.errorName] : [])))]
    .sort((a, b) => b[1] - a[1])
    .map(([name, count]) => `${name} ${count}`);
  if (errorNames.length > 0) lines.push(`  rejections: ${errorNames.join(', ')}`);
  const over = results.filter((result) => result.elapsedMs > documentedBound(result.plan.operation));
  if (over.length > 0) {
    const overshoot = (result: CaseResult) => result.elapsedMs - documentedBound(result.plan.operation);
    const worst = [...over]
      .sort((a, b) => overshoot(b) - overshoot(a))
      .slice(0, 5)
      .map((result) => `#${result.plan.caseNumber} +${Math.round(overshoot(result))} ms`);
    lines.push(
      `  ${over.length} case(s) took longer than the documented worst case (${worst.join(', ')}); the ${SETTLE_SLACK_MS} ms slack absorbs load, so these are not failures.`,
    );
  }
  const slowest = [...results].sort((a, b) => b.elapsedMs - a.elapsedMs)[0];
  if (slowest) {
    lines.push(
      `  slowest: #${slowest.plan.caseNumber} (${slowest.plan.operation}) ${Math.round(slowest.elapsedMs)} ms; most requests in one case: ${Math.max(...results.map((result) => result.requests))}`,
    );
  }

  const invariants = [
    ...new Set(failing.flatMap((result) => result.failures.map((failure) => failure.invariant))),
  ];
  if (invariants.length > 0)
    lines.push(
      '',
      'Failures by invariant (features of the failing cases, failing/all cases with that feature):',
    );
  const featureTotals = tally(results.flatMap((result) => [...featuresOf(result.plan)]));
  for (const invariant of invariants as Invariant[]) {
    const cases = failing.filter((result) =>
      result.failures.some((failure) => failure.invariant === invariant),
    );
    const counts = [...tally(cases.flatMap((result) => [...featuresOf(result.plan)]))]
      .map(([feature, count]) => ({ feature, count, ratio: count / (featureTotals.get(feature) ?? 1) }))
      .sort((a, b) => b.ratio - a.ratio || b.count - a.count)
      .slice(0, SHOWN_ASSOCIATIONS)
      .map(({ feature, count }) => `${feature} ${count}/${featureTotals.get(feature)}`);
    const details = [
      ...tally(
        cases.flatMap((result) =>
          result.failures
            .filter((f) => f.invariant === invariant)
            .map((f) => f.detail.replace(/\d+/g, 'N').slice(0, 110)),
        ),
      ),
    ]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 4)
      .map(([detail, count]) => `      ${count}× ${detail}`);
    lines.push(`  ${invariant}: ${cases.length} case(s); ${counts.join(', ')}`, ...details);
  }
  if (report.unattributedRefusals.length > 0) {
    lines.push(
      '',
      `Refused connections no case could be named for: ${report.unattributedRefusals.join(', ')}`,
    );
  }
  if (report.unattributedLateRequests.length > 0) {
    lines.push(
      '',
      `Late requests no case could be named for: ${report.unattributedLateRequests.slice(0, 10).join('; ')}`,
    );
  }
  if (failing.length > 0) {
    lines.push('', `First ${Math.min(SHOWN_FAILURES, failing.length)} failing case(s):`);
    for (const result of failing.slice(0, SHOWN_FAILURES)) lines.push(describeCase(seed, result));
  }
  return lines.join('\n');
}

/** One case in full, for replays: the plan, the outcome, every request the servers saw. */
export function formatReplay(seed: number, result: CaseResult, extra: string[]): string {
  return [describeCase(seed, result), ...extra.map((line) => `    ${line}`)].join('\n');
}
