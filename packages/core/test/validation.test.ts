import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MmdConfigurationError } from '../src/errors/configuration-error';
import { MmdError } from '../src/errors/mmd-error';
import { isBearerTokenSyntax } from '../src/token/bearer-token-syntax';
import { checkHeaders, checkHeaderValue, isHeaderName } from '../src/validation/check-header-value';
import {
  checkClientId,
  checkTenantId,
  EXAMPLE_GUID,
  isDomain,
  isGuid,
} from '../src/validation/check-identifiers';
import {
  checkNumber,
  checkNumberInRange,
  MAX_TIMER_MS,
  type NumberRule,
} from '../src/validation/check-number';
import { type CheckStyle, SDK_CHECK_STYLE } from '../src/validation/check-style';
import {
  checkKnownKeys,
  checkNonEmptyString,
  checkOptionalBoolean,
  checkOptionalFunction,
  checkOptionalSignal,
  checkOptionsObject,
  requireObject,
} from '../src/validation/check-values';
import { describeValue } from '../src/validation/describe-value';

const PROPERTY = { seed: 42, numRuns: 300 } as const;
// Not the example GUID the messages give, so that a message quoting the input would show.
const GUID = 'c0ffee00-1234-4abc-8def-0123456789ab';
/** Stands for a secret pasted into the wrong option: no message may quote it. */
const SECRET = 'S3cr3t~Value.0123';

/**
 * Runs a call that must fail, and checks the failure every check owes: an MmdConfigurationError
 * (so an MmdError) with `.option` set and a one-line message.
 */
function refusal(call: () => unknown, option?: string): MmdConfigurationError {
  let thrown: unknown;
  try {
    call();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, 'expected a configuration error').toBeInstanceOf(MmdConfigurationError);
  const error = thrown as MmdConfigurationError;
  expect(error).toBeInstanceOf(MmdError);
  expect(error.name).toBe('MmdConfigurationError');
  expect(typeof error.option).toBe('string');
  expect(error.option.length).toBeGreaterThan(0);
  if (option !== undefined) expect(error.option).toBe(option);
  expect(error.message.length).toBeGreaterThan(0);
  expect(error.message).not.toMatch(/[\r\n\u2028\u2029\0]/);
  expect(error.message).not.toContain(SECRET);
  return error;
}

describe('describeValue', () => {
  it('names a value without ever quoting a string', () => {
    expect(describeValue(null)).toBe('null');
    expect(describeValue(undefined)).toBe('undefined');
    expect(describeValue('')).toBe('an empty string');
    expect(describeValue(SECRET)).toBe('a string');
    expect(describeValue(42)).toBe('the number 42');
    expect(describeValue(Number.NaN)).toBe('NaN');
    expect(describeValue(Number.POSITIVE_INFINITY)).toBe('the number Infinity');
    expect(describeValue([SECRET])).toBe('an array');
    expect(describeValue({ secret: SECRET })).toBe('an object');
    expect(describeValue(new String(SECRET))).toBe('an object');
    expect(describeValue(() => SECRET)).toBe('a function');
    expect(describeValue(true)).toBe('a boolean');
    expect(describeValue(10n)).toBe('a bigint');
    expect(describeValue(Symbol(SECRET))).toBe('a symbol');
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(['a string', 'an empty string']).toContain(describeValue(text));
      }),
      PROPERTY,
    );
  });
});

