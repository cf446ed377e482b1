import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeDirectory } from '../files/make-directory';
import { readSmallFile } from '../files/read-small-file';

/**
 * The RSA key the in-process mock signs its tokens with, kept in `<cache dir>/mock-signing-key.pem`
 * (mode 0600): generating one takes a few hundred milliseconds, which `--mock` would otherwise pay on
 * every run. It signs tokens of the mock tenant only; nothing real trusts it.
 */
export function mockSigningKey(cacheDirectory: string): KeyObject {
  const path = join(cacheDirectory, 'mock-signing-key.pem');
  try {
    return createPrivateKey(readSmallFile(path, 64 * 1024));
  } catch {
    // Missing, unreadable or no key (a device, a FIFO): a new one replaces it below.
  }
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  try {
    makeDirectory(cacheDirectory);
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    // rename is atomic: two first runs at once each leave a whole key, the last one wins.
    renameSync(temporary, path);
  } catch {
    // A read-only cache directory costs the next run a new key, nothing more.
  }
  return privateKey;
}
