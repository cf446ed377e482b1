import { $ } from '@hey-api/openapi-ts';
import type { OperationSpec as OperationEntry } from '../../src/operations/operation-spec';
import { describeOperation, successSchema } from './describe-operation';
import { readRawOperation } from './raw-operation';
import type { OperationTablePlugin } from './types';
import { writeExample } from './write-example';

type Instance = OperationTablePlugin['Instance'];
type IrOperation = Parameters<typeof describeOperation>[0];

function definitionType(plugin: Instance, ref: string) {
  return plugin.referenceSymbol({
    category: 'type',
    resource: 'definition',
    resourceId: ref,
    tool: 'typescript',
  });
}

function hasValueArray(document: unknown, ref: string): boolean {
  const name = ref.split('/').at(-1) ?? '';
  const schemas = (
    document as {
      components?: { schemas?: Record<string, { properties?: Record<string, { type?: string }> }> };
    }
  ).components?.schemas;
  return schemas?.[name]?.properties?.value?.type === 'array';
}

/** The result type of an operation, after its transform. */
function resultType(plugin: Instance, operation: IrOperation, entry: OperationEntry) {
  const schema = successSchema(operation);
  if (schema.kind === 'none') return $.type('undefined');
  if (schema.kind === 'text') return $.type('string');
  if (schema.kind === 'ref') return $.type(definitionType(plugin, schema.ref));
  const document = plugin.context.spec;
  const entities = schema.refs.filter((ref) => !hasValueArray(document, ref));
  const [entity] = entities;
  if (entry.transform !== 'unwrap-collection' || entities.length !== 1 || entity === undefined) {
    throw new Error(
      `mmd-operation-table: ${operation.id} answers one of several schemas; declare x-mmd-transform: unwrap-collection with one entity and its collection.`,
    );
  }
  return $.type(definitionType(plugin, entity));
}

export const handler: OperationTablePlugin['Handler'] = ({ plugin }) => {
  const table: Record<string, OperationEntry> = {};
  const types = $.type.object();
  plugin.forEach('operation', ({ operation }) => {
    const raw = readRawOperation(plugin.context.spec, operation);
    const entry = describeOperation(operation, raw.transform, raw.parameters);
    table[operation.id] = entry;
    const data = plugin.querySymbol({
      category: 'type',
      resource: 'operation',
      resourceId: operation.id,
      role: 'data',
      tool: 'typescript',
    });
    if (!data) throw new Error(`mmd-operation-table: no data type was generated for ${operation.id}.`);
    const doc = [
      `${entry.summary} (\`${entry.method} ${entry.path}\`).`,
      '',
      ...(raw.description ?? '').trim().split('\n'),
      '',
      '@example',
      '```ts',
      writeExample(plugin.config.clientName, operation.id, raw),
      '```',
    ];
    types.prop(operation.id, (property) =>
      property.doc(doc).type(
        $.type
          .object()
          .prop('data', (p) => p.type(data))
          .prop('result', (p) => p.type(resultType(plugin, operation, entry))),
      ),
    );
  });
  const tableSymbol = plugin.symbol('operationTable');
  plugin.node(
    $.const(tableSymbol)
      .export()
      .doc(['Every operation of the document, as the client calls it, in document order.'])
      .assign($($.fromValue(table, { layout: 'pretty' })).as('const')),
  );
  const typesSymbol = plugin.symbol('OperationTypes');
  plugin.node(
    $.type
      .alias(typesSymbol)
      .export()
      .doc(['The parameters (`data`) and the result of each operation, documented from the document.'])
      .type(types),
  );
};