describe('checkNumber', () => {
  const rule: NumberRule = { option: 'timeout', fallback: 30_000, min: 0, unit: 'milliseconds' };

  it('returns the fallback for undefined, and a number in range as is (fractions allowed)', () => {
    expect(checkNumber(undefined, rule)).toBe(30_000);
    expect(checkNumber(0, rule)).toBe(0);
    expect(checkNumber(1.5, rule)).toBe(1.5);
    expect(checkNumber(MAX_TIMER_MS, rule)).toBe(MAX_TIMER_MS);
    expect(checkNumber(5, { ...rule, min: 5, max: 5 })).toBe(5);
  });

  it('refuses fractions for whole numbers', () => {
    expect(checkNumber(3, { ...rule, integer: true })).toBe(3);
    const error = refusal(
      () => checkNumber(2.5, { option: 'attempts', fallback: 3, min: 1, max: 10, integer: true }),
      'attempts',
    );
    expect(error.message).toBe(
      'attempts must be a whole number from 1 to 10 (default 3); got the number 2.5.',
    );
  });

  it('refuses 2**31 by default (setTimeout would fire at once), and anything above max', () => {
    expect(MAX_TIMER_MS).toBe(2 ** 31 - 1);
    const error = refusal(() => checkNumber(2 ** 31, rule), 'timeout');
    expect(error.message).toContain(`from 0 to ${MAX_TIMER_MS}`);
    expect(error.message).toContain('milliseconds');
    refusal(() => checkNumber(11, { ...rule, max: 10 }), 'timeout');
  });

  it('refuses -1, NaN, infinities and non-numbers', () => {
    for (const value of [
      -1,
      -0.5,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      '5',
      '',
      null,
      true,
      5n,
      {},
      [5],
      () => 5,
    ]) {
      refusal(() => checkNumber(value, rule), 'timeout');
    }
    expect(refusal(() => checkNumber(Number.NaN, rule)).message).toContain('got NaN');
    expect(refusal(() => checkNumber(-1, rule)).message).toContain('got the number -1');
  });

  it('never quotes a string value', () => {
    for (const value of [SECRET, `${SECRET}\r\nX: y`, '12345', ' ']) {
      const error = refusal(() => checkNumber(value, rule), 'timeout');
      expect(error.message).toContain('got a string');
      expect(error.message).not.toContain(value.trim() || '\u0000');
    }
  });
});

describe('checkNumberInRange', () => {
  it('refuses undefined too, and says the note after the range', () => {
    expect(checkNumberInRange(0, { option: 'port', min: 0, max: 65_535, integer: true })).toBe(0);
    expect(refusal(() => checkNumberInRange(undefined, { option: 'port', min: 0 }), 'port').message).toBe(
      `port must be a number from 0 to ${MAX_TIMER_MS}; got undefined.`,
    );
    const error = refusal(
      () =>
        checkNumberInRange(-1, { option: 'port', min: 0, max: 65_535, integer: true, note: '(0 picks one)' }),
      'port',
    );
    expect(error.message).toBe(
      'port must be a whole number from 0 to 65535 (0 picks one); got the number -1.',
    );
  });
});

describe('checkTenantId', () => {
  it('accepts a GUID in either case, with or without domains', () => {
    for (const accepts of [{ domain: true }, { domain: false }]) {
      expect(checkTenantId(GUID, 'tenantId', accepts)).toBe(GUID);
      expect(checkTenantId(GUID.toUpperCase(), 'tenantId', accepts)).toBe(GUID.toUpperCase());
    }
  });

  it('accepts a verified domain only where domains are accepted', () => {
    for (const domain of ['contoso.onmicrosoft.com', 'example.com', 'sub.contoso-corp.co.uk']) {
      expect(checkTenantId(domain, 'tenantId', { domain: true })).toBe(domain);
      const error = refusal(() => checkTenantId(domain, 'tenantId', { domain: false }), 'tenantId');
      expect(error.message).toContain('GUID');
    }
  });

  it('refuses the multi-tenant aliases in any case', () => {
    for (const alias of ['common', 'organizations', 'consumers', 'Common', 'ORGANIZATIONS']) {
      for (const accepts of [{ domain: true }, { domain: false }]) {
        const error = refusal(() => checkTenantId(alias, 'tenantId', accepts), 'tenantId');
        expect(error.message).toContain('multi-tenant alias');
      }
    }
  });

  it('refuses anything else without quoting it', () => {
    for (const value of [
      undefined,
      null,
      '',
      '   ',
      42,
      {},
      SECRET,
      `${SECRET}.com`,
      `{${GUID}}`,
      GUID.replace(/-/g, ''),
      `${GUID}\n`,
      `${GUID} `,
      'fabrikam',
      'https://login.microsoftonline.com/fabrikam.onmicrosoft.com',
      'fabrikam.onmicrosoft.com\r\nX: y',
      'under_score.example.com',
      '-lead.example.com',
      'example.123',
    ]) {
      const error = refusal(
        () => checkTenantId(value, 'params.tenantId', { domain: true }),
        'params.tenantId',
      );
      if (typeof value === 'string' && value.trim() !== '') expect(error.message).not.toContain(value.trim());
    }
  });
});

