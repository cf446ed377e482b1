import type { IR } from '@hey-api/openapi-ts';

type Json = Record<string, unknown>;

/** A parameter as the document declares it, its schema's `$ref` followed. */
export interface RawParameter {
  readonly name: string;
  readonly in: string;
  readonly required: boolean;
  readonly example: unknown;
  /** The schema's type (`string`, `integer`, `number`, `boolean`, …), `string` when it names none. */
  readonly type: string;
  /** The values an `enum` schema lists, as strings. */
  readonly values: readonly string[] | null;
}

/** What the generated table needs from the document that the IR leaves out: extensions and examples. */
export interface RawOperation {
  readonly transform: unknown;
  readonly description: string | undefined;
  readonly parameters: readonly RawParameter[];
  readonly bodyExample: unknown;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function resolve(document: Json, value: unknown): Json {
  let node = value;
  for (let hops = 0; isObject(node) && typeof node.$ref === 'string' && hops < 10; hops++) {
    const pointer = node.$ref.replace(/^#\//, '').split('/');
    node = pointer.reduce<unknown>(
      (parent, key) =>
        isObject(parent) ? parent[key.replaceAll('~1', '/').replaceAll('~0', '~')] : undefined,
      document,
    );
  }
  return isObject(node) ? node : {};
}

function firstExample(media: Json): unknown {
  if ('example' in media) return media.example;
  const examples = isObject(media.examples) ? Object.values(media.examples) : [];
  return examples
    .map((example) => (isObject(example) ? example.value : undefined))
    .find((value) => value !== undefined);
}

/** Reads the raw OpenAPI operation behind an IR operation. */
export function readRawOperation(document: unknown, operation: IR.OperationObject): RawOperation {
  const root = isObject(document) ? document : {};
  const item = resolve(root, isObject(root.paths) ? root.paths[operation.path] : undefined);
  const raw = resolve(root, item[operation.method]);
  const declared = [
    ...(Array.isArray(item.parameters) ? item.parameters : []),
    ...(Array.isArray(raw.parameters) ? raw.parameters : []),
  ];
  const parameters = declared.map((parameter): RawParameter => {
    const resolved = resolve(root, parameter);
    const schema = resolve(root, resolved.schema);
    return {
      name: String(resolved.name),
      in: String(resolved.in),
      required: resolved.required === true,
      example: resolved.example ?? schema.example,
      type: typeof schema.type === 'string' ? schema.type : 'string',
      values: Array.isArray(schema.enum) ? schema.enum.map(String) : null,
    };
  });
  const body = resolve(root, raw.requestBody);
  const content = isObject(body.content) ? body.content : {};
  const media = Object.entries(content).find(([type]) => /json/i.test(type))?.[1];
  return {
    transform: raw['x-mmd-transform'],
    description: typeof raw.description === 'string' ? raw.description : undefined,
    parameters,
    bodyExample: isObject(media) ? firstExample(media) : undefined,
  };
}
