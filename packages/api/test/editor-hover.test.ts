import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// What an editor shows on hover over a method of the client, through TypeScript's language service
// (the one VS Code runs): the concrete parameter and result types, and the document's JSDoc.
const root = join(import.meta.dirname, '..');
const file = join(root, 'test', '__hover__.ts');
const source = [
  "import { createMmdClient } from '../src/index';",
  "const mmd = createMmdClient({ getToken: async () => 'token', tenantId: '5b1e8f62-0c39-4f5e-9d8f-2f1a7f3c9e10' });",
  'void mmd.listDevices;',
  'void mmd.getUser;',
  'void mmd.addTicketNote;',
  '',
].join('\n');

function hover(name: string): { text: string; docs: string; tags: string } {
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => ({
      strict: true,
      module: ts.ModuleKind.Preserve,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      target: ts.ScriptTarget.ES2022,
      lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
      types: ['node'],
      noEmit: true,
      skipLibCheck: true,
    }),
    getScriptFileNames: () => [file],
    getScriptVersion: () => '1',
    getScriptSnapshot: (path) => {
      const text = path === file ? source : ts.sys.readFile(path);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => root,
    getDefaultLibFileName: (options) => ts.getDefaultLibFilePath(options),
    fileExists: (path) => path === file || ts.sys.fileExists(path),
    readFile: (path) => (path === file ? source : ts.sys.readFile(path)),
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  };
  const service = ts.createLanguageService(host);
  const position = source.indexOf(`mmd.${name};`) + 'mmd.'.length;
  const info = service.getQuickInfoAtPosition(file, position);
  if (!info) throw new Error(`no quick info for ${name}`);
  return {
    text: ts.displayPartsToString(info.displayParts),
    docs: ts.displayPartsToString(info.documentation),
    tags: (info.tags ?? []).map((tag) => `@${tag.name} ${ts.displayPartsToString(tag.text)}`).join('\n'),
  };
}

describe('hover in an editor', () => {
  it('shows the concrete result type of a list operation, not a type alias', () => {
    const { text } = hover('listDevices');
    expect(text).toContain('Promise<DeviceCollection>');
    expect(text).not.toMatch(/Result<|OperationTypes\[/);
  });

  it('shows the entity a transformed operation returns', () => {
    expect(hover('getUser').text).toContain('Promise<UserEntity>');
    expect(hover('addTicketNote').text).toContain('Promise<undefined>');
  });

  it("shows the document's summary, description and an example call", () => {
    const { docs, tags } = hover('listDevices');
    expect(docs).toContain('List devices (`GET /tenants/{tenantId}/devices`).');
    expect(docs).toContain('Lists the devices managed by Microsoft Managed Desktop.');
    expect(tags).toContain(
      "await mmd.listDevices({ query: { $searchText: 'jdoe@contoso.onmicrosoft.com' } });",
    );
  });
});
