import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The package's entry points (package.json `exports`), by subpath. */
export const ENTRY_POINTS: Record<string, string> = {
  '.': 'src/index.ts',
  './eventstore': 'src/eventstore/index.ts',
  './eventsourcing': 'src/eventsourcing/index.ts',
  './projections': 'src/projections/index.ts',
  './redis': 'src/redis/index.ts',
  './relay': 'src/relay/index.ts',
  './testing': 'src/testing/index.ts',
  './bank': 'src/bank.ts',
};

function undocumentedExports(): Record<string, string[]> {
  const files = Object.values(ENTRY_POINTS).map((file) => ROOT + file);
  const config = ts.getParsedCommandLineOfConfigFile(ROOT + 'tsconfig.json', {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  const program = ts.createProgram(files, { ...config!.options, noEmit: true });
  const checker = program.getTypeChecker();
  const missing: Record<string, string[]> = {};
  for (const [subpath, file] of Object.entries(ENTRY_POINTS)) {
    const source = program.getSourceFile(ROOT + file);
    const module = source && checker.getSymbolAtLocation(source);
    if (!module) throw new Error(`${file} is not a module`);
    for (const exported of checker.getExportsOfModule(module)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const documented = symbol.getDocumentationComment(checker).length > 0 || symbol.getJsDocTags(checker).length > 0;
      if (!documented) (missing[subpath] ??= []).push(exported.getName());
    }
  }
  return missing;
}

/** Packages the toolkit (everything but `./bank`) may load: the host's Nest and the stores' drivers. */
const TOOLKIT_PACKAGES = ['@nestjs/common', '@nestjs/core', '@nestjs/cqrs', 'better-sqlite3', 'lru-cache', 'pg', 'uuid'];

/** The packages the code reachable from `file` loads at run time (type-only imports left out). */
function packagesLoadedFrom(file: string): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = (path: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    const source = ts.createSourceFile(path, ts.sys.readFile(path) ?? '', ts.ScriptTarget.ES2022);
    for (const statement of source.statements) {
      let specifier: ts.Expression | undefined;
      if (ts.isImportDeclaration(statement)) {
        const clause = statement.importClause;
        const typeOnly =
          clause?.isTypeOnly ||
          (clause && !clause.name && clause.namedBindings && ts.isNamedImports(clause.namedBindings) && clause.namedBindings.elements.every((e) => e.isTypeOnly));
        if (!typeOnly) specifier = statement.moduleSpecifier;
      } else if (ts.isExportDeclaration(statement) && !statement.isTypeOnly) {
        specifier = statement.moduleSpecifier;
      }
      if (!specifier || !ts.isStringLiteral(specifier)) continue;
      const name = specifier.text;
      if (name.startsWith('.')) visit(new URL(name.replace(/\.js$/, '.ts'), `file://${path}`).pathname);
      else if (!name.startsWith('node:')) packages.add(name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : name.split('/')[0]);
    }
  };
  visit(ROOT + file);
  return packages;
}

describe('the public API', () => {
  it.each(['.', './eventstore', './eventsourcing', './projections', './testing'])('%s loads only Nest and the store drivers (not the bank\'s HTTP stack)', (subpath) => {
    const outside = [...packagesLoadedFrom(ENTRY_POINTS[subpath])].filter((name) => !TOOLKIT_PACKAGES.includes(name));
    expect(outside).toEqual([]);
  });

  it('documents every symbol each entry point exports (JSDoc)', () => {
    expect(undocumentedExports()).toEqual({});
  }, 60_000);
});
