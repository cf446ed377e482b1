import { CommanderError } from 'commander';
import { createColors } from 'picocolors';
import { describeError, EXIT, exitCodeOf, usageLine } from './errors';
import { terminalSafe } from './output/terminal-safe';
import { createProgram, helpArguments } from './program';

function colorsOnStderr() {
  const off =
    process.argv.includes('--no-color') || ('NO_COLOR' in process.env && process.env.NO_COLOR !== '');
  return createColors(!off && Boolean(process.stderr.isTTY));
}

/** The one line an error gets on stderr. */
function printError(line: string): void {
  // An error may quote the service: it must not drive the terminal either.
  process.stderr.write(`${colorsOnStderr().red('mmd:')} ${terminalSafe(line)}\n`);
}

async function main(): Promise<void> {
  const program = createProgram({ printUsageError: (text) => printError(usageLine(text)) });
  try {
    await program.parseAsync(helpArguments(program, process.argv));
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; every other parse error has been printed (printUsageError): usage.
      process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
      return;
    }
    if (process.env.MMD_DEBUG === '1') console.error(error);
    printError(describeError(error));
    process.exitCode = exitCodeOf(error);
  }
}

await main();
// The in-process mock and keep-alive sockets must not keep a finished command waiting.
process.exit();
