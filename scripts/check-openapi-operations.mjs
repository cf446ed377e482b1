// Checks what a generic OpenAPI linter cannot: that openapi/mmd.openapi.yaml holds exactly the 15
// documented MMD operations, on their documented methods and paths, each behind the bearer scheme,
// and that every inferred fact says why.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

const documentPath = new URL('../openapi/mmd.openapi.yaml', import.meta.url);
const document = parse(readFileSync(documentPath, 'utf8'));

const expected = {
  listDevices: ['get', '/tenants/{tenantId}/devices'],
  getDevice: ['get', '/tenants/{tenantId}/devices/{deviceName}'],
  listProfiles: ['get', '/tenants/{tenantId}/profiles'],
  reassignDeviceProfile: ['patch', '/tenants/{tenantId}/profiles/reassignProfile'],
  listUsers: ['get', '/tenants/{tenantId}/users'],
  getUser: ['get', '/tenants/{tenantId}/users/{userUpn}'],
  createTicket: ['post', '/tickets'],
  listTickets: ['get', '/tickets'],
  getTicket: ['get', "/tickets('{ticketId}')"],
  addTicketNote: ['post', "/tickets('{ticketId}')/addNote"],
  listTicketNotes: ['get', "/tickets('{ticketId}')/notes"],
  createElevationRequest: ['post', '/tenants/{tenantId}/elevationRequests'],
  closeElevationRequest: ['patch', '/tenants/{tenantId}/elevationRequests/{elevationRequestId}'],
  listElevationRequests: ['get', '/tenants/{tenantId}/elevationRequests'],
  getElevationDetails: ['get', '/tenants/{tenantId}/devices/{deviceName}/elevationDetails'],
};
const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const problems = [];

if (document.servers?.[0]?.url !== 'https://mmdls.microsoft.com/support/odata/v1') {
  problems.push('servers[0].url must be https://mmdls.microsoft.com/support/odata/v1');
}
if (document.components?.securitySchemes?.bearerAuth?.scheme !== 'bearer') {
  problems.push('components.securitySchemes.bearerAuth must be an http bearer scheme');
}

const found = new Map();
for (const [path, item] of Object.entries(document.paths ?? {})) {
  for (const method of methods) {
    const operation = item[method];
    if (!operation) continue;
    const id = operation.operationId;
    found.set(id, [method, path]);
    const security = operation.security ?? document.security ?? [];
    if (!security.some((requirement) => 'bearerAuth' in requirement)) {
      problems.push(`${id}: needs the bearerAuth security requirement`);
    }
    const examples = Object.values(operation.responses ?? {}).flatMap((response) =>
      Object.values(response.content ?? {}).map((media) => media.examples ?? media.example),
    );
    const hasBodyless = Object.keys(operation.responses ?? {}).some((status) => status === '204');
    if (!hasBodyless && !examples.some(Boolean)) problems.push(`${id}: has no response example`);
  }
}
for (const [id, [method, path]] of Object.entries(expected)) {
  const actual = found.get(id);
  if (!actual) problems.push(`missing operation ${id} (${method.toUpperCase()} ${path})`);
  else if (actual[0] !== method || actual[1] !== path) {
    problems.push(
      `${id} is ${actual[0].toUpperCase()} ${actual[1]}; expected ${method.toUpperCase()} ${path}`,
    );
  }
}
for (const id of found.keys()) {
  if (!(id in expected)) problems.push(`undocumented operation ${id}`);
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
console.log(`openapi/mmd.openapi.yaml: ${found.size} operations, all documented, all behind bearerAuth.`);