describe('isDomain and EXAMPLE_GUID', () => {
  it('tells a domain name from the rest, and gives an example that is a GUID', () => {
    expect(isGuid(EXAMPLE_GUID)).toBe(true);
    for (const domain of ['contoso.onmicrosoft.com', 'Fabrikam.COM', 'a-b.example.org'])
      expect(isDomain(domain)).toBe(true);
    for (const value of ['contoso', 'a/b.com', '-a.com', 'a..com', 'a.com.', '', ' ', 42, null, GUID])
      expect(isDomain(value)).toBe(false);
  });
});

describe('checkClientId and isGuid', () => {
  it('accepts a GUID and refuses the rest without quoting it', () => {
    expect(checkClientId(GUID, 'clientId')).toBe(GUID);
    expect(isGuid(GUID)).toBe(true);
    expect(isGuid(GUID.toUpperCase())).toBe(true);
    for (const value of [
      undefined,
      null,
      '',
      'not-a-guid',
      SECRET,
      `${GUID}x`,
      `x${GUID}`,
      `${GUID}\n`,
      42,
      {},
    ]) {
      expect(isGuid(value)).toBe(false);
      const error = refusal(() => checkClientId(value, 'clientId'), 'clientId');
      expect(error.message).toContain('application (client) ID');
    }
    expect(refusal(() => checkClientId('', 'clientId')).message).toContain('an empty string');
    expect(refusal(() => checkClientId(SECRET, 'clientId')).message).toContain('a value that is not a GUID');
  });
});

describe('checkOptionsObject', () => {
  it('reads undefined as {}, copies own properties only, and refuses the rest', () => {
    expect({ ...checkOptionsObject(undefined, 'options', 'pass { tenantId }') }).toEqual({});
    const inherited = Object.create({ authorityHost: 'https://attacker.example' }) as Record<string, unknown>;
    inherited.tenantId = GUID;
    const copy = checkOptionsObject(inherited, 'options', 'pass { tenantId }');
    expect(copy).not.toBe(inherited);
    expect({ ...copy }).toEqual({ tenantId: GUID });
    expect(copy.authorityHost).toBeUndefined();
    const throwing = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error('trap');
        },
      },
    );
    refusal(() => checkOptionsObject(throwing, 'options', 'pass { tenantId }'), 'options');
    for (const value of [null, [], [1], SECRET, 42, true, () => ({})]) {
      const error = refusal(() => checkOptionsObject(value, 'options', 'pass { tenantId }'), 'options');
      expect(error.message).toContain('pass { tenantId }');
    }
  });
});

describe('requireObject', () => {
  it('is checkOptionsObject that refuses undefined too', () => {
    const inherited = Object.create({ fetch: () => null }) as Record<string, unknown>;
    inherited.tenantId = GUID;
    const copy = requireObject(inherited, 'tenants[0]', '{ tenantId }');
    expect(copy).not.toBe(inherited);
    expect({ ...copy }).toEqual({ tenantId: GUID });
    expect(copy.fetch).toBeUndefined();
    for (const value of [undefined, null, [], SECRET, 42]) {
      const error = refusal(() => requireObject(value, 'tenants[0]', '{ tenantId }'), 'tenants[0]');
      expect(error.message).toMatch(/^tenants\[0\] must be an object: \{ tenantId \} \(got .+\)\.$/);
    }
  });
});

describe('checkKnownKeys', () => {
  it('accepts known keys and refuses an unknown one, naming it', () => {
    expect(() => checkKnownKeys({ a: 1, b: undefined }, ['a', 'b', 'c'], 'params')).not.toThrow();
    expect(() => checkKnownKeys({}, [], 'params')).not.toThrow();
    const error = refusal(
      () => checkKnownKeys({ a: 1, tenantID: GUID }, ['a', 'tenantId'], 'params'),
      'params.tenantID',
    );
    expect(error.message).toBe('params.tenantID is not an option here; use a, tenantId.');
    const none = refusal(() => checkKnownKeys({ x: 1 }, [], 'kyOptions'), 'kyOptions.x');
    expect(none.message).toContain('pass no kyOptions');
  });

  it('keeps the message on one line whatever the key holds', () => {
    for (const key of ['bad\nkey', 'a\r\nX-Injected: 1', 'nul\0key', 'line\u2028sep', 'k'.repeat(500)]) {
      const error = refusal(() => checkKnownKeys({ [key]: 1 }, ['a'], 'params'));
      expect(error.option.startsWith('params')).toBe(true);
      expect(error.option).not.toMatch(/[\r\n\u2028\0]/);
      expect(error.message.length).toBeLessThan(200);
    }
  });
});

