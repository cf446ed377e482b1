import { describe, expect, it } from 'vitest';
import { MmdConfigurationError } from '../src/errors/configuration-error';
import { isLoopbackHost } from '../src/network/loopback-host';
import {
  isUnderServiceUrl,
  parseServiceUrl,
  servicePath,
  serviceUrlText,
} from '../src/network/parse-service-url';

const OPTION = 'authorityHost';
const EXAMPLE = 'https://login.microsoftonline.com';

const parse = (value: unknown) => parseServiceUrl(value, OPTION, EXAMPLE);

/** The configuration error a call throws: the right class, naming the option, on one line. */
function configurationError(call: () => unknown): MmdConfigurationError {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(MmdConfigurationError);
    const failure = error as MmdConfigurationError;
    expect(failure.option).toBe(OPTION);
    expect(failure.message).toContain(OPTION);
    expect(failure.message).not.toMatch(/[\r\n\u2028\u2029]/);
    return failure;
  }
  throw new Error('expected a configuration error');
}

describe('isLoopbackHost', () => {
  it('accepts localhost, 127.0.0.0/8 and ::1 only', () => {
    for (const host of [
      'localhost',
      'LOCALHOST',
      '127.0.0.1',
      '127.1.2.3',
      '127.255.255.255',
      '::1',
      '[::1]',
    ]) {
      expect(isLoopbackHost(host), host).toBe(true);
    }
    for (const host of [
      'example.com',
      'localhost.example.com',
      'mylocalhost',
      '128.0.0.1',
      '10.0.0.1',
      '0.0.0.0',
      '127.0.0',
      '127.0.0.1.example.com',
      '::2',
      '[::ffff:7f00:1]',
      '',
    ]) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
  });
});

describe('parseServiceUrl', () => {
  it('accepts https, and gives a root URL without a trailing slash', () => {
    for (const value of [
      'https://login.example.com',
      'https://login.example.com/',
      'https://login.example.com//',
    ]) {
      const url = parse(value);
      expect(url).toBeInstanceOf(URL);
      expect(servicePath(url)).toBe('');
      expect(serviceUrlText(url)).toBe('https://login.example.com');
    }
    expect(serviceUrlText(parse('HTTPS://Login.Example.COM:443/'))).toBe('https://login.example.com');
    expect(serviceUrlText(parse('https://login.example.com:8443'))).toBe('https://login.example.com:8443');
  });

  it('keeps a nested base, without its trailing slash', () => {
    for (const value of ['https://api.example.com/mmd/v1', 'https://api.example.com/mmd/v1/']) {
      const url = parse(value);
      expect(servicePath(url)).toBe('/mmd/v1');
      expect(serviceUrlText(url)).toBe('https://api.example.com/mmd/v1');
    }
  });

  it('allows plain http only to loopback addresses', () => {
    for (const value of [
      'http://localhost:3000',
      'http://127.0.0.1:8080/base/',
      'http://127.10.20.30',
      'http://[::1]:9000',
    ]) {
      expect(() => parse(value), value).not.toThrow();
    }
    expect(serviceUrlText(parse('http://[::1]:9000/'))).toBe('http://[::1]:9000');
    for (const value of [
      'http://login.example.com',
      'http://localhost.example.com',
      'http://10.0.0.1',
      'http://0.0.0.0',
      'http://[::2]',
      'ftp://login.example.com',
      'ws://localhost',
      'file:///etc/passwd',
      'javascript:alert(1)',
    ]) {
      const error = configurationError(() => parse(value));
      expect(error.message).toContain('https');
    }
  });

  it('refuses credentials, a query or a fragment, even a bare ? or #', () => {
    for (const value of [
      'https://user:pass@login.example.com',
      'https://user@login.example.com',
      'https://:pass@login.example.com',
      'https://login.example.com?x=1',
      'https://login.example.com/?',
      'https://login.example.com?',
      'https://login.example.com/base?',
      'https://login.example.com#frag',
      'https://login.example.com/#',
      'https://login.example.com#',
      'https://login.example.com/base/#',
      'http://localhost:3000/?',
    ]) {
      const error = configurationError(() => parse(value));
      expect(error.message).toMatch(/credentials, a query or a fragment/);
      expect(error.message).not.toContain('pass@');
    }
  });

  it('refuses what is not an absolute URL, naming the option', () => {
    for (const value of [
      undefined,
      null,
      '',
      '   ',
      'login.example.com',
      '/relative',
      'https://',
      42,
      {},
      new URL(EXAMPLE),
    ]) {
      const error = configurationError(() => parse(value));
      expect(error.message).toContain(EXAMPLE);
    }
  });

  it('never puts a line break in its message', () => {
    configurationError(() => parse('http://exa\nmple.com'));
    configurationError(() => parse('https://login.example.com/\n?x'));
  });
});

describe('servicePath and serviceUrlText', () => {
  it('strips a trailing slash from a URL built elsewhere too', () => {
    expect(servicePath(new URL('https://h.example/'))).toBe('');
    expect(servicePath(new URL('https://h.example/a/'))).toBe('/a');
    expect(servicePath(new URL('https://h.example/a/b'))).toBe('/a/b');
    expect(serviceUrlText(new URL('https://h.example/a/'))).toBe('https://h.example/a');
    expect(serviceUrlText(new URL('https://h.example'))).toBe('https://h.example');
  });
});

describe('isUnderServiceUrl', () => {
  const under = (target: string, base: string) => isUnderServiceUrl(new URL(target), parse(base));

  it('puts everything on the origin under a root base', () => {
    for (const base of ['https://api.example.com', 'https://api.example.com/']) {
      expect(under('https://api.example.com', base)).toBe(true);
      expect(under('https://api.example.com/', base)).toBe(true);
      expect(under('https://api.example.com/anything/at/all?x=1#y', base)).toBe(true);
      expect(under('https://api.example.com:443/x', base)).toBe(true);
    }
  });

  it('puts a path under a nested base only at or below it', () => {
    const base = 'https://api.example.com/a';
    expect(under('https://api.example.com/a', base)).toBe(true);
    expect(under('https://api.example.com/a/', base)).toBe(true);
    expect(under('https://api.example.com/a/b', base)).toBe(true);
    expect(under('https://api.example.com/a/b/c?x=1', base)).toBe(true);
    expect(under('https://api.example.com/ab', base)).toBe(false);
    expect(under('https://api.example.com/a-b', base)).toBe(false);
    expect(under('https://api.example.com/', base)).toBe(false);
    expect(under('https://api.example.com/b/a', base)).toBe(false);
    expect(under('https://api.example.com/a/../b', base)).toBe(false);
    expect(under('https://api.example.com/a/%2e%2e/b', base)).toBe(false);
    expect(under('https://api.example.com/A/b', base)).toBe(false);
    expect(isUnderServiceUrl(new URL('https://h.example/a/b'), new URL('https://h.example/a/'))).toBe(true);
    expect(isUnderServiceUrl(new URL('https://h.example/ab'), new URL('https://h.example/a/'))).toBe(false);
  });

  it('never puts another origin under a base', () => {
    for (const base of ['https://api.example.com', 'https://api.example.com/a']) {
      expect(under('http://api.example.com/a/b', base)).toBe(false);
      expect(under('https://api.example.com:8443/a/b', base)).toBe(false);
      expect(under('https://evil.example.com/a/b', base)).toBe(false);
      expect(under('https://api.example.com.evil.example/a/b', base)).toBe(false);
      expect(under('https://api.example.com@evil.example/a/b', base)).toBe(false);
    }
    expect(under('http://localhost:3001/a', 'http://localhost:3000')).toBe(false);
  });
});
