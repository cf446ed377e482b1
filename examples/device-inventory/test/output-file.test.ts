import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OutputFileError, openOutputFile } from '../src/output-file';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'device-inventory-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('openOutputFile', () => {
  it('writes through a temporary file that commit puts in place', async () => {
    const path = join(folder, 'devices.csv');
    const file = await openOutputFile('--csv', path, false);
    await file.write('a,b\r\n');
    await file.write('é,"x"\r\n');
    expect(await readFile(path, 'utf8')).toBe(''); // the placeholder that holds the name
    await file.commit();
    expect(await readFile(path, 'utf8')).toBe('a,b\r\né,"x"\r\n');
    expect(await readdir(folder)).toEqual(['devices.csv']);
    await file.discard(); // nothing once committed
    expect(await readdir(folder)).toEqual(['devices.csv']);
  });

  it('refuses an existing file without force, saying how to overwrite it', async () => {
    const path = join(folder, 'devices.csv');
    await writeFile(path, 'old');
    const opening = openOutputFile('--csv', path, false);
    await expect(opening).rejects.toThrow(OutputFileError);
    await expect(opening).rejects.toThrow(
      `--csv: ${path} already exists; pass --force to overwrite it, or choose another file.`,
    );
    expect(await readFile(path, 'utf8')).toBe('old');
    expect(await readdir(folder)).toEqual(['devices.csv']);
  });

  it('with force, keeps the old file until the new one is committed', async () => {
    const path = join(folder, 'devices.json');
    await writeFile(path, 'old');
    const file = await openOutputFile('--json', path, true);
    await file.write('[]\n');
    expect(await readFile(path, 'utf8')).toBe('old');
    await file.commit();
    expect(await readFile(path, 'utf8')).toBe('[]\n');
  });

  it('leaves nothing behind when discarded', async () => {
    const path = join(folder, 'devices.csv');
    const file = await openOutputFile('--csv', path, false);
    await file.write('partial');
    await file.discard();
    expect(await readdir(folder)).toEqual([]);
  });

  it('with force, leaves the old file as it was when discarded', async () => {
    const path = join(folder, 'devices.csv');
    await writeFile(path, 'old');
    const file = await openOutputFile('--csv', path, true);
    await file.write('partial');
    await file.discard();
    expect(await readdir(folder)).toEqual(['devices.csv']);
    expect(await readFile(path, 'utf8')).toBe('old');
  });

  it('names a missing folder and a folder given as the file', async () => {
    const missing = join(folder, 'nowhere', 'devices.csv');
    await expect(openOutputFile('--csv', missing, false)).rejects.toThrow(
      `--csv: cannot create ${missing}: the folder ${join(folder, 'nowhere')} does not exist; create it or choose another file.`,
    );
    await expect(openOutputFile('--json', folder, true)).rejects.toThrow(
      `--json: ${folder} is a folder; give a file name, as in --json devices.json.`,
    );
    expect(await readdir(folder)).toEqual([]);
  });
});
