import { MmdConfigurationError } from '../errors/configuration-error';
import { describeValue } from '../validation/describe-value';

/**
 * Where the SDK writes what it does. `console` fits; so do pino and winston loggers. Lines never
 * hold a secret, an assertion or a token.
 */
export interface Logger {
  debug?(message: string): void;
  info?(message: string): void;
  warn?(message: string): void;
  error?(message: string): void;
}

/** The least severe lines written: `'off'` writes none, `'debug'` all. */
export type LogLevel = 'off' | 'error' | 'warn' | 'info' | 'debug';

type LineLevel = Exclude<LogLevel, 'off'>;

const LEVELS: readonly LogLevel[] = ['off', 'error', 'warn', 'info', 'debug'];

export function isLogLevel(value: unknown): value is LogLevel {
  return typeof value === 'string' && (LEVELS as readonly string[]).includes(value);
}

/** A logger that drops lines below its level and says which levels it writes. */
export interface LeveledLogger extends Required<Logger> {
  readonly level: LogLevel;
  /** Whether lines of this level are written: check it before building an expensive line. */
  enabled(level: LineLevel): boolean;
  /** The same sink and level under another prefix, for the lines of a part (a credential a client built). */
  withPrefix(prefix: string): LeveledLogger;
}

/** The level in force: the option, else the `MMD_LOG` environment variable, else `'warn'`. */
export function resolveLogLevel(option: unknown, optionName = 'logLevel'): LogLevel {
  if (option === undefined) {
    const environment = globalThis.process?.env?.MMD_LOG;
    return isLogLevel(environment) ? environment : 'warn';
  }
  if (!isLogLevel(option)) {
    throw new MmdConfigurationError(
      optionName,
      `${optionName} must be 'off', 'error', 'warn', 'info' or 'debug' (got ${describeValue(option)}).`,
    );
  }
  return option;
}

/** `undefined` (then `console`) or an object with any of `debug`, `info`, `warn`, `error` as functions. */
export function checkLogger(value: unknown, option = 'logger'): Logger {
  if (value === undefined) return console;
  const valid =
    value !== null &&
    typeof value === 'object' &&
    (['debug', 'info', 'warn', 'error'] as const).every(
      (level) => (value as Logger)[level] === undefined || typeof (value as Logger)[level] === 'function',
    );
  if (!valid) {
    throw new MmdConfigurationError(
      option,
      `${option} must be an object with debug, info, warn and error methods, such as console or a pino logger (got ${describeValue(value)}).`,
    );
  }
  return value as Logger;
}

/**
 * Writes `[prefix] message` lines at or above `level` to `logger`, each passed through `redact`
 * first, so that no line can carry a secret even when it quotes an answer.
 */
export function createLeveledLogger(
  logger: Logger,
  level: LogLevel,
  prefix: string,
  redact: (text: string) => string = (text) => text,
): LeveledLogger {
  const rank = LEVELS.indexOf(level);
  const enabled = (name: LineLevel) => LEVELS.indexOf(name) <= rank && typeof logger[name] === 'function';
  const at =
    (name: LineLevel) =>
    (message: string): void => {
      if (enabled(name)) logger[name]?.(redact(`[${prefix}] ${message}`));
    };
  return {
    level,
    enabled,
    error: at('error'),
    warn: at('warn'),
    info: at('info'),
    debug: at('debug'),
    withPrefix: (other) => createLeveledLogger(logger, level, other, redact),
  };
}
