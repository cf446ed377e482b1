/**
 * A documented reshaping of an operation's answer (`x-mmd-transform` in the document).
 * `unwrap-collection`: the service may answer with a one-element collection where the operation
 * means one entity; the client returns the entity.
 */
export type OperationTransform = 'unwrap-collection';

/** A query parameter of an operation, as the document declares it. */
export interface QueryParameterSpec {
  readonly type: 'string' | 'integer' | 'number' | 'boolean';
  readonly required: boolean;
  /** The values it takes, when the document lists them (an `enum`); `null` when any value goes. */
  readonly values: readonly string[] | null;
  /** The document's example value, as text; `null` when it gives none. */
  readonly example: string | null;
}

/** One operation as the client calls it: an entry of the table generated from the OpenAPI document. */
export interface OperationSpec {
  readonly method: string;
  /** The path template below the server URL, as the document writes it. */
  readonly path: string;
  /** The first tag of the operation, its resource (`Devices`, `Tickets`, …). */
  readonly tag: string;
  readonly summary: string;
  /** Path parameters in the order the path names them. */
  readonly pathParams: readonly string[];
  /** The path parameters that sit in OData key literals, `('{…}')`, whose quotes are doubled. */
  readonly odataKeys: readonly string[];
  /** Whether `tenantId` is a path parameter; the client fills it from its own. */
  readonly tenantScoped: boolean;
  readonly queryParams: readonly string[];
  /** Each query parameter's type, whether it is required, its values and example, from the document. */
  readonly query: Readonly<Record<string, QueryParameterSpec>>;
  /** The document's example value of each path parameter that has one (`deviceName` → `MMD-123456789`). */
  readonly pathExamples: Readonly<Record<string, string>>;
  readonly body: 'json' | 'none';
  /** What a success answers: JSON, text, or nothing worth reading. */
  readonly answer: 'json' | 'text' | 'none';
  /** Whether the operation pages with `$skip` and `$top`. */
  readonly pageable: boolean;
  readonly transform: OperationTransform | null;
}