describe('checkNonEmptyString', () => {
  it('accepts a non-empty string, refuses blanks and non-strings without quoting', () => {
    expect(checkNonEmptyString(SECRET, 'clientSecret', 'pass the secret')).toBe(SECRET);
    for (const value of [undefined, null, '', '  \n ', 42, {}]) {
      const error = refusal(
        () => checkNonEmptyString(value, 'clientSecret', 'pass the secret'),
        'clientSecret',
      );
      expect(error.message).toContain('pass the secret');
    }
  });
});

describe('checkOptionalSignal', () => {
  it('accepts undefined and AbortSignals, and refuses look-alikes', () => {
    expect(checkOptionalSignal(undefined, 'signal')).toBeUndefined();
    const { signal } = new AbortController();
    expect(checkOptionalSignal(signal, 'signal')).toBe(signal);
    const aborted = AbortSignal.abort();
    expect(checkOptionalSignal(aborted, 'signal')).toBe(aborted);
    for (const value of [
      {},
      { aborted: false, addEventListener() {}, removeEventListener() {} },
      new AbortController(),
      null,
      true,
      SECRET,
    ]) {
      const error = refusal(() => checkOptionalSignal(value, 'options.abortSignal'), 'options.abortSignal');
      expect(error.message).toContain('AbortSignal');
    }
  });
});

describe('checkOptionalFunction', () => {
  it('accepts undefined and functions, and refuses the rest', () => {
    expect(checkOptionalFunction(undefined, 'fetch', 'a fetch function')).toBeUndefined();
    const fetcher = async () => new Response();
    expect(checkOptionalFunction(fetcher, 'fetch', 'a fetch function')).toBe(fetcher);
    for (const value of [null, {}, SECRET, 42, { fetch: fetcher }]) {
      const error = refusal(() => checkOptionalFunction(value, 'fetch', 'a fetch function'), 'fetch');
      expect(error.message).toContain('a fetch function');
    }
  });
});

describe('checkOptionalBoolean', () => {
  it('accepts undefined and booleans, and refuses the rest', () => {
    expect(checkOptionalBoolean(undefined, 'retry')).toBeUndefined();
    expect(checkOptionalBoolean(true, 'retry')).toBe(true);
    expect(checkOptionalBoolean(false, 'retry')).toBe(false);
    for (const value of ['true', 0, 1, null, {}, SECRET])
      refusal(() => checkOptionalBoolean(value, 'retry'), 'retry');
  });
});

