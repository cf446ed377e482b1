import { CliUsageError, USAGE } from './cli/parse-cli-arguments';
import { startCli } from './cli/run-cli';
import { MockConfigurationError } from './options/mock-configuration-error';

startCli(process.argv.slice(2), { log: (text) => console.log(text) })
  .then((running) => {
    if (!running) return;
    const stop = () => {
      void running.stop().then(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  })
  .catch((error: unknown) => {
    if (error instanceof CliUsageError || error instanceof MockConfigurationError) {
      console.error(`mmd-mock: ${error.message}\n\n${USAGE}`);
      process.exit(2);
    }
    console.error(`mmd-mock: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
