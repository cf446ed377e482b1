// 3. Footprint: installed size with dependencies (npm install into an empty folder) and import time
// in a fresh process (median of 7), @mmd-sdk/mmd-auth vs MSAL Node vs @azure/identity.
// Goals: ours ≤ 500 kB installed and ≤ 15 ms to import.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, median, printTable } from './lib/measure.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

function folderSize(folder) {
  let total = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) total += folderSize(path);
    else if (entry.isFile()) total += statSync(path).size;
  }
  return total;
}

function countPackages(folder) {
  let count = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    if (entry.name.startsWith('@')) count += countPackages(join(folder, entry.name));
    else count++;
  }
  return count;
}

function importTime(folder, specifier, style) {
  const code =
    style === 'import'
      ? // Start the ESM loader first (about 7 ms on this machine, for any module), so that only the package is timed.
        `await import('data:text/javascript,export default 1'); const t = performance.now(); await import(${JSON.stringify(specifier)}); console.log(performance.now() - t);`
      : `const t = performance.now(); require(${JSON.stringify(specifier)}); console.log(performance.now() - t);`;
  const args = style === 'import' ? ['--input-type=module', '-e', code] : ['-e', code];
  const samples = [];
  for (let run = 0; run < 8; run++)
    samples.push(Number(execFileSync('node', args, { cwd: folder, encoding: 'utf8' }).trim()));
  return median(samples.slice(1)); // the first run warms the file-system cache
}

export async function benchFootprint() {
  const work = mkdtempSync(join(tmpdir(), 'mmd-footprint-'));
  try {
    const tarball = execFileSync('pnpm', ['pack', '--pack-destination', work], {
      cwd: join(root, 'packages/auth'),
      encoding: 'utf8',
    })
      .trim()
      .split('\n')
      .findLast((line) => line.endsWith('.tgz'));
    const subjects = [
      { name: '@mmd-sdk/mmd-auth', install: tarball, specifier: '@mmd-sdk/mmd-auth' },
      { name: '@azure/msal-node 7.2.3', install: '@azure/msal-node@7.2.3', specifier: '@azure/msal-node' },
      { name: '@azure/identity 4.13.1', install: '@azure/identity@4.13.1', specifier: '@azure/identity' },
    ];
    const rows = [];
    const figures = {};
    for (const subject of subjects) {
      const folder = join(work, subject.name.replace(/[@/ .]/g, '_'));
      mkdirSync(folder);
      writeFileSync(join(folder, 'package.json'), '{"name":"footprint","version":"1.0.0","private":true}');
      execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', subject.install], {
        cwd: folder,
      });
      const size = folderSize(join(folder, 'node_modules'));
      const packages = countPackages(join(folder, 'node_modules'));
      const esm = importTime(folder, subject.specifier, 'import');
      const cjs = importTime(folder, subject.specifier, 'require');
      figures[subject.name] = { size, esm, cjs };
      rows.push([subject.name, format.bytes(size), String(packages), format.millis(esm), format.millis(cjs)]);
    }
    printTable(
      '3. Footprint: installed with dependencies, and import time in a fresh process (median of 7; the ESM loader is started before timing)',
      ['package', 'installed size', 'packages', 'import', 'require'],
      rows,
    );
    return figures;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchFootprint();
