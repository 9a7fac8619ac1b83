/** File extensions the analyzer parses as TypeScript/JavaScript. */
export const sourceExtensions = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'] as const;

export function isSourceFile(path: string): boolean {
  return sourceExtensions.some((extension) => path.endsWith(extension));
}

/** A declaration file (`.d.ts`, `.d.mts`, `.d.cts`): types only, nothing in it runs. */
export function isDeclarationFile(path: string): boolean {
  return /\.d\.[mc]?ts$/.test(path);
}

/** Files read besides sources: they steer module resolution. */
export function isResolutionConfigFile(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return name === 'package.json' || /[tj]sconfig[^/]*\.json$/.test(name);
}

/**
 * Single-file components and MDX: markup whose script parts import the project's modules.
 * risk parses none of them, so a use of a changed export there would be a silent miss; their
 * imports are read instead (graph/component-importers.ts).
 */
export const componentExtensions = ['.svelte', '.vue', '.astro', '.mdx'] as const;

const componentExtensionSet: ReadonlySet<string> = new Set(componentExtensions);

/** Asked for every path of the tree (52,500 on the synthetic bench): one slice and one lookup. */
export function isComponentFile(path: string): boolean {
  const dot = path.lastIndexOf('.');
  return dot > path.lastIndexOf('/') && componentExtensionSet.has(path.slice(dot));
}

/**
 * Modules a bundler makes of a non-script file, whose content is what importers get: JSON
 * (`resolveJsonModule`) and CSS modules (`styles.title`). risk does not parse them; a change
 * reaches every file that imports one (symbols/component-changes.ts), as a behaviour change:
 * a JSON key that a type is inferred from is not compared (left out, see the README).
 */
export function isDataModuleFile(path: string): boolean {
  // package.json and tsconfig.json are configuration (signals and resolution see their changes):
  // a release's version bump would otherwise reach every file that reads `pkg.version`.
  return /\.json$|\.module\.(?:css|scss|sass|less|styl|pcss)$/.test(path) && !isResolutionConfigFile(path) && !isVendoredPath(path);
}

/** Files whose text a tree snapshot can load: what is analysed, and components for their imports. */
export function isLoadableFile(path: string): boolean {
  return isAnalyzableFile(path) || (isComponentFile(path) && !isVendoredPath(path));
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
