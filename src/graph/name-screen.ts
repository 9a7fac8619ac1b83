import { wholeModuleNames } from './file-taint.js';
import { moduleOwner } from '../symbols/module-facts-types.js';

/**
 * Syntax that can reach an export of another module without naming it: `import * as ns` (then
 * `ns` passed on whole), `export *` / `export * as ns`, `require(...)`, `import(...)` and
 * `import('x')` types, a keyword followed by a comment (`import /* c *\/ * as ns`), and `\u`
 * escapes (an identifier may spell a name with them).
 */
const wholeModuleSyntax = /\b(?:import|export)(?:\s+type)?\s*\*|\brequire\b|\bimport\s*\(|\b(?:import|export)\s*\/[*/]|\\u/;

/**
 * Whether a file whose text is `text` may use the export `name` of a module it imports, decided
 * from the text alone, before any parse. A file that uses an export by name (an import, a
 * re-export, `ns.name`, `import('x').name`, a destructured `require`) has the name in its text;
 * one that reaches it without the name does so only through the syntax listed above, or through
 * `default` (bound under any local name) and the names that stand for the whole module. Only a
 * file for which this is true needs its full facts for that export: the others cannot be
 * affected by it, so the walk skips them unparsed. It may say true wrongly (a name in a comment),
 * never false wrongly.
 */
export class NameScreen {
  /** Per file text: whether it has whole-module syntax (computed once, the names differ per call). */
  private readonly wholeUse = new Map<string, boolean>();

  mayUse(path: string, text: string, name: string): boolean {
    if (name === 'default' || name === moduleOwner || wholeModuleNames.has(name)) return true;
    let whole = this.wholeUse.get(path);
    if (whole === undefined) {
      whole = wholeModuleSyntax.test(text);
      this.wholeUse.set(path, whole);
    }
    return whole || text.includes(name);
  }
}
