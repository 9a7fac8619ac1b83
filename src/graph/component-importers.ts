import { posix } from 'node:path';
import { isComponentFile, isVendoredPath } from '../shared/source-files.js';
import type { Unknown } from '../shared/types.js';
import { listImportedFiles } from './import-tokens.js';
import { NameScreen } from './name-screen.js';
import type { RepoFiles } from './repo-files.js';
import type { ModuleResolver } from './resolve-module.js';

const scriptBlocks = /<script\b[^>]*>([\s\S]*?)<\/script\s*>/gi;
/** Astro's component script: a `---` fence on the first line, up to the next one. */
const astroFrontmatter = /^\s*---\r?\n([\s\S]*?)\r?\n---/;
/** MDX's ESM: `import`/`export` at the start of a line, up to the next blank line. */
const mdxStatements = /^(?:import|export)\b[\s\S]*?(?=\r?\n\s*\r?\n|$(?![\s\S]))/gm;

/**
 * The code of a component that can import modules: its `<script>` blocks (Svelte, Vue, Astro's
 * client scripts), Astro's frontmatter, MDX's `import`/`export` statements; joined by newlines.
 * Markup expressions (`{format(date)}`) use names those scripts import, so the scripts are
 * where every import is.
 */
export function componentScript(path: string, text: string): string {
  const parts: string[] = [];
  if (path.endsWith('.mdx')) {
    for (const match of text.matchAll(mdxStatements)) parts.push(match[0]);
    return parts.join('\n');
  }
  if (path.endsWith('.astro')) {
    const frontmatter = astroFrontmatter.exec(text);
    if (frontmatter?.[1] !== undefined) parts.push(frontmatter[1]);
  }
  for (const match of text.matchAll(scriptBlocks)) if (match[1] !== undefined) parts.push(match[1]);
  return parts.join('\n');
}

/**
 * Unknowns for the components that import a module this change reaches: `reached` maps each
 * changed or affected module to the names that carry the change there (its changed exports, the
 * exports the walk found tainted). A component counts when its script imports such a module
 * (resolved like any import of the tree) and may use one of those names: it names it, imports
 * the module whole, or takes its default export (NameScreen, which may say yes wrongly, never
 * no). Which of its own exports, and which components that import it, the change then reaches
 * is not known: an `unparsed-importer` unknown, counted against the verdict, never a silent
 * pass. A specifier that resolves to no file is an `unresolved-import`, as in a source file,
 * so its relevance to the change is decided the same way.
 */
export async function findComponentImporters(files: RepoFiles, paths: readonly string[], resolver: ModuleResolver, reached: ReadonlyMap<string, ReadonlySet<string>>): Promise<Unknown[]> {
  const components = paths.filter((path) => isComponentFile(path) && !isVendoredPath(path));
  if (components.length === 0 || reached.size === 0) return [];
  await files.loadTexts(components);
  const screen = new NameScreen();
  const unknowns: Unknown[] = [];
  for (const path of components) {
    const text = files.readText(path);
    if (text === undefined) continue;
    const script = componentScript(path, text);
    if (script.trim() === '') continue;
    // The token scan declines a rare text (`\u{...}` outside literals): then every specifier
    // the text spells out as one, which over-reports and never misses.
    const specifiers = listImportedFiles(script) ?? [...script.matchAll(quotedSpecifier)].map((match) => match[2] as string);
    for (const specifier of new Set(specifiers)) {
      const resolution = resolver.resolve(specifier, path, 'import');
      if (resolution.kind === 'unresolved') {
        unknowns.push({ kind: 'unresolved-import', file: path, specifier, reason: resolution.reason });
        continue;
      }
      if (resolution.kind !== 'file') continue;
      const names = reached.get(resolution.path);
      if (names === undefined) continue;
      const used = [...names].filter((name) => screen.mayUse(path, script, name)).sort();
      if (used.length === 0) continue;
      const shown = used.length > 3 ? `${used.slice(0, 3).map(quote).join(', ')} and ${used.length - 3} more` : used.map(quote).join(', ');
      unknowns.push({
        kind: 'unparsed-importer',
        file: path,
        specifier,
        reason: `may use ${shown} of ${resolution.path}, which this change reaches; ${posix.extname(path)} files are not parsed, so what it does with it, and who imports it, is unknown`,
      });
    }
  }
  return unknowns;
}

const quotedSpecifier = /\b(?:from|import)\s*\(?\s*(['"])([^'"\n]+)\1/g;

function quote(name: string): string {
  return `\`${name}\``;
}
