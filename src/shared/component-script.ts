const scriptBlocks = /<script\b[^>]*>([\s\S]*?)<\/script\s*>/gi;
/** Astro's component script: a `---` fence on the first line, up to the next one. */
const astroFrontmatter = /^\s*---\r?\n([\s\S]*?)\r?\n---/;
/** A Markdown fenced code block (``` or ~~~, three or more, the same run closing it). */
const fencedCode = /^ {0,3}(`{3,}|~{3,})[^\n]*\n[\s\S]*?^ {0,3}\1[`~]*[ \t]*$/gm;
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
    // An `import` shown in a fenced code block is documentation, not the page's own import.
    for (const match of text.replace(fencedCode, '').matchAll(mdxStatements)) parts.push(match[0]);
    return parts.join('\n');
  }
  if (path.endsWith('.astro')) {
    const frontmatter = astroFrontmatter.exec(text);
    if (frontmatter?.[1] !== undefined) parts.push(frontmatter[1]);
  }
  for (const match of text.matchAll(scriptBlocks)) if (match[1] !== undefined) parts.push(match[1]);
  return parts.join('\n');
}
