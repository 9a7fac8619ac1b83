import { emptyFacts } from '../symbols/module-facts.js';
import { moduleOwner, type ModuleFacts } from '../symbols/module-facts-types.js';
import { loadModuleRecordParser, sideEffectOnly, type ModuleRecordParser } from './module-record.js';

/**
 * The facts of a file that exports nothing and binds other modules only by static import
 * declarations (test files, scripts, entry points a tool runs), read from oxc-parser's module
 * record instead of TypeScript's parser: about a fifth of the cost, measured alone, and many of
 * the bytes a big radius reaches are such files (on a medusa commit reaching 1,613 files, 233
 * test files held 41% of the text parsed; the run's CPU went down by 3%).
 *
 * What such a file does with a change that reaches it depends on its import bindings alone, not
 * on what its declarations refer to, except for a change of an implementation only (a type
 * position then sees nothing new) or of one member of a namespace-valued export (then only the
 * uses of that member count). computeFileImpact proves it (its `referencesKnown`), and the walk
 * asks for full facts in those two cases (findImporters). Everything else in these facts is what
 * TypeScript's would hold: the same bindings and side-effect imports in the same order, the same
 * lines (test/import-only-facts.test.ts compares them on every fixture file); only the
 * references of declarations are left out, and the facts never enter the facts cache.
 *
 * Undefined (TypeScript's full facts then) for anything else: any `export`, CommonJS (`require`,
 * `exports`, `module.exports`), `declare` (ambient modules import too), `import()` and
 * `import('x')` types, `import x =`, `import defer`/`import source`, namespace imports (their
 * uses are member by member), `\u` escapes (they can spell any of these words), a specifier
 * with an escape, or any syntax error oxc reports (parse errors are always TypeScript's to
 * report). The words are looked for in the whole text, comments and strings too: a file that
 * only mentions one is parsed, never misread. scripts/check-import-only-facts.js compares the
 * facts with TypeScript's on a real tree.
 */
export type ImportOnlyReader = (path: string, text: string) => ModuleFacts | undefined;

// `import defer` and `import source` (phase imports) are left to TypeScript too: parsers differ on them.
const needsFullFacts = /\bexports?\b|\brequire\b|\bmodule\s*[.[]|\bdeclare\b|\bimport\s*(?:\(|\/[*/])|\bimport\s+(?:type\s+)?[\w$]+\s*=|\bimport\s+(?:defer|source)\b|\\u/;

/** The reader, or undefined when oxc-parser has no native binding here (full facts then, as before). */
export async function loadImportOnlyReader(): Promise<ImportOnlyReader | undefined> {
  const parse = await loadModuleRecordParser();
  return parse === undefined ? undefined : (path, text) => readImportOnlyFacts(parse, path, text);
}

function readImportOnlyFacts(parse: ModuleRecordParser, path: string, text: string): ModuleFacts | undefined {
  if (needsFullFacts.test(text)) return undefined;
  const record = parse(path, text);
  if (record === undefined) return undefined;
  const facts = emptyFacts(path);
  const lines = new LineCounter(text);
  const lined = new Set<string>();
  for (const declaration of record.staticImports) {
    const request = declaration.moduleRequest;
    if (text.slice(request.start, request.end).includes('\\')) return undefined;
    const specifier = request.value;
    const before = facts.imports.length + facts.moduleUses.length;
    if (declaration.entries.length === 0) {
      // `import 'x'` runs the module; `import {} from 'x'` binds nothing and is not in the facts.
      if (sideEffectOnly.test(text.slice(declaration.start, request.start))) facts.moduleUses.push({ specifier, owner: moduleOwner, kind: 'side-effect', member: null, isTypeOnly: false });
    }
    for (const entry of declaration.entries) {
      // The kind is a string enum of oxc-parser's, whose values are imported lazily (by type only here).
      const kind: string = entry.importName.kind;
      if (kind === 'NamespaceObject') return undefined;
      const imported = kind === 'Default' ? 'default' : entry.importName.name;
      if (imported === null) return undefined;
      facts.imports.push({ local: entry.localName.value, imported, specifier, isTypeOnly: entry.isType, isRequire: false });
    }
    // The line of the first statement that uses each specifier, as readFacts records it.
    if (facts.imports.length + facts.moduleUses.length > before && !lined.has(specifier)) {
      lined.add(specifier);
      facts.specifierLines.push([specifier, lines.lineAt(declaration.start)]);
    }
  }
  return facts;
}

/**
 * 1-based line numbers of increasing offsets, by TypeScript's rules (computeLineStarts): a line
 * ends at `\r\n`, `\n`, `\r`, U+2028 or U+2029.
 */
class LineCounter {
  private offset = 0;
  private line = 1;

  constructor(private readonly text: string) {}

  lineAt(target: number): number {
    const { text } = this;
    for (; this.offset < target; this.offset++) {
      const code = text.charCodeAt(this.offset);
      if (code === 13) {
        if (text.charCodeAt(this.offset + 1) === 10) this.offset++;
        this.line++;
      } else if (code === 10 || code === 0x2028 || code === 0x2029) this.line++;
    }
    return this.line;
  }
}
