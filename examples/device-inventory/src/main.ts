import { exitQuietlyOnBrokenPipe } from '@mmd-sdk/example-shared';
import { parseArguments } from './arguments';
import { runInventory } from './run-inventory';
import { USAGE } from './usage';

// `start --table | head` is a fair way to look at 2,000 devices.
exitQuietlyOnBrokenPipe();
const parsed = parseArguments(process.argv.slice(2));
if (parsed.kind === 'help') {
  console.log(USAGE);
} else if (parsed.kind === 'error') {
  console.error(`device-inventory: ${parsed.message}`);
  process.exitCode = 2;
} else {
  await runInventory(parsed.options);
}