describe('checkHeaders and checkHeaderValue', () => {
  const REFUSED = ['authorization', 'host'];

  it('reads undefined as {}, and copies valid headers', () => {
    expect(checkHeaders(undefined, 'headers', REFUSED)).toEqual({});
    const input = { 'x-request-id': 'abc 123', 'User-Agent': 'mmd/1.0\tx', 'x-latin1': 'caf\u00e9' };
    const output = checkHeaders(input, 'headers', REFUSED);
    expect(output).toEqual(input);
    expect(output).not.toBe(input);
    expect(() => new Headers(output)).not.toThrow();
  });

  it('refuses values with CR, LF or NUL, naming the header and never quoting the value', () => {
    for (const value of [`${SECRET}\r\nX-Injected: 1`, `${SECRET}\n`, `a\rb${SECRET}`, `${SECRET}\0`]) {
      const error = refusal(() => checkHeaders({ 'x-trace': value }, 'headers', REFUSED), 'headers.x-trace');
      expect(error.message).toContain('headers.x-trace');
      refusal(() => checkHeaderValue(value, 'headers.x-trace'), 'headers.x-trace');
    }
  });

  it('refuses non-string values', () => {
    for (const value of [42, true, null, undefined, ['a'], { a: 'b' }]) {
      const error = refusal(() => checkHeaders({ 'x-trace': value }, 'headers', REFUSED), 'headers.x-trace');
      expect(error.message).toContain(describeValue(value));
    }
  });

  it('refuses characters a header cannot carry, and over-long values', () => {
    for (const value of ['\u007f', '\u20ac', '😀', '\u0001', 'x'.repeat(8_193)]) {
      refusal(() => checkHeaderValue(value, 'h'), 'h');
    }
    expect(checkHeaderValue('x'.repeat(8_192), 'h')).toHaveLength(8_192);
    expect(checkHeaderValue('', 'h')).toBe('');
  });

  it('accepts only values Headers takes without complaint', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 20 }),
          fc.string({
            unit: fc.integer({ min: 0, max: 0x10f }).map((code) => String.fromCharCode(code)),
            maxLength: 20,
          }),
        ),
        (value) => {
          let accepted = true;
          try {
            checkHeaderValue(value, 'h');
          } catch (error) {
            accepted = false;
            expect(error).toBeInstanceOf(MmdConfigurationError);
            expect((error as Error).message).not.toMatch(/[\r\n\0]/);
          }
          if (accepted) expect(() => new Headers({ h: value })).not.toThrow();
          if (/[\r\n\0]/.test(value)) expect(accepted).toBe(false);
        },
      ),
      PROPERTY,
    );
  });

  it('refuses a Headers instance, a Map, an array, null and non-objects', () => {
    const fromHeaders = refusal(() => checkHeaders(new Headers({ a: 'b' }), 'headers', REFUSED), 'headers');
    expect(fromHeaders.message).toContain('a Headers instance');
    refusal(() => checkHeaders(new Map([['a', 'b']]), 'headers', REFUSED), 'headers');
    for (const value of [[['a', 'b']], null, 'a: b', 42, () => ({})]) {
      refusal(() => checkHeaders(value, 'headers', REFUSED), 'headers');
    }
  });

  it('refuses invalid header names without quoting them', () => {
    for (const name of ['bad name', 'x:y', 'caf\u00e9', `${SECRET}\r\n`, '', '(x)']) {
      const error = refusal(() => checkHeaders({ [name]: 'v' }, 'headers', REFUSED), 'headers');
      expect(error.message).toContain('not a valid header name');
      expect(isHeaderName(name)).toBe(false);
    }
    for (const name of ['x-request-id', 'X_Custom', "a!#$%&'*+-.^_`|~9"])
      expect(isHeaderName(name)).toBe(true);
    expect(isHeaderName(42)).toBe(false);
  });

  it('refuses the names the SDK sets, in any case', () => {
    for (const name of ['authorization', 'Authorization', 'AUTHORIZATION', 'Host']) {
      const error = refusal(
        () => checkHeaders({ [name]: `Bearer ${SECRET}` }, 'params.headers', REFUSED),
        `params.headers.${name}`,
      );
      expect(error.message).toContain(`must not set ${name}`);
    }
  });
});

describe('every check', () => {
  const checks: Record<string, (value: unknown) => unknown> = {
    checkNumber: (value) => checkNumber(value, { option: 'timeout', fallback: 1, min: 0 }),
    'checkNumber (integer)': (value) =>
      checkNumber(value, { option: 'attempts', fallback: 1, min: 1, max: 9, integer: true }),
    checkTenantId: (value) => checkTenantId(value, 'tenantId', { domain: true }),
    'checkTenantId (GUID only)': (value) => checkTenantId(value, 'tenantId', { domain: false }),
    checkClientId: (value) => checkClientId(value, 'clientId'),
    checkNumberInRange: (value) => checkNumberInRange(value, { option: 'port', min: 0, max: 65_535 }),
    checkOptionsObject: (value) => checkOptionsObject(value, 'options', 'pass an object'),
    requireObject: (value) => requireObject(value, 'options', 'pass an object'),
    checkKnownKeys: (value) => checkKnownKeys(checkOptionsObject(value, 'options', 'x'), ['a'], 'options'),
    checkNonEmptyString: (value) => checkNonEmptyString(value, 'clientSecret', 'pass it'),
    checkOptionalSignal: (value) => checkOptionalSignal(value, 'signal'),
    checkOptionalFunction: (value) => checkOptionalFunction(value, 'fetch', 'a function'),
    checkOptionalBoolean: (value) => checkOptionalBoolean(value, 'flag'),
    checkHeaders: (value) => checkHeaders(value, 'headers', ['authorization']),
    checkHeaderValue: (value) => checkHeaderValue(value, 'headers.x'),
  };

  const secretString = fc.string({ unit: 'binary', maxLength: 16 }).map((tail) => `${SECRET}${tail}`);
  const input = fc.oneof(
    fc.anything(),
    secretString,
    fc.dictionary(
      fc.oneof(fc.string({ unit: 'binary', maxLength: 8 }), secretString),
      fc.oneof(fc.string(), secretString),
    ),
    fc.constantFrom(GUID, 'common', '', ' ', Number.NaN, 2 ** 31, -1, new Headers(), new Map()),
  );

  it('throws only MmdConfigurationErrors with an option and a one-line message that quotes no secret', () => {
    fc.assert(
      fc.property(input, (value) => {
        for (const [name, check] of Object.entries(checks)) {
          try {
            check(value);
          } catch (error) {
            expect(error, name).toBeInstanceOf(MmdConfigurationError);
            const failure = error as MmdConfigurationError;
            expect(failure.option, name).toMatch(/\S/);
            expect(failure.message, name).not.toMatch(/[\r\n\u2028\u2029\0]/);
            // Keys are named on purpose (checkKnownKeys, header names); values never are.
            if (name !== 'checkKnownKeys' && name !== 'checkHeaders')
              expect(failure.message, name).not.toContain(SECRET);
          }
        }
      }),
      PROPERTY,
    );
  });

  it('agrees with isBearerTokenSyntax that a token never needs a header check to fail', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'abcXYZ019-._~+/=') }), (token) => {
        if (isBearerTokenSyntax(token))
          expect(checkHeaderValue(`Bearer ${token}`, 'h')).toBe(`Bearer ${token}`);
      }),
      PROPERTY,
    );
  });
});

