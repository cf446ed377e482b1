// `pnpm demo`: build the packages, start the built-in mock tenant and run every example against it.
// The mock tenant and the examples are not built yet (see the open issue on `@mmd-sdk/mmd-mock`), so
// for now this says what it will do and exits 0 without pretending to have done it.
const steps = [
  'build @mmd-sdk/mmd-auth and @mmd-sdk/mmd-api (turbo run build)',
  'start the @mmd-sdk/mmd-mock tenant on 127.0.0.1',
  'run examples/token-only, device-inventory, support-ticket, elevation-request and azure-identity against it',
];
console.log('pnpm demo is not available yet: the mock tenant and the examples are still to come.');
console.log('When they land, it will:');
for (const [index, step] of steps.entries()) console.log(`  ${index + 1}. ${step}`);
