/** The package a bare specifier names: `@scope/name` or `name`, without its subpath or a `node:` prefix. */
export function toPackageName(specifier: string): string {
  const parts = specifier.replace(/^node:/, '').split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}
