import { describe, expect, it, vi } from 'vitest';
import { MmdConfigurationError } from '../src/errors/configuration-error';
import { MmdError } from '../src/errors/mmd-error';
import { describeCause, sanitizeCause } from '../src/errors/sanitize-cause';
import { createRedactor, REDACTED } from '../src/redaction/create-redactor';

const KINDS = Symbol.for('@mmd-sdk/error-kinds');

/** A second, separate instance of the errors modules, as another copy of the package would carry. */
async function loadSecondCopy() {
  vi.resetModules();
  const configuration = await import('../src/errors/configuration-error');
  const root = await import('../src/errors/mmd-error');
  return { MmdError: root.MmdError, MmdConfigurationError: configuration.MmdConfigurationError };
}

describe('MmdError', () => {
  it('is an Error with its name, message and cause', () => {
    const cause = new Error('inner');
    const error = new MmdError('something failed', { cause });
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(MmdError);
    expect(error.name).toBe('MmdError');
    expect(error.message).toBe('something failed');
    expect(error.cause).toBe(cause);
    expect(error.stack).toContain('something failed');
  });

  it('MmdConfigurationError is an MmdError that names the option', () => {
    const error = new MmdConfigurationError('timeout', 'timeout must be a number.');
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(MmdError);
    expect(error).toBeInstanceOf(MmdConfigurationError);
    expect(error.name).toBe('MmdConfigurationError');
    expect(error.option).toBe('timeout');
    expect(error.message).toBe('timeout must be a number.');
  });

  it('keeps instanceof narrow within one copy', () => {
    expect(new MmdError('x')).not.toBeInstanceOf(MmdConfigurationError);
    expect(new Error('x')).not.toBeInstanceOf(MmdError);
    expect(new Error('x')).not.toBeInstanceOf(MmdConfigurationError);
    for (const value of [null, undefined, 'MmdError', 42, {}, [], () => {}]) {
      expect(value instanceof MmdError).toBe(false);
      expect(value instanceof MmdConfigurationError).toBe(false);
    }
  });

  it('lets a subclass without its own kind fall back to the prototype chain', () => {
    class Plain extends MmdConfigurationError {}
    const error = new Plain('option', 'message');
    expect(error).toBeInstanceOf(Plain);
    expect(error).toBeInstanceOf(MmdConfigurationError);
    expect(error).toBeInstanceOf(MmdError);
    expect(new MmdConfigurationError('option', 'message')).not.toBeInstanceOf(Plain);
  });

  it('records the kinds without showing them in JSON, keys or spreads', () => {
    const error = new MmdConfigurationError('tenantId', 'tenantId must be a GUID.');
    expect(Object.keys(error)).not.toContain(KINDS.toString());
    expect(Object.keys(error).sort()).toEqual(['name', 'option']);
    const json = JSON.stringify(error);
    expect(json).not.toContain('error-kinds');
    expect(JSON.parse(json)).toEqual({ name: 'MmdConfigurationError', option: 'tenantId' });
    expect(Object.getOwnPropertySymbols({ ...error })).not.toContain(KINDS);
    expect(Object.getOwnPropertySymbols(Object.assign({}, error))).not.toContain(KINDS);
    const descriptor = Object.getOwnPropertyDescriptor(error, KINDS);
    expect(descriptor?.enumerable).toBe(false);
    expect(descriptor?.writable).toBe(false);
    expect(descriptor?.value).toEqual(['MmdConfigurationError', 'MmdError']);
    expect(Object.isFrozen(descriptor?.value)).toBe(true);
  });

  describe('across copies of the module', () => {
    it('loads a genuinely separate copy', async () => {
      const B = await loadSecondCopy();
      expect(B.MmdError).not.toBe(MmdError);
      expect(B.MmdConfigurationError).not.toBe(MmdConfigurationError);
      // Without the kinds, the prototype chain alone would say no.
      const fromB = new B.MmdConfigurationError('timeout', 'x');
      expect(Function.prototype[Symbol.hasInstance].call(MmdError, fromB)).toBe(false);
      expect(Function.prototype[Symbol.hasInstance].call(MmdConfigurationError, fromB)).toBe(false);
    });

    it("recognizes copy B's errors as copy A's classes, and the other way round", async () => {
      const B = await loadSecondCopy();
      const fromB = new B.MmdConfigurationError('timeout', 'x');
      expect(fromB).toBeInstanceOf(MmdError);
      expect(fromB).toBeInstanceOf(MmdConfigurationError);
      expect(new B.MmdError('x')).toBeInstanceOf(MmdError);

      const fromA = new MmdConfigurationError('timeout', 'x');
      expect(fromA).toBeInstanceOf(B.MmdError);
      expect(fromA).toBeInstanceOf(B.MmdConfigurationError);
    });

    it('keeps the kinds apart across copies', async () => {
      const B = await loadSecondCopy();
      expect(new B.MmdError('x')).not.toBeInstanceOf(MmdConfigurationError);
      expect(new MmdError('x')).not.toBeInstanceOf(B.MmdConfigurationError);
      expect(new Error('x')).not.toBeInstanceOf(B.MmdConfigurationError);
      expect(new Error('x')).not.toBeInstanceOf(B.MmdError);
      expect(new TypeError('x')).not.toBeInstanceOf(MmdError);
    });

    it('recognizes a subclass by its own declared kind', async () => {
      const B = await loadSecondCopy();
      class TokenErrorB extends B.MmdConfigurationError {
        static override readonly kind: string = 'MmdTokenTestError';
      }
      class TokenErrorA extends MmdConfigurationError {
        static override readonly kind: string = 'MmdTokenTestError';
      }
      class OtherErrorA extends MmdConfigurationError {
        static override readonly kind: string = 'MmdOtherTestError';
      }
      const fromB = new TokenErrorB('clientSecret', 'x');
      expect(fromB).toBeInstanceOf(MmdError);
      expect(fromB).toBeInstanceOf(MmdConfigurationError);
      expect(fromB).toBeInstanceOf(TokenErrorA);
      expect(fromB).not.toBeInstanceOf(OtherErrorA);
      expect(new B.MmdConfigurationError('x', 'x')).not.toBeInstanceOf(TokenErrorA);
      expect(Object.getOwnPropertyDescriptor(fromB, KINDS)?.value).toEqual([
        'MmdTokenTestError',
        'MmdConfigurationError',
        'MmdError',
      ]);
    });
  });
});

