// Type-checks every TypeScript block of every README against the packed packages, as a user would
// paste it: each ```ts / ```typescript block is written as its own module into an empty project
// outside the repository that installs the three tarballs (and, at the version the workspace pins,
// any other package a snippet imports), then one `tsc --strict --noEmit` checks them all.
//
// A block is checked as ESM (`"type": "module"`, module nodenext, top-level await allowed) unless an
// HTML comment right before it says otherwise:
//   <!-- snippet: cjs -->   check it as CommonJS (a .cts file: no top-level await, the `require` types)
//   <!-- snippet: skip -->  do not check it (for partial illustrations; prefer a complete program)
//
// Run after the packages are built: `pnpm build`, then `node scripts/check-readme-snippets.mjs`
// (`--keep` leaves the temporary project in place and prints where it is).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const keep = process.argv.includes('--keep');
const tsc = join(root, 'node_modules/typescript/bin/tsc');
const PACKAGES = {
  '@mmd-sdk/mmd-auth': 'packages/auth',
  '@mmd-sdk/mmd-api': 'packages/api',
  '@mmd-sdk/mmd-mock': 'packages/mock',
  '@mmd-sdk/mmd-token-cache-redis': 'packages/token-cache-redis',
};
const LANGUAGES = new Set(['ts', 'typescript']);
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', 'dist', '.turbo', 'coverage']);

const run = (command, args, cwd) =>
  execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** Every README.md in the repository, root first, outside dependencies and build output. */
function findReadmes(folder = root) {
  const found = [];
  const entries = readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    if (entry.isFile() && entry.name === 'README.md') found.unshift(join(folder, entry.name));
  }
  for (const entry of entries) {
    if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name))
      found.push(...findReadmes(join(folder, entry.name)));
  }
  return found;
}

/**
 * The fenced TypeScript blocks of one README: `{ readme, line, mode, code }`, `line` being the
 * README line of the block's first code line. A fence may be indented (inside a list item).
 */
function extractSnippets(path) {
  const readme = relative(root, path);
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  const snippets = [];
  let previous = '';
  for (let index = 0; index < lines.length; index++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([^\s`]*)/.exec(lines[index]);
    if (!open) {
      if (lines[index].trim() !== '') previous = lines[index].trim();
      continue;
    }
    const [, indent, fence, language] = open;
    const body = [];
    let close = index + 1;
    while (
      close < lines.length &&
      !(
        lines[close].trim().startsWith(fence[0].repeat(fence.length)) &&
        lines[close].trim().replace(/[`~]/g, '') === ''
      )
    ) {
      body.push(
        lines[close].startsWith(indent) ? lines[close].slice(indent.length) : lines[close].trimStart(),
      );
      close++;
    }
    if (close === lines.length) throw new Error(`${readme}:${index + 1}: a code block that never closes`);
    const directive = /^<!--\s*snippet:\s*([\w-]+)\s*-->$/.exec(previous)?.[1];
    if (directive !== undefined && !['cjs', 'skip'].includes(directive)) {
      throw new Error(`${readme}:${index}: unknown snippet directive "${directive}" (use cjs or skip)`);
    }
    if (LANGUAGES.has(language.toLowerCase())) {
      snippets.push({
        readme,
        line: index + 2,
        indent: indent.length,
        mode: directive ?? 'esm',
        code: body.join('\n'),
      });
    } else if (directive !== undefined) {
      throw new Error(
        `${readme}:${index}: "snippet: ${directive}" precedes a ${language || 'plain'} block, not TypeScript`,
      );
    }
    previous = '';
    index = close;
  }
  return snippets;
}

/** The package a bare import specifier names (`msw/node` → `msw`), or undefined for relative and built-in ones. */
function packageOf(specifier) {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:'))
    return undefined;
  const name = specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');
  return builtinModules.includes(name) ? undefined : name;
}

/** The version of `name` some workspace package pins, so a snippet's third-party imports match the repo's. */
function pinnedVersion(name) {
  const manifests = [join(root, 'package.json')];
  for (const group of ['packages', 'examples', 'bench']) {
    const folder = join(root, group);
    if (statSync(folder, { throwIfNoEntry: false })?.isDirectory()) {
      if (group === 'bench') manifests.push(join(folder, 'package.json'));
      else for (const entry of readdirSync(folder)) manifests.push(join(folder, entry, 'package.json'));
    }
  }
  for (const manifest of manifests) {
    if (!statSync(manifest, { throwIfNoEntry: false })?.isFile()) continue;
    const json = JSON.parse(readFileSync(manifest, 'utf8'));
    const version = json.dependencies?.[name] ?? json.devDependencies?.[name];
    if (version && !version.startsWith('workspace:')) return version;
  }
  return undefined;
}

function pack(directory, destination) {
  const dist = join(root, directory, 'dist');
  if (!statSync(dist, { throwIfNoEntry: false })?.isDirectory()) {
    throw new Error(`${directory}/dist is missing: build first (pnpm build)`);
  }
  const output = run('pnpm', ['pack', '--pack-destination', destination], join(root, directory));
  return output
    .trim()
    .split('\n')
    .findLast((line) => line.endsWith('.tgz'));
}

