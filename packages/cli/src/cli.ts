import { CommanderError } from 'commander';
import { createColors } from 'picocolors';
import { describeError, EXIT, exitCodeOf } from './errors';
import { createProgram } from './program';

function colorsOnStderr() {
  const off =
    process.argv.includes('--no-color') || ('NO_COLOR' in process.env && process.env.NO_COLOR !== '');
  return createColors(!off && Boolean(process.stderr.isTTY));
}

async function main(): Promise<void> {
  const program = createProgram();
  try {
    await program.parseAsync(process.argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; every other parse error has been printed by commander: usage.
      process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
      return;
    }
    if (process.env.MMD_DEBUG === '1') console.error(error);
    const colors = colorsOnStderr();
    process.stderr.write(`${colors.red('mmd:')} ${describeError(error)}\n`);
    process.exitCode = exitCodeOf(error);
  }
}

await main();
// The in-process mock and keep-alive sockets must not keep a finished command waiting.
process.exit();