describe('a check style', () => {
  /** A package's own configuration error, as the mock declares it. */
  class PackageConfigurationError extends MmdConfigurationError {
    static override readonly kind: string = 'PackageConfigurationErrorForTest';
    override readonly name = 'PackageConfigurationError';
  }
  const style: CheckStyle = {
    error: PackageConfigurationError,
    describe: (value) => (typeof value === 'number' ? String(value) : describeValue(value)),
    got: (given) => `; got ${given}.`,
  };

  /** Each check that takes a style, called wrongly with it: [the check, the message it owes]. */
  const cases: ReadonlyArray<readonly [string, () => unknown, string]> = [
    [
      'checkOptionsObject',
      () => checkOptionsObject(null, 'options', 'pass { port }', style),
      'options must be an object: pass { port }; got null.',
    ],
    [
      'requireObject',
      () => requireObject(undefined, 'tenants[0]', '{ tenantId }', style),
      'tenants[0] must be an object: { tenantId }; got undefined.',
    ],
    [
      'checkKnownKeys',
      () => checkKnownKeys({ prot: 1 }, ['port'], 'options', style),
      'options.prot is not an option here; use port.',
    ],
    [
      'checkNumber',
      () => checkNumber(-1, { option: 'retries', fallback: 2, min: 0, max: 9, integer: true }, style),
      'retries must be a whole number from 0 to 9 (default 2); got -1.',
    ],
    [
      'checkNumberInRange',
      () => checkNumberInRange(1.5, { option: 'port', min: 0, max: 65_535, integer: true }, style),
      'port must be a whole number from 0 to 65535; got 1.5.',
    ],
    [
      'checkNonEmptyString',
      () => checkNonEmptyString('', 'name', 'pass a name', style),
      'name is required: pass a name; got an empty string.',
    ],
    [
      'checkOptionalFunction',
      () => checkOptionalFunction(7, 'onError', 'a function', style),
      'onError must be a function; got 7.',
    ],
    [
      'checkOptionalSignal',
      () => checkOptionalSignal({}, 'signal', style),
      'signal must be an AbortSignal, such as new AbortController().signal; got an object.',
    ],
    [
      'checkOptionalBoolean',
      () => checkOptionalBoolean('yes', 'tls', style),
      'tls must be true or false; got a string.',
    ],
  ];

  it.each(cases)('%s throws the style’s class, in its words', (_name, call, message) => {
    expect(call).toThrow(PackageConfigurationError);
    expect(call).toThrow(MmdConfigurationError);
    expect(call).toThrow(expect.objectContaining({ name: 'PackageConfigurationError', message }));
  });

  it('is the SDK’s own by default: MmdConfigurationError and describeValue’s words', () => {
    expect(SDK_CHECK_STYLE.error).toBe(MmdConfigurationError);
    expect(SDK_CHECK_STYLE.describe).toBe(describeValue);
    const error = refusal(() => checkOptionalBoolean(1, 'retry'), 'retry');
    expect(error).not.toBeInstanceOf(PackageConfigurationError);
    expect(error.message).toBe('retry must be true or false (got the number 1).');
    expect(refusal(() => checkOptionsObject([], 'options', 'pass { tenantId }')).message).toBe(
      'options must be an object: pass { tenantId } (got an array).',
    );
  });
});
