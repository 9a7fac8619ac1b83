import { posix } from 'node:path';

/**
 * Module globs: Vite's `import.meta.glob('./pages/*.ts')` (also `globEager`) and webpack's
 * `require.context('./pages', true)` load every module a pattern matches, which no specifier
 * names. The facts record such a call as a computed import, its text shortened
 * (collect-references.ts); these read that text back.
 */

/** In a file's text: `import.meta.glob(` (also `globEager`, typed `glob<T>(`) or `require.context(`. */
export const moduleGlobInText = /\bimport\s*\.\s*meta\s*\.\s*glob(?:Eager)?\s*[(<]|(?:^|[^.\w$])require\s*\.\s*context\s*\(/;

/** Which kind of module glob a recorded call expression is, if it is one. */
export function moduleGlobKind(expression: string): 'vite' | 'webpack' | undefined {
  if (/^import\s*\.\s*meta\s*\.\s*glob\w*\b/.test(expression)) return 'vite';
  if (/^require\s*\.\s*context\b/.test(expression)) return 'webpack';
  return undefined;
}

/**
 * The repository paths a module glob's written patterns match: Vite's `import.meta.glob('./a/*.ts')`
 * or `(['/src/b/**', '!**\/*.test.ts'])` (a `/` pattern is from the project root: the repository's
 * and the file's package's are tried; negations are left out, which can only match more),
 * webpack's `require.context('./dir', true)` (everything below the folder). None for a call whose
 * patterns are computed.
 */
export function globPatterns(expression: string, folder: string, packageFolder: string): string[] {
  const kind = moduleGlobKind(expression);
  if (kind === undefined) return [];
  const literals = [...expression.matchAll(/(['"`])((?:(?!\1)[^\\\n])*)\1/g)].map((match) => match[2] ?? '');
  const from = (base: string, path: string): string => posix.normalize(posix.join(base, path)).replace(/^\.\//, '');
  if (kind === 'webpack') {
    const first = literals[0];
    return first === undefined || !first.startsWith('.') ? [] : [`${from(folder, first)}/**`];
  }
  return literals
    .filter((literal) => /^(?:\.{1,2}\/|\/)/.test(literal))
    .flatMap((pattern) => (pattern.startsWith('/') ? [from('', pattern.slice(1)), from(packageFolder, pattern.slice(1))] : [from(folder, pattern)]));
}
