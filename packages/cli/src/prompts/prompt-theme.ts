import { createColors } from 'picocolors';

/**
 * The @inquirer prompts' theme in picocolors, so that `--no-color`, `NO_COLOR` and a stderr that is no
 * terminal turn their colours off as they do mmd's own.
 */
export function promptTheme(color: boolean) {
  const colors = createColors(
    color && !('NO_COLOR' in process.env && process.env.NO_COLOR !== '') && Boolean(process.stderr.isTTY),
  );
  return {
    prefix: { idle: colors.blue('?'), done: colors.green('✔') },
    style: {
      answer: colors.cyan,
      message: colors.bold,
      error: (text: string) => colors.red(`> ${text}`),
      defaultAnswer: (text: string) => colors.dim(`(${text})`),
      help: colors.dim,
      highlight: colors.cyan,
      key: (text: string) => colors.cyan(colors.bold(`<${text}>`)),
    },
  };
}
