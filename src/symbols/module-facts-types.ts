import type { SymbolKind } from '../shared/types.js';

/** Owner name for top-level code that is not a declaration (side effects on import). */
export const moduleOwner = '(module)';

/** Local name of the object assigned by `module.exports = {...}` (the file's default export). */
export const commonJsObject = 'module.exports';

/**
 * Local name of a property of that object (`module.exports = { a }` -> `module.exports{a}`):
 * an export of its own for `require('x').a`, and a member of the object when changes are counted.
 */
export function objectMemberLocal(name: string): string {
  return `${commonJsObject}{${name}}`;
}

export function isObjectMemberLocal(local: string): boolean {
  return local.startsWith(`${commonJsObject}{`);
}

/** A name this file binds to something another module exports. */
export interface ImportBinding {
  /** Local name in this file. */
  local: string;
  /** Name exported by the target: an export name, `default`, or `*` (namespace, `require`, `import =`). */
  imported: string;
  specifier: string;
  isTypeOnly: boolean;
  /** Bound by `require()` or `import x = require()` rather than an import declaration. */
  isRequire: boolean;
}

/** `export ... from 'x'`: forwards another module's export without a local binding. */
export interface ReExport {
  specifier: string;
  /** Name in the source module: an export name, `default`, or `*`. */
  imported: string;
  /** Name in this module, or `*` for `export * from`. */
  exported: string;
  isTypeOnly: boolean;
}

/** A use of a module that binds no name: side-effect imports, `import()`, `require()` in place, `import('x').T` types. */
export interface ModuleUse {
  specifier: string;
  /** The top-level declaration (or `(module)`) the use sits in. */
  owner: string;
  kind: 'side-effect' | 'dynamic-import' | 'require' | 'import-type';
  /** The member accessed right away (`require('x').foo`, `import('x').Foo`), if any. */
  member: string | null;
  isTypeOnly: boolean;
}

/** An identifier a declaration refers to, with the names read off it (`ns.member`, `Ns.Type`). */
export interface Reference {
  name: string;
  /**
   * The member names read off it, in order: `z.core.util.x` gives ['core', 'util', 'x'], so a
   * change of `core.util.toZod` can tell that use from `core.util.other`; [] for a bare use.
   */
  members: string[];
  isTypePosition: boolean;
}

/** A top-level declaration (or the file's top-level code, under `(module)`). */
export interface LocalDeclaration {
  name: string;
  kind: SymbolKind;
  /** Interfaces and type aliases: changes to them never reach runtime. */
  isTypeOnly: boolean;
  references: Reference[];
  /** Whitespace- and comment-insensitive text of the declaration, when asked for. */
  fingerprint: string;
  /** 1-based line where the (first) declaration starts. */
  line: number;
}

/** Everything the graph and symbol stages need to know about one file, as plain data. */
export interface ModuleFacts {
  path: string;
  imports: ImportBinding[];
  reExports: ReExport[];
  moduleUses: ModuleUse[];
  /** Export name -> local name (a declaration, or an import binding re-exported by name). */
  exports: Map<string, string>;
  locals: Map<string, LocalDeclaration>;
  /** `import(expr)` / `require(expr)` whose target cannot be known statically. */
  dynamicSpecifiers: { expression: string; owner: string }[];
  /** Syntax errors, as "line:col message". */
  parseErrors: string[];
  /**
   * [specifier, 1-based line] of the first top-level statement that uses each specifier
   * (import, re-export, require): where an annotation about a broken import points.
   */
  specifierLines: [string, number][];
  /**
   * [target, fingerprint] of each top-level module augmentation (`declare module 'x' {}`, target
   * 'x') and `declare global {}` (target 'global'), in order; only with fingerprints (changed files).
   */
  augmentations: [string, string][];
}
