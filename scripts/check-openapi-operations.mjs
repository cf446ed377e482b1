// Checks what a generic OpenAPI linter cannot: that every operation of openapi/mmd.openapi.yaml can
// be generated into the client's operation table (an operationId, a summary and description, a tag,
// declared path parameters, paging with $skip and $top together, a 2xx
// answer with an example), each behind the bearer scheme, and that every inferred fact says why.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

const documentPath = new URL('../openapi/mmd.openapi.yaml', import.meta.url);
const document = parse(readFileSync(documentPath, 'utf8'));

const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const problems = [];

if (document.servers?.[0]?.url !== 'https://mmdls.microsoft.com/support/odata/v1') {
  problems.push('servers[0].url must be https://mmdls.microsoft.com/support/odata/v1');
}
if (document.components?.securitySchemes?.bearerAuth?.scheme !== 'bearer') {
  problems.push('components.securitySchemes.bearerAuth must be an http bearer scheme');
}

const resolve = (node) =>
  node?.$ref
    ? node.$ref
        .slice(2)
        .split('/')
        .reduce((parent, key) => parent?.[key], document)
    : node;

// What the generated operation table (packages/api/codegen/operation-table) relies on, for every
// operation in the document: the generator refuses the rest, this says why in one list.
const found = new Map();
for (const [path, item] of Object.entries(document.paths ?? {})) {
  for (const method of methods) {
    const operation = item[method];
    if (!operation) continue;
    const id = operation.operationId;
    const where = `${method.toUpperCase()} ${path}`;
    if (typeof id !== 'string' || !/^[a-z][A-Za-z0-9]*$/.test(id)) {
      problems.push(`${where}: needs a camelCase operationId (it names the client's method)`);
      continue;
    }
    if (found.has(id)) problems.push(`${id}: operationId used twice (${found.get(id)} and ${where})`);
    found.set(id, where);
    if (!operation.summary || !operation.description)
      problems.push(`${id}: needs a summary and a description (the method's JSDoc)`);
    if (!operation.tags?.length) problems.push(`${id}: needs a tag (its resource)`);
    const security = operation.security ?? document.security ?? [];
    if (!security.some((requirement) => 'bearerAuth' in requirement)) {
      problems.push(`${id}: needs the bearerAuth security requirement`);
    }
    const parameters = (operation.parameters ?? []).map(resolve);
    const inPath = parameters
      .filter((parameter) => parameter.in === 'path')
      .map((parameter) => parameter.name);
    for (const [, name] of path.matchAll(/\{([^}]+)\}/g)) {
      if (!inPath.includes(name))
        problems.push(`${id}: path names {${name}} but declares no such path parameter`);
    }
    if (path.includes('{tenantId}') && !path.startsWith('/tenants/{tenantId}')) {
      problems.push(`${id}: a tenant-scoped path starts with /tenants/{tenantId}`);
    }
    const query = parameters
      .filter((parameter) => parameter.in === 'query')
      .map((parameter) => parameter.name);
    if (query.includes('$skip') !== query.includes('$top')) {
      problems.push(`${id}: pages with $skip and $top together, or with neither`);
    }
    const examples = Object.values(operation.responses ?? {}).flatMap((response) =>
      Object.values(resolve(response).content ?? {}).map((media) => media.examples ?? media.example),
    );
    const hasBodyless = Object.keys(operation.responses ?? {}).some((status) => status === '204');
    if (!hasBodyless && !examples.some(Boolean)) problems.push(`${id}: has no response example`);
    if (!Object.keys(operation.responses ?? {}).some((status) => /^2\d\d$/.test(status))) {
      problems.push(`${id}: has no 2xx response`);
    }
  }
}

// Every `x-mmd-inferred: true` sits beside a description that says what was inferred.
(function walk(node, where) {
  if (Array.isArray(node)) {
    for (const [index, child] of node.entries()) walk(child, `${where}[${index}]`);
  } else if (node && typeof node === 'object') {
    if (node['x-mmd-inferred'] === true && typeof node.description !== 'string') {
      problems.push(`${where}: x-mmd-inferred without a description saying why`);
    }
    for (const [key, child] of Object.entries(node)) walk(child, `${where}.${key}`);
  }
})(document, '$');

if (problems.length > 0) {
  console.error(`openapi/mmd.openapi.yaml: ${problems.length} problem(s)`);
  for (const problem of problems) console.error(`  - ${problem}`);
  process.exit(1);
}
console.log(
  `openapi/mmd.openapi.yaml: ${found.size} operations, each ready for the operation table, all behind bearerAuth.`,
);
