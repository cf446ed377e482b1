/** Where the client writes what it does. `console` fits; so do pino and winston loggers. */
export interface MmdLogger {
  debug?(message: string): void;
  info?(message: string): void;
  warn?(message: string): void;
  error?(message: string): void;
}

export type MmdLogLevel = 'off' | 'error' | 'warn' | 'info' | 'debug';

const LEVELS: readonly MmdLogLevel[] = ['off', 'error', 'warn', 'info', 'debug'];

export function isLogLevel(value: unknown): value is MmdLogLevel {
  return typeof value === 'string' && (LEVELS as readonly string[]).includes(value);
}

/** A logger that drops lines below its level, and says which levels it writes. */
export interface LeveledLogger extends Required<MmdLogger> {
  /** Whether lines of this level are written: check it before building an expensive line. */
  enabled(level: Exclude<MmdLogLevel, 'off'>): boolean;
}

/** A logger that drops lines below `level`. */
export function createLeveledLogger(logger: MmdLogger, level: MmdLogLevel): LeveledLogger {
  const rank = LEVELS.indexOf(level);
  const enabled = (name: Exclude<MmdLogLevel, 'off'>) =>
    LEVELS.indexOf(name) <= rank && logger[name] !== undefined;
  const at =
    (name: Exclude<MmdLogLevel, 'off'>) =>
    (message: string): void => {
      if (enabled(name)) logger[name]?.(`[mmd-api] ${message}`);
    };
  return { enabled, error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') };
}
