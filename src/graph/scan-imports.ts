import { loadTypeScript, ts } from '../symbols/typescript.js';
import { listImportedFiles } from './import-tokens.js';
import { moduleGlobInText } from './module-globs.js';
import type { ImportMode } from './resolve-module.js';

export interface ScannedImports {
  /** Every static specifier the file could load, with the syntax that loads it. */
  specifiers: Map<string, ImportMode>;
  /** True when the text may contain `import(expr)` / `require(expr)` with a computed path, or a module glob. */
  mayHaveComputedImport: boolean;
}

// TypeScript's pre-processor (a scanner, no full parse) skips `export * as ns from 'x'`.
const namespaceReExport = /export\s*\*\s*as\s+[\p{L}\p{N}_$]+\s+from\s*(['"])([^'"\n]+)\1/gu;
const computedImport = /(?:^|[^.\w$])(?:import|require)\s*\(\s*(?!['"][^'"\n]*['"]\s*[,)]|`[^`$]*`\s*[,)]|\))/;

/**
 * Lists a file's specifiers without a full parse (a token scan that lists what TypeScript's
 * pre-processor lists, see import-tokens.ts): many times cheaper than the parser, so the
 * whole repository's file graph stays fast, while full symbol facts are computed only for the
 * files the blast radius reaches. It may over-report (a specifier in a comment) but not miss:
 * a test checks it against the full parser's facts.
 */
export function scanImports(text: string): ScannedImports {
  const specifiers = new Map<string, ImportMode>();
  for (const imported of listImportedFiles(text) ?? preProcessedImports(text)) {
    if (!specifiers.has(imported)) specifiers.set(imported, 'import');
  }
  for (const match of text.matchAll(namespaceReExport)) {
    const specifier = match[2];
    if (specifier !== undefined && !specifiers.has(specifier)) specifiers.set(specifier, 'import');
  }
  return { specifiers, mayHaveComputedImport: computedImport.test(text) || moduleGlobInText.test(text) };
}

/** TypeScript's own pre-processor, for the few texts the token scan is not sure about. */
function preProcessedImports(text: string): string[] {
  loadTypeScript();
  return ts.preProcessFile(text, true, true).importedFiles.map((imported) => imported.fileName);
}
