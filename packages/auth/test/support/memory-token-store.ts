import type { TokenStore, TokenStoreLock } from '../../src/index';
import { countdown } from './countdown';

/** How a faulty store misbehaves on a call: it throws, rejects, or never answers. */
export type StoreFault = 'throw' | 'reject' | 'hang';

export interface MemoryTokenStore extends TokenStore {
  /** The entries, as another process would see them. */
  readonly entries: Map<string, { value: string; expiresOn: number }>;
  /** Every call, in order, by method name. */
  readonly calls: string[];
  /** Settles once `method` was called `count` times. */
  called(method: string, count: number): Promise<void>;
}

export interface MemoryTokenStoreOptions {
  /** Offer `lock` (cross-process single flight). @default true */
  lock?: boolean;
  /** Offer `waitForWrite`. @default false (waiters poll `get`) */
  waitForWrite?: boolean;
  /**
   * The first `lock` call finds the lock taken by a process that then dies: it holds for the TTL asked.
   * @default false
   */
  ghostHolder?: boolean;
  /** Misbehave on these methods. */
  faults?: Partial<Record<'get' | 'set' | 'lock' | 'waitForWrite', StoreFault>>;
}

/**
 * A `TokenStore` in memory, shared by credentials of one test as processes share Redis or a
 * directory: it records every call, can hold a lock for a "process" that died, and can fail.
 */
export function createMemoryTokenStore(options: MemoryTokenStoreOptions = {}): MemoryTokenStore {
  const entries = new Map<string, { value: string; expiresOn: number }>();
  const locks = new Map<string, { owner: object; expiresAt: number }>();
  const writers = new Map<string, Array<() => void>>();
  const calls: string[] = [];
  let ghosted = false;
  const counters = new Map<string, ReturnType<typeof countdown>>();
  const counter = (method: string) => {
    let found = counters.get(method);
    if (!found) {
      found = countdown();
      counters.set(method, found);
    }
    return found;
  };
  const call = <T>(
    method: keyof NonNullable<MemoryTokenStoreOptions['faults']>,
    work: () => T,
  ): Promise<T> => {
    calls.push(method);
    counter(method).tick();
    const fault = options.faults?.[method];
    if (fault === 'throw') throw new Error(`the store's ${method} broke`);
    if (fault === 'reject') return Promise.reject(new Error(`the store's ${method} failed`));
    if (fault === 'hang') return new Promise<never>(() => {});
    return Promise.resolve(work());
  };
  const store: MemoryTokenStore = {
    entries,
    calls,
    called: (method, count) => counter(method).reached(count),
    get: (key) =>
      call('get', () => {
        const entry = entries.get(key);
        return entry && entry.expiresOn > Date.now() ? entry.value : undefined;
      }),
    set: (key, value, expiresOn) =>
      call('set', () => {
        entries.set(key, { value, expiresOn });
        for (const wake of writers.get(key)?.splice(0) ?? []) wake();
      }),
  };
  if (options.lock !== false) {
    store.lock = (key, ttlMs) =>
      call('lock', (): TokenStoreLock | undefined => {
        if (options.ghostHolder && !ghosted) {
          ghosted = true;
          locks.set(key, { owner: {}, expiresAt: Date.now() + ttlMs });
        }
        const held = locks.get(key);
        if (held && held.expiresAt > Date.now()) return undefined;
        const owner = {};
        locks.set(key, { owner, expiresAt: Date.now() + ttlMs });
        return {
          async release() {
            if (locks.get(key)?.owner === owner) locks.delete(key);
          },
        };
      });
  }
  if (options.waitForWrite) {
    store.waitForWrite = (key, timeoutMs) =>
      call(
        'waitForWrite',
        () =>
          new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, timeoutMs);
            const wake = () => {
              clearTimeout(timer);
              resolve();
            };
            writers.set(key, [...(writers.get(key) ?? []), wake]);
          }),
      ).then((written) => written);
  }
  return store;
}
