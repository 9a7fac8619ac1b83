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
  private readonly files = new Map<string, ScreenedFile>();

  mayUse(path: string, text: string, name: string): boolean {
    if (name === 'default' || name === moduleOwner || wholeModuleNames.has(name)) return true;
    let file = this.files.get(path);
    if (file === undefined) {
      file = { isWhole: wholeModuleSyntax.test(text), checks: 0, words: undefined };
      this.files.set(path, file);
    }
    if (file.isWhole) return true;
    // A file asked about many names (it imports a barrel many changes pass through) is split
    // into its words once, instead of being searched again for each name.
    if (++file.checks > searchesBeforeWords && asciiIdentifier.test(name)) {
      file.words ??= new Set(text.match(asciiWords));
      return file.words.has(name);
    }
    return asciiIdentifier.test(name) ? hasWord(text, name) : text.includes(name);
  }
}

/**
 * Whether `name` occurs in `text` other than inside a longer ASCII identifier (`a` in `import`
 * is not a use of `a`; in `'./a.js'` or next to a non-ASCII letter it counts: never a miss).
 */
function hasWord(text: string, name: string): boolean {
  for (let found = text.indexOf(name); found !== -1; found = text.indexOf(name, found + 1)) {
    if (!isAsciiWordChar(text.charCodeAt(found - 1)) && !isAsciiWordChar(text.charCodeAt(found + name.length))) return true;
  }
  return false;
}

function isAsciiWordChar(code: number): boolean {
  // NaN (before the start, after the end) is no word character.
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 36;
}

interface ScreenedFile {
  isWhole: boolean;
  checks: number;
  words: Set<string> | undefined;
}

const searchesBeforeWords = 8;
const asciiIdentifier = /^[A-Za-z_$][\w$]*$/;
/**
 * Runs of ASCII identifier characters: an ASCII name used in the text is one of them (or a
 * part of a longer non-ASCII identifier, which counts as a use: never a miss).
 */
const asciiWords = /[\w$]+/g;
