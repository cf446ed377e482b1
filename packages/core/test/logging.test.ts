import { afterEach, describe, expect, it, vi } from 'vitest';
import { MmdConfigurationError } from '../src/errors/configuration-error';
import {
  checkLogger,
  createLeveledLogger,
  isLogLevel,
  type Logger,
  type LogLevel,
  resolveLogLevel,
} from '../src/logging/logger';
import { createRedactor, REDACTED } from '../src/redaction/create-redactor';

const LEVELS: LogLevel[] = ['off', 'error', 'warn', 'info', 'debug'];
const LINE_LEVELS = ['error', 'warn', 'info', 'debug'] as const;

/** A sink that records each line with its level. */
function recordingSink() {
  const lines: string[] = [];
  const sink = {
    debug: vi.fn((message: string) => lines.push(`debug ${message}`)),
    info: vi.fn((message: string) => lines.push(`info ${message}`)),
    warn: vi.fn((message: string) => lines.push(`warn ${message}`)),
    error: vi.fn((message: string) => lines.push(`error ${message}`)),
  };
  return { sink, lines };
}

function refusal(call: () => unknown, option: string): MmdConfigurationError {
  let thrown: unknown;
  try {
    call();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(MmdConfigurationError);
  const error = thrown as MmdConfigurationError;
  expect(error.option).toBe(option);
  expect(error.message).toContain(option);
  expect(error.message).not.toMatch(/[\r\n\u2028\u2029\0]/);
  return error;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('isLogLevel', () => {
  it('knows the five levels and nothing else', () => {
    for (const level of LEVELS) expect(isLogLevel(level)).toBe(true);
    for (const value of ['DEBUG', 'Warn', 'verbose', 'trace', 'none', '', ' warn', undefined, null, 0, {}]) {
      expect(isLogLevel(value)).toBe(false);
    }
  });
});

describe('resolveLogLevel', () => {
  it('takes the option first, whatever MMD_LOG says', () => {
    vi.stubEnv('MMD_LOG', 'debug');
    for (const level of LEVELS) expect(resolveLogLevel(level)).toBe(level);
  });

  it('reads MMD_LOG when the option is undefined', () => {
    for (const level of LEVELS) {
      vi.stubEnv('MMD_LOG', level);
      expect(resolveLogLevel(undefined)).toBe(level);
    }
  });

  it("falls back to 'warn' when MMD_LOG is unset, empty or not a level", () => {
    vi.stubEnv('MMD_LOG', undefined);
    expect(process.env.MMD_LOG).toBeUndefined();
    expect(resolveLogLevel(undefined)).toBe('warn');
    for (const value of ['', 'DEBUG', 'verbose', 'debug ']) {
      vi.stubEnv('MMD_LOG', value);
      expect(resolveLogLevel(undefined)).toBe('warn');
    }
  });

  it('refuses a bad level with an MmdConfigurationError naming the option', () => {
    for (const value of ['verbose', 'DEBUG', '', 'warn\n', 3, null, true, {}, ['debug']]) {
      const error = refusal(() => resolveLogLevel(value), 'logLevel');
      expect(error.message).toContain("'off', 'error', 'warn', 'info' or 'debug'");
    }
    refusal(() => resolveLogLevel('loud', 'options.logLevel'), 'options.logLevel');
    expect(refusal(() => resolveLogLevel('s3cr3t-value'), 'logLevel').message).not.toContain('s3cr3t');
  });
});

describe('checkLogger', () => {
  it('gives console for undefined, and returns a logger as is', () => {
    expect(checkLogger(undefined)).toBe(console);
    for (const logger of [
      console,
      {},
      { info: () => {} },
      { debug: undefined, warn() {} },
      recordingSink().sink,
    ]) {
      expect(checkLogger(logger)).toBe(logger);
    }
    class ClassLogger {
      error(_message: string) {}
    }
    const instance = new ClassLogger();
    expect(checkLogger(instance)).toBe(instance);
  });

  it('refuses non-objects and members that are not functions', () => {
    for (const value of [
      null,
      'console',
      42,
      true,
      () => {},
      { info: 'yes' },
      { debug: 1 },
      { warn: null },
      { error: {} },
    ]) {
      const error = refusal(() => checkLogger(value), 'logger');
      expect(error.message).toContain('debug, info, warn and error');
    }
    refusal(() => checkLogger({ warn: 'x' }, 'options.logger'), 'options.logger');
  });
});

describe('createLeveledLogger', () => {
  it('drops the lines below its level', () => {
    const written: Record<LogLevel, string[]> = { off: [], error: [], warn: [], info: [], debug: [] };
    for (const level of LEVELS) {
      const { sink, lines } = recordingSink();
      const logger = createLeveledLogger(sink, level, 'p');
      expect(logger.level).toBe(level);
      for (const name of LINE_LEVELS) logger[name](name);
      written[level] = lines;
    }
    expect(written.off).toEqual([]);
    expect(written.error).toEqual(['error [p] error']);
    expect(written.warn).toEqual(['error [p] error', 'warn [p] warn']);
    expect(written.info).toEqual(['error [p] error', 'warn [p] warn', 'info [p] info']);
    expect(written.debug).toEqual(['error [p] error', 'warn [p] warn', 'info [p] info', 'debug [p] debug']);
  });

  it('says which levels it writes', () => {
    const logger = createLeveledLogger(recordingSink().sink, 'warn', 'p');
    expect(logger.enabled('error')).toBe(true);
    expect(logger.enabled('warn')).toBe(true);
    expect(logger.enabled('info')).toBe(false);
    expect(logger.enabled('debug')).toBe(false);
    const off = createLeveledLogger(recordingSink().sink, 'off', 'p');
    for (const name of LINE_LEVELS) expect(off.enabled(name)).toBe(false);
  });

  it('prefixes each line with [prefix] and a space', () => {
    const { sink } = recordingSink();
    createLeveledLogger(sink, 'debug', 'mmd-auth').info('token acquired');
    expect(sink.info).toHaveBeenCalledExactlyOnceWith('[mmd-auth] token acquired');
  });

  it('runs the redactor on every line, at every level, prefix included', () => {
    const secret = 'abc8Q~x.Y_z-0123456789abcdefghijABCDEFGHIJ';
    const { sink, lines } = recordingSink();
    const redact = vi.fn(createRedactor([secret]));
    const logger = createLeveledLogger(sink, 'debug', `p-${secret}`, redact);
    for (const name of LINE_LEVELS) logger[name](`body: client_secret=${encodeURIComponent(secret)}`);
    logger.withPrefix('other').warn(`again ${secret}`);
    expect(redact).toHaveBeenCalledTimes(5);
    expect(lines).toHaveLength(5);
    for (const line of lines) {
      expect(line).not.toContain(secret);
      expect(line).toContain(REDACTED);
    }
    expect(lines[0]).toBe(`error [p-${REDACTED}] body: client_secret=${REDACTED}`);
    expect(lines[4]).toBe(`warn [other] again ${REDACTED}`);
  });

  it('does not run the redactor for a dropped line', () => {
    const redact = vi.fn((text: string) => text);
    const logger = createLeveledLogger(recordingSink().sink, 'error', 'p', redact);
    logger.debug('dropped');
    logger.info('dropped');
    expect(redact).not.toHaveBeenCalled();
  });

  it('withPrefix keeps the level, the sink and the redactor', () => {
    const { sink, lines } = recordingSink();
    const logger = createLeveledLogger(sink, 'info', 'client', (text) => text.replace('hidden', '[X]'));
    const child = logger.withPrefix('credential');
    expect(child.level).toBe('info');
    child.debug('dropped');
    child.info('hidden value');
    logger.info('parent line');
    expect(lines).toEqual(['info [credential] [X] value', 'info [client] parent line']);
    expect(child.withPrefix('deeper').level).toBe('info');
  });

  it('calls the sink as a method, and skips levels the sink lacks', () => {
    class PinoLike {
      readonly lines: string[] = [];
      info(message: string) {
        this.lines.push(message);
      }
    }
    const pino = new PinoLike();
    const logger = createLeveledLogger(pino as Logger, 'debug', 'p');
    expect(logger.enabled('info')).toBe(true);
    expect(logger.enabled('warn')).toBe(false);
    logger.info('kept');
    expect(() => logger.warn('nowhere')).not.toThrow();
    expect(() => logger.error('nowhere')).not.toThrow();
    expect(pino.lines).toEqual(['[p] kept']);
  });
});
