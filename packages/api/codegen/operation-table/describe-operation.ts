import type { IR } from '@hey-api/openapi-ts';
import type {
  OperationSpec as OperationEntry,
  OperationTransform,
  QueryParameterSpec,
} from '../../src/operations/operation-spec';
import { transforms } from '../../src/operations/transforms';
import type { RawParameter } from './raw-operation';

/** The transforms the client knows (`x-mmd-transform`). */
export const TRANSFORMS = Object.keys(transforms) as OperationTransform[];

/** What a success answer holds, for the result type. */
export type SuccessSchema =
  | { kind: 'none' }
  | { kind: 'text' }
  | { kind: 'ref'; ref: string }
  | { kind: 'choice'; refs: readonly string[] };

function fail(operation: IR.OperationObject, problem: string): never {
  throw new Error(
    `mmd-operation-table: ${operation.id} (${operation.method.toUpperCase()} ${operation.path}) ${problem}`,
  );
}

function successResponse(operation: IR.OperationObject): [string, IR.ResponseObject] {
  const found = Object.entries(operation.responses ?? {}).find(([status]) => /^2\d\d$/.test(status));
  if (!found?.[1]) fail(operation, 'declares no 2xx response.');
  return [found[0], found[1]];
}

/** The schema of the operation's success answer. */
export function successSchema(operation: IR.OperationObject): SuccessSchema {
  const [status, response] = successResponse(operation);
  const { schema, mediaType } = response;
  if (status === '204' || schema.type === 'void') return { kind: 'none' };
  if (mediaType?.startsWith('text/') && schema.type === 'string') return { kind: 'text' };
  if (schema.$ref) return { kind: 'ref', ref: schema.$ref };
  const refs = (schema.items ?? []).map((item) => item.$ref);
  if (schema.logicalOperator === 'or' && refs.length > 0 && refs.every((ref) => ref !== undefined)) {
    return { kind: 'choice', refs: refs as string[] };
  }
  return fail(operation, `answers ${status} with a schema the table cannot name; use a $ref.`);
}

function answerKind(operation: IR.OperationObject): OperationEntry['answer'] {
  const [, response] = successResponse(operation);
  const kind = successSchema(operation).kind;
  if (kind === 'none') return 'none';
  if (kind === 'text') return 'text';
  if (response.mediaType && !/json/i.test(response.mediaType)) {
    fail(operation, `answers ${response.mediaType}, which the client cannot read.`);
  }
  return 'json';
}

function namesIn(group: Record<string, IR.ParameterObject> | undefined): string[] {
  return Object.values(group ?? {}).map((parameter) => parameter.name);
}

const QUERY_TYPES: readonly QueryParameterSpec['type'][] = ['string', 'integer', 'number', 'boolean'];

function queryParameter(operation: IR.OperationObject, parameter: RawParameter): QueryParameterSpec {
  if (!(QUERY_TYPES as readonly string[]).includes(parameter.type)) {
    fail(
      operation,
      `takes the query parameter ${parameter.name} of type ${parameter.type}; the table knows ${QUERY_TYPES.join(', ')}.`,
    );
  }
  return {
    type: parameter.type as QueryParameterSpec['type'],
    required: parameter.required,
    values: parameter.values,
    example: parameter.example === undefined ? null : String(parameter.example),
  };
}

/** Describes one operation for the run-time table; throws on anything the client could not call. */
export function describeOperation(
  operation: IR.OperationObject,
  transform: unknown,
  parameters: readonly RawParameter[],
): OperationEntry {
  const declared = namesIn(operation.parameters?.path);
  const pathParams = [...operation.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] as string);
  const undeclared = pathParams.filter((name) => !declared.includes(name));
  if (undeclared.length > 0)
    fail(operation, `names path parameters it does not declare: ${undeclared.join(', ')}.`);
  const odataKeys = [...operation.path.matchAll(/\('\{([^}]+)\}'\)/g)].map((match) => match[1] as string);
  const queryParams = namesIn(operation.parameters?.query);
  if (transform !== undefined && !TRANSFORMS.includes(transform as OperationTransform)) {
    fail(operation, `has x-mmd-transform ${JSON.stringify(transform)}; known: ${TRANSFORMS.join(', ')}.`);
  }
  if (operation.body && !/json/i.test(operation.body.mediaType)) {
    fail(operation, `takes a ${operation.body.mediaType} body; the client sends JSON only.`);
  }
  return {
    method: operation.method.toUpperCase(),
    path: operation.path,
    tag: operation.tags?.[0] ?? fail(operation, 'has no tag.'),
    summary: operation.summary ?? fail(operation, 'has no summary.'),
    pathParams,
    odataKeys,
    tenantScoped: pathParams.includes('tenantId'),
    queryParams,
    query: Object.fromEntries(
      queryParams.map((name) => {
        const raw = parameters.find((parameter) => parameter.in === 'query' && parameter.name === name);
        if (!raw)
          fail(
            operation,
            `declares the query parameter ${name} only through a reference the table cannot follow.`,
          );
        return [name, queryParameter(operation, raw)];
      }),
    ),
    pathExamples: Object.fromEntries(
      parameters
        .filter((parameter) => parameter.in === 'path' && parameter.example !== undefined)
        .map((parameter) => [parameter.name, String(parameter.example)]),
    ),
    body: operation.body ? 'json' : 'none',
    answer: answerKind(operation),
    pageable: queryParams.includes('$skip') && queryParams.includes('$top'),
    transform: (transform as OperationTransform | undefined) ?? null,
  };
}
