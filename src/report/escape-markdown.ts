/**
 * Escaping for text that comes from the analysed repository (file paths, symbol names,
 * reasons, specifiers): whatever its characters, it must render as plain text in a
 * GitHub comment, never as markup, links, HTML or a broken table.
 */

const htmlEntities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

// Markdown punctuation that can open emphasis, code, links, images, strikethrough, math or a
// table cell anywhere inside a line. `(`, `)` and `!` only matter next to `[` or `]`, which are
// escaped; `#`, `.`, `-`, `+` and digits only at the start of a line, where escaped text is
// never placed.
const markdownPunctuation = /[\\`*_[\]|~$]/g;

/**
 * Makes `text` safe to embed inline in GitHub-flavoured Markdown (also inside table cells
 * and inline HTML such as `<code>`): HTML-significant characters become entities, Markdown
 * punctuation is backslash-escaped, and line breaks and other control characters become
 * spaces so the text cannot end a table row or start a block.
 */
export function escapeMarkdown(text: string): string {
  return flattenControlCharacters(text)
    .replace(/[&<>"]/g, (char) => htmlEntities[char] ?? char)
    .replace(markdownPunctuation, (char) => `\\${char}`);
}

/**
 * Escaped text inside `<code>`: monospace, and GitHub does not turn `@name` or `#123` inside
 * code into mentions or issue links.
 */
export function markdownCode(text: string): string {
  return `<code>${escapeMarkdown(text)}</code>`;
}

const mermaidEntities: Record<string, string> = {
  '"': '#quot;',
  '#': '#35;',
  '%': '#37;',
  '&': '#amp;',
  '<': '#lt;',
  '>': '#gt;',
  '`': '#96;',
  '|': '#124;',
  ';': '#59;',
};

/**
 * Makes `text` safe inside a double-quoted Mermaid label (`n0["..."]`): quotes, `#`, HTML and
 * Markdown-string characters become Mermaid entity codes (`#quot;`), which also keeps a
 * backtick run from closing the surrounding code fence and `%%{...}%%` from becoming a
 * directive; line breaks become spaces.
 */
export function escapeMermaidLabel(text: string): string {
  return flattenControlCharacters(text).replace(/["#%&<>`|;]/g, (char) => mermaidEntities[char] ?? char);
}

/** Control characters (line breaks, tabs, escape ...) as spaces. */
function flattenControlCharacters(text: string): string {
  let flat = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    flat += code < 0x20 || code === 0x7f ? ' ' : char;
  }
  return flat;
}
