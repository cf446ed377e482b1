/** Where a progress line goes: `process.stderr`, or a stand-in in tests. */
export interface ProgressStream {
  readonly isTTY?: boolean;
  /** The terminal's width, when known. */
  readonly columns?: number;
  write(text: string): boolean;
}

/** One line of status, rewritten in place with `\r`. */
export interface ProgressLine {
  /** Replaces the line's text. */
  show(text: string): void;
  /** Blanks the line and leaves the cursor at its start, for the output that follows. */
  clear(): void;
  /** Runs `print` (a log line, say) on a blank line, then shows the line again below it. */
  interrupt(print: () => void): void;
}

const SILENT: ProgressLine = { show() {}, clear() {}, interrupt: (print) => print() };

/**
 * A progress line on `stream` when it is a terminal, and nothing at all otherwise (a log file or a
 * pipe gets no `\r` noise). Only `\r` and spaces: no escape sequences, so any terminal shows it. The
 * text is cut to the terminal's width, since a line that wraps cannot be rewritten with `\r`.
 */
export function createProgressLine(stream: ProgressStream): ProgressLine {
  if (!stream.isTTY) return SILENT;
  let shown = '';
  const draw = (text: string) => {
    const width = stream.columns ? Math.max(stream.columns - 1, 1) : Number.POSITIVE_INFINITY;
    const fitted = text.length > width ? `${text.slice(0, Math.max(width - 1, 0))}…` : text;
    // Spaces over whatever the previous text left beyond the new one.
    stream.write(`\r${fitted}${' '.repeat(Math.max(shown.length - fitted.length, 0))}`);
    shown = fitted;
  };
  const clear = () => {
    if (shown === '') return;
    stream.write(`\r${' '.repeat(shown.length)}\r`);
    shown = '';
  };
  let current = '';
  return {
    show(text) {
      current = text;
      draw(text);
    },
    clear,
    interrupt(print) {
      clear();
      print();
      if (current !== '') draw(current);
    },
  };
}
