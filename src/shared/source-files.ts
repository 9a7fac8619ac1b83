/** File extensions the analyzer parses as TypeScript/JavaScript. */
export const sourceExtensions = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'] as const;

export function isSourceFile(path: string): boolean {
  return sourceExtensions.some((extension) => path.endsWith(extension));
}

/** Files read besides sources: they steer module resolution. */
export function isResolutionConfigFile(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return name === 'package.json' || /[tj]sconfig[^/]*\.json$/.test(name);
}

/** Everything the analyzer needs the text of. */
export function isAnalyzableFile(path: string): boolean {
  if (isVendoredPath(path)) return false;
  return isSourceFile(path) || isResolutionConfigFile(path);
}

/** Installed or vendored code: package managers' folders, not the project's own source. */
export function isVendoredPath(path: string): boolean {
  // Called for every path of the tree: the regular expression only where it can match.
  return path.includes('node_modules/') || path.startsWith('.yarn/') || path.includes('/.yarn/') || (path.includes('.pnp.') && /(^|\/)\.pnp\.c?js$/.test(path));
}
