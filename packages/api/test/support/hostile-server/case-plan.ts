/**
 * One case of the hostile-network run, drawn from (seed, case number) alone: which operation, which
 * base URL, what the token endpoint and the API answer, and the case's own tenant, client secret and
 * tokens (unique, long, and full of characters whose encodings differ).
 */
import { describeScript, drawScript, type EndpointScript } from './catalogue';
import { createRng } from './prng';

export type Operation = 'listDevices' | 'getDevice' | 'createTicket' | 'reassignDeviceProfile' | 'paginate';

export interface CasePlan {
  readonly seed: number;
  readonly caseNumber: number;
  readonly operation: Operation;
  /** `api-v1`: baseUrl `<origin>/api/v1`; `root`: baseUrl `<origin>`. */
  readonly baseVariant: 'api-v1' | 'root';
  readonly token: EndpointScript;
  readonly api: EndpointScript;
  /** How many normal list pages carry an `@odata.nextLink` to a next page (2 items each, so progress). */
  readonly normalPagesWithNext: number;
  /** A GUID that encodes the case number in its last group. */
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The alphanumeric tail of the secret: every encoding of the secret holds it verbatim. */
  readonly secretCore: string;
  /** Names this case in hosts and paths (`c17-1f2e3d4c`), so a stray request can be traced back. */
  readonly marker: string;
}

/** A token the token endpoint hands out, and its alphanumeric core (in every encoding of it). */
export interface MintedToken {
  readonly value: string;
  readonly core: string;
}

const OPERATIONS: ReadonlyArray<readonly [Operation, number]> = [
  ['listDevices', 3],
  ['getDevice', 2],
  ['createTicket', 2],
  ['reassignDeviceProfile', 1],
  ['paginate', 3],
];

const HEX = '0123456789abcdef';

export function planCase(seed: number, caseNumber: number): CasePlan {
  const rng = createRng(seed, caseNumber * 2);
  const operation = rng.weighted(OPERATIONS);
  const baseVariant = rng.chance(0.75) ? 'api-v1' : 'root';
  // Often a clean token endpoint, so that the API's behaviours are reached; now and then a clean API.
  const token = drawScript(rng, 'token', { clean: rng.chance(0.45) });
  const api = drawScript(rng, 'api', { clean: rng.chance(0.12) });
  const normalPagesWithNext = rng.int(0, 4);
  const tenantId = `${rng.string(8, HEX)}-${rng.string(4, HEX)}-4${rng.string(3, HEX)}-a${rng.string(3, HEX)}-${caseNumber
    .toString(16)
    .padStart(12, '0')}`;
  const secretCore = rng.string(32);
  return {
    seed,
    caseNumber,
    operation,
    baseVariant,
    token,
    api,
    normalPagesWithNext,
    tenantId,
    clientId: '3f7c9a1e-5b2d-4c8f-9e6a-0d1b2c3e4f5a',
    // `~`, space, `+`, `/`, `=`, `%`, `"`, `\` and `é` all encode differently in form, percent and JSON.
    clientSecret: `sec~Q ${caseNumber} +/=%"\\é${secretCore}`,
    secretCore,
    marker: `c${caseNumber}-${(seed >>> 0).toString(16)}`,
  };
}

/** The `index`-th token the case's token endpoint hands out: a valid RFC 6750 b64token. */
export function mintToken(plan: CasePlan, index: number): MintedToken {
  const rng = createRng(plan.seed, (plan.caseNumber * 512 + index) * 2 + 1);
  const core = rng.string(40);
  return { value: `eyJ${core}.${rng.string(12)}-_~+/${rng.string(6)}==`, core };
}

export function describePlan(plan: CasePlan): string {
  return [
    `operation ${plan.operation}, baseUrl ${plan.baseVariant === 'root' ? '<origin>' : '<origin>/api/v1'}, ${plan.normalPagesWithNext} normal page(s) with nextLink`,
    `token endpoint: ${describeScript(plan.token)}`,
    `API: ${describeScript(plan.api)}`,
  ].join('\n');
}