describe('sanitizeCause', () => {
  const secret = 'abc8Q~x.Y_z-0123456789abcdefghijABCDEFGHIJ';
  const redact = createRedactor([secret]);

  it('keeps only the name, code and a redacted one-line message', () => {
    const original = Object.assign(new TypeError(`fetch failed for client_secret=${secret}\nline two`), {
      code: 'ECONNRESET',
      request: { headers: { authorization: `Bearer ${secret}` } },
      body: secret,
    });
    const copy = sanitizeCause(original, redact);
    expect(copy).toBeInstanceOf(Error);
    expect(copy).not.toBe(original);
    expect(copy.name).toBe('TypeError');
    expect(copy.message).toBe(`fetch failed for client_secret=${REDACTED} line two`);
    expect((copy as { code?: unknown }).code).toBe('ECONNRESET');
    expect(copy).not.toHaveProperty('request');
    expect(copy).not.toHaveProperty('body');
    expect(copy.stack).toBe(`TypeError: ${copy.message}`);
    expect(JSON.stringify(copy)).not.toContain(secret);
    expect(JSON.stringify(Object.getOwnPropertyNames(copy).map((key) => (copy as never)[key]))).not.toContain(
      secret,
    );
  });

  it('redacts a string code and name, keeps a numeric code, and drops other codes', () => {
    const named = Object.assign(new Error('x'), { name: `Bad${secret}`, code: `E_${secret}` });
    const copy = sanitizeCause(named, redact);
    expect(copy.name).not.toContain(secret);
    expect((copy as { code?: string }).code).not.toContain(secret);
    expect(
      (sanitizeCause(Object.assign(new Error('x'), { code: 42 }), redact) as { code?: unknown }).code,
    ).toBe(42);
    expect(sanitizeCause(Object.assign(new Error('x'), { code: { secret } }), redact)).not.toHaveProperty(
      'code',
    );
    expect(sanitizeCause(new Error('plain'), redact).name).toBe('Error');
  });

  it('copies up to three causes, each sanitized the same way', () => {
    let chain: unknown = new Error(`root ${secret}`);
    for (let level = 5; level >= 1; level -= 1)
      chain = new Error(`level ${level} ${secret}`, { cause: chain });
    const copy = sanitizeCause(chain, redact);
    const messages: string[] = [];
    for (let link: unknown = copy; link instanceof Error; link = link.cause) messages.push(link.message);
    expect(messages).toEqual([1, 2, 3, 4].map((level) => `level ${level} ${REDACTED}`));
  });

  it('takes whatever was thrown, not only errors', () => {
    expect(sanitizeCause(`thrown ${secret}`, redact).message).toBe(`thrown ${REDACTED}`);
    expect(sanitizeCause(undefined, redact).message).toBe('undefined');
    expect(sanitizeCause({ secret }, redact).message).toBe('[object Object]');
  });
});

describe('describeCause', () => {
  const secret = 'abc8Q~x.Y_z-0123456789abcdefghijABCDEFGHIJ';
  const redact = createRedactor([secret]);

  it("gives the inner cause's message (fetch's real reason), redacted, on one line of at most 200", () => {
    const failure = new TypeError('fetch failed', { cause: new Error(`connect ECONNREFUSED\r\n${secret}`) });
    expect(describeCause(failure, redact)).toBe(`connect ECONNREFUSED ${REDACTED}`);
    expect(describeCause(new Error(`outer ${secret}`), redact)).toBe(`outer ${REDACTED}`);
    expect(describeCause(`string ${secret}`, redact)).toBe(`string ${REDACTED}`);
    expect(describeCause(new Error('x'.repeat(500)), redact)).toBe(`${'x'.repeat(200)}…`);
  });
});
