// Preloaded with `--require` (table 10): makes `@opentelemetry/api` unresolvable in this process, as
// in an app that never installed it, although the workspace has it in packages/api's devDependencies.
const Module = require('node:module');

const resolve = Module._resolveFilename;
Module._resolveFilename = function resolveWithoutOpenTelemetry(request, ...rest) {
  if (request === '@opentelemetry/api' || request.startsWith('@opentelemetry/api/')) {
    const error = new Error(`Cannot find module '${request}' (hidden by bench/lib/hide-opentelemetry.cjs)`);
    error.code = 'MODULE_NOT_FOUND';
    throw error;
  }
  return resolve.call(this, request, ...rest);
};
