import { decodePathSegments } from '../transport/decode-path';
import { type OperationName, operationTable } from './operation-table';

/** A documented path of the API (below `/support/odata/v1`) and the operation each method runs on it. */
export interface ApiRoute {
  /** The path values, by parameter name (`tenantId`, `deviceName`, `ticketId`…), decoded. */
  readonly params: Readonly<Record<string, string>>;
  readonly methods: Readonly<Partial<Record<string, OperationName>>>;
}

/** One segment of a path template: a literal, a `{name}`, or an OData key literal `name('{key}')`. */
type SegmentPattern = { literal: string } | { name: string; prefix?: string };

interface PathPattern {
  readonly segments: readonly SegmentPattern[];
  readonly methods: Partial<Record<string, OperationName>>;
  /** Literal segments count first: `/profiles/reassignProfile` wins over a `/profiles/{id}`. */
  readonly literals: number;
}

function segmentPattern(segment: string): SegmentPattern {
  const key = /^([^'(]*)\('\{([^}]+)\}'\)$/.exec(segment);
  if (key) return { name: key[2] as string, prefix: key[1] as string };
  const parameter = /^\{([^}]+)\}$/.exec(segment);
  return parameter ? { name: parameter[1] as string } : { literal: segment };
}

function buildPatterns(): PathPattern[] {
  const byPath = new Map<string, PathPattern>();
  for (const [name, operation] of Object.entries(operationTable)) {
    let pattern = byPath.get(operation.path);
    if (!pattern) {
      const segments = operation.path.split('/').slice(1).map(segmentPattern);
      pattern = {
        segments,
        methods: {},
        literals: segments.filter((segment) => 'literal' in segment).length,
      };
      byPath.set(operation.path, pattern);
    }
    pattern.methods[operation.method] = name as OperationName;
  }
  return [...byPath.values()].sort((a, b) => b.literals - a.literals);
}

function match(pattern: PathPattern, segments: readonly string[]): Record<string, string> | undefined {
  if (pattern.segments.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, expected] of pattern.segments.entries()) {
    const actual = segments[index] as string;
    if ('literal' in expected) {
      if (actual !== expected.literal) return undefined;
    } else if (expected.prefix === undefined) {
      if (actual === '') return undefined;
      params[expected.name] = actual;
    } else {
      // An OData string key, `tickets('MMD-1')`, with `'` doubled inside.
      const quoted = `${expected.prefix}('`;
      if (!actual.startsWith(quoted) || !actual.endsWith("')") || actual.length < quoted.length + 2)
        return undefined;
      params[expected.name] = actual.slice(quoted.length, -2).replaceAll("''", "'");
    }
  }
  return params;
}

/** The documented paths, built once from the table and never changed. */
const PATTERNS: readonly PathPattern[] = buildPatterns();

/** The route of decoded path segments (below `/support/odata/v1`); `undefined` when there is none. */
export function matchApiRoute(segments: readonly string[]): ApiRoute | undefined {
  for (const pattern of PATTERNS) {
    const params = match(pattern, segments);
    if (params) return { params, methods: pattern.methods };
  }
  return undefined;
}

/** The methods an API path (below `/support/odata/v1`) answers; `undefined` when it names nothing. */
export function apiPathMethods(path: string): string[] | undefined {
  const segments = decodePathSegments(path);
  const route = segments && matchApiRoute(segments);
  return route ? Object.keys(route.methods) : undefined;
}
