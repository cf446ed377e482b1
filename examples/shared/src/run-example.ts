import { selectTarget, type Target, type TargetOptions } from './select-target';

/**
 * Runs an example: prints the target on the first line, runs `body`, and turns a failure into one
 * clear line and exit code 1 (the SDK's errors already say what to fix). `options.logger` goes to the
 * target's credential.
 */
export async function runExample(
  body: (target: Target) => Promise<void>,
  options: TargetOptions = {},
): Promise<void> {
  let target: Target | undefined;
  try {
    target = await selectTarget(options);
    console.log(target.description);
    await body(target);
  } catch (error) {
    const name = error instanceof Error ? error.name : 'Error';
    console.error(`\n✖ ${name}: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  } finally {
    await target?.close();
  }
}
