import { spawn } from 'node:child_process';
import { CLI } from './run-mmd';

const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

export interface TerminalAnswer {
  /** Text that shows the prompt is up. */
  readonly prompt: string;
  /** What is typed then: `y\r`, a secret and `\r`, `\x03` for Ctrl-C. */
  readonly keys: string;
}

/**
 * Runs mmd under `script -qfec`, a real pseudo-terminal for stdin, stdout and stderr, as a person
 * sees it; types each answer's keys once its prompt appears, in order.
 */
export function inTerminal(
  args: readonly string[],
  environment: NodeJS.ProcessEnv,
  ...answers: TerminalAnswer[]
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const command = [process.execPath, CLI, ...args].map(quote).join(' ');
    const child = spawn('/usr/bin/script', ['-qfec', command, '/dev/null'], {
      env: { ...environment, TERM: 'dumb', COLUMNS: '200' },
    });
    let output = '';
    let next = 0;
    let seen = 0;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      const answer = answers[next];
      const at = answer ? output.indexOf(answer.prompt, seen) : -1;
      if (answer && at >= 0) {
        next++;
        seen = at + answer.prompt.length;
        child.stdin.write(answer.keys);
      }
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}
