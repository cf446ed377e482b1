import { selectTarget, type Target } from './select-target';

/**
 * Runs an example: prints the target on the first line, runs `body`, and turns a failure into one
 * clear line and exit code 1 (the SDK's errors already say what to fix).
 */
export async function runExample(body: (target: Target) => Promise<void>): Promise<void> {
  let target: Target | undefined;
  try {
    target = await selectTarget();
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
