import type * as Oxc from 'oxc-parser';

/**
 * Specifiers a file certainly imports, from oxc-parser's module record: a native parser, about
 * as cheap per file as our token scan, where TypeScript's parser costs a few milliseconds per
 * file in a cold process. Used only to confirm an unresolved import (module-graph.ts): a
 * specifier in this set is one TypeScript's facts list as well, so the answer is the same.
 *
 * Undefined (TypeScript decides) when oxc reports any syntax error, so that parse errors are
 * always TypeScript's, or when the native parser cannot be loaded on this platform. Left out of
 * the set on purpose, so that TypeScript decides for them: `import {} from 'x'` (an empty
 * import clause is no binding in the facts, unlike `import 'x'`), `require`, `import x =
 * require()`, `declare module` and `import()` of anything but a plain quoted string.
 * scripts/check-module-record.js compares the set with TypeScript's on real trees.
 */
export type ModuleRecordReader = (path: string, text: string) => ReadonlySet<string> | undefined;

/** The text of `import 'x'` before the specifier. */
export const sideEffectOnly = /^import\s*$/;

/** A quoted string without escapes: its text is its value. */
const plainString = /^(['"])[^'"\\\n\r]*\1$/;

/** A file's module record, or undefined when oxc reports a syntax error or cannot parse it. */
export type ModuleRecordParser = (path: string, text: string) => Oxc.EcmaScriptModule | undefined;

let loaded: Promise<ModuleRecordParser | undefined> | undefined;

/** The parser, or undefined when oxc-parser has no native binding on this platform. */
export function loadModuleRecordParser(): Promise<ModuleRecordParser | undefined> {
  loaded ??= import('oxc-parser').then(
    (oxc) => (path: string, text: string) => {
      try {
        const result = oxc.parseSync(path, text);
        return result.errors.length > 0 ? undefined : result.module;
      } catch {
        return undefined;
      }
    },
    () => undefined,
  );
  return loaded;
}

/** The reader, or undefined when oxc-parser has no native binding here (TypeScript then confirms every file). */
export async function loadModuleRecordReader(): Promise<ModuleRecordReader | undefined> {
  const parse = await loadModuleRecordParser();
  return parse === undefined ? undefined : readerOf(parse);
}

function readerOf(parse: ModuleRecordParser): ModuleRecordReader {
  return (path, text) => {
    const record = parse(path, text);
    if (record === undefined) return undefined;
    const specifiers = new Set<string>();
    for (const imported of record.staticImports) {
      // No bindings: `import 'x'` is in the facts, `import {} from 'x'` is not.
      if (imported.entries.length > 0 || sideEffectOnly.test(text.slice(imported.start, imported.moduleRequest.start))) specifiers.add(imported.moduleRequest.value);
    }
    for (const exported of record.staticExports) {
      for (const entry of exported.entries) if (entry.moduleRequest !== null) specifiers.add(entry.moduleRequest.value);
    }
    for (const dynamic of record.dynamicImports) {
      const written = text.slice(dynamic.moduleRequest.start, dynamic.moduleRequest.end);
      if (plainString.test(written)) specifiers.add(written.slice(1, -1));
    }
    return specifiers;
  };
}