/**
 * One `tsc --strict --noEmit` over `list`: its errors by snippet file, each moved to the README line
 * it comes from, and any error tsc did not place in a snippet.
 */
function typecheck(list) {
  writeFileSync(
    join(work, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        target: 'es2022',
        lib: ['es2023'],
        module: 'nodenext',
        moduleResolution: 'nodenext',
        types: ['node'],
        skipLibCheck: true,
      },
      files: list,
    }),
  );
  let output = '';
  try {
    run('node', [tsc, '-p', '.', '--pretty', 'false'], work);
  } catch (error) {
    if (error.status === undefined || !error.stdout) throw error;
    output = error.stdout;
  }
  const errors = new Map();
  const unplaced = [];
  let last;
  for (const text of output.split('\n').filter(Boolean)) {
    const place = /^(snippets\/[^(]+)\((\d+),(\d+)\): (.*)$/.exec(text);
    const snippet = place && files.get(place[1]);
    if (!snippet) {
      // A continuation line (an indented elaboration) belongs to the error before it.
      if (/^\s/.test(text) && last) last.push(`    ${text}`);
      else unplaced.push(text);
      continue;
    }
    last = errors.get(place[1]) ?? [];
    const column = Number(place[3]) + snippet.indent;
    last.push(`    ${snippet.readme}:${snippet.line + Number(place[2]) - 1}:${column} ${place[4]}`);
    errors.set(place[1], last);
  }
  return { errors, unplaced };
}

const snippets = findReadmes().flatMap(extractSnippets);
const checked = snippets.filter((snippet) => snippet.mode !== 'skip');
const work = mkdtempSync(join(tmpdir(), 'mmd-readme-snippets-'));
let failed = 0;
const files = new Map();
try {
  // Third-party packages the snippets import (msw, @azure/identity, …), at the workspace's versions.
  const imported = new Set();
  for (const snippet of checked) {
    for (const match of snippet.code.matchAll(/(?:from|import|import\(|require\()\s*['"]([^'"]+)['"]/g)) {
      const name = packageOf(match[1]);
      if (name !== undefined && !(name in PACKAGES)) imported.add(name);
    }
  }
  const extras = [...imported].sort().map((name) => {
    const version = pinnedVersion(name);
    if (version === undefined) {
      throw new Error(`a README snippet imports ${name}, which no workspace package.json pins`);
    }
    return `${name}@${version}`;
  });

  console.log(`Type-checking ${checked.length} README snippets against the packed packages`);
  const tarballs = Object.values(PACKAGES).map((directory) => pack(directory, work));
  writeFileSync(
    join(work, 'package.json'),
    JSON.stringify({ name: 'readme-snippets', private: true, version: '1.0.0', type: 'module' }),
  );
  run(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      '--ignore-scripts',
      '--loglevel=error',
      ...tarballs,
      '@types/node@20',
      ...extras,
    ],
    work,
  );

  mkdirSync(join(work, 'snippets'));
  for (const snippet of checked) {
    const slug = snippet.readme.replace(/README\.md$/, '').replace(/[^\w]+/g, '-') || 'root-';
    const file = `snippets/${slug}L${snippet.line}.${snippet.mode === 'cjs' ? 'cts' : 'ts'}`;
    // `export {}` makes every block a module of its own, so blocks never share top-level names.
    writeFileSync(join(work, file), `${snippet.code}\nexport {};\n`);
    files.set(file, snippet);
  }
  // tsc reports only syntax errors while any file has one: check again without the files that
  // failed until a run finds nothing new, so every snippet gets its semantic check.
  const errors = new Map();
  const unplaced = [];
  let remaining = [...files.keys()];
  while (remaining.length > 0) {
    const found = typecheck(remaining);
    for (const [file, list] of found.errors) errors.set(files.get(file), list);
    unplaced.push(...found.unplaced);
    if (found.errors.size === 0 || found.unplaced.length > 0) break;
    remaining = remaining.filter((file) => !found.errors.has(file));
  }
  for (const snippet of snippets) {
    const where = `${snippet.readme}:${snippet.line}`;
    if (snippet.mode === 'skip') {
      console.log(`  - ${where} (skipped)`);
      continue;
    }
    const list = errors.get(snippet);
    const mode = snippet.mode === 'cjs' ? ' (CommonJS)' : '';
    console.log(`  ${list ? '✘' : '✔'} ${where}${mode}`);
    if (list) {
      failed++;
      console.log(list.join('\n'));
    }
  }
  if (unplaced.length > 0) {
    failed = Math.max(failed, 1);
    console.log(unplaced.join('\n'));
  }
  if (failed > 0) {
    console.error(`${failed} of ${checked.length} README snippets failed to compile`);
    process.exitCode = 1;
  } else {
    const skipped = snippets.length - checked.length;
    console.log(`${checked.length} README snippets compiled${skipped ? ` (${skipped} skipped)` : ''}`);
  }
} catch (error) {
  console.error(`README snippet check failed: ${error.message}\n${error.stdout ?? ''}${error.stderr ?? ''}`);
  process.exitCode = 1;
} finally {
  if (keep) console.log(`Kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
