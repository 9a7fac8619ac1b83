import { componentScript } from '../shared/component-script.js';
import { isComponentFile, isDataModuleFile } from '../shared/source-files.js';
import type { ChangedFile, ChangedSymbol } from '../shared/types.js';

/**
 * The parts of a component besides its scripts that declare what its users see: opening
 * `<script ...>` tags (`context="module"`, `generic="T"`, `setup`), `<slot ...>` tags (slots and
 * their props), `<svelte:options ...>`, and Svelte's forwarded events (`on:click` without a handler).
 */
const declaringMarkup = /<script\b[^>]*>|<slot\b[^>]*>|<svelte:options\b[^>]*>|\son:[A-Za-z_$][\w$|-]*(?=\s|\/?>)/gi;

/**
 * The changes of a changed component (.svelte, .vue, .astro, .mdx). Its exports (the component
 * itself, and whatever a module script or an MDX page exports) are not compared one by one,
 * so the change counts for every export of the file (`*`): each file that imports anything of
 * it is reached, and the exports it passes that on with. Whether it is a contract change is
 * told by its scripts, where props, events, generics and named exports are declared, and by the
 * few parts of the markup that declare too (slots, forwarded events, `<svelte:options>`): any
 * edit of those is `signature`, an edit of the rest of the markup or of the style `body`.
 *
 * A deleted component (or the old path of a renamed one) removes every export there: whoever
 * still imports it is broken. A new component has no importer to reach yet.
 */
export function findComponentChanges(file: ChangedFile, oldText: string | undefined, newText: string | undefined): ChangedSymbol[] {
  const changes: ChangedSymbol[] = [];
  const wasComponent = file.status !== 'added' && isComponentFile(file.oldPath);
  if (wasComponent && (file.status === 'deleted' || file.status === 'renamed')) {
    const reason = file.status === 'deleted' ? 'component deleted' : 'component renamed away';
    changes.push({ file: file.oldPath, name: '*', kind: 'module', change: 'removed', reason, line: null });
  }
  if (file.status !== 'modified' || !isComponentFile(file.path)) return changes;
  if (oldText === undefined || newText === undefined) {
    changes.push({ file: file.path, name: '*', kind: 'module', change: 'signature', reason: 'component could not be read on both sides', line: null });
    return changes;
  }
  const scriptChanged = scriptsOf(file.oldPath, oldText) !== scriptsOf(file.path, newText);
  const reason = scriptChanged ? 'component script changed (its props and exports are not compared one by one)' : 'component markup or style changed';
  changes.push({ file: file.path, name: '*', kind: 'module', change: scriptChanged ? 'signature' : 'body', reason, line: null });
  return changes;
}

/** The scripts of a component with the markup that declares (see declaringMarkup), whitespace-insensitive. */
function scriptsOf(path: string, text: string): string {
  const declaring = [...text.matchAll(declaringMarkup)].map((match) => match[0].trim());
  return [...declaring, componentScript(path, text)].join('\n').replace(/\s+/g, ' ').trim();
}

/**
 * The change of a JSON module or a CSS module: what its importers read (`data.key`,
 * `styles.title`) is its content, so any edit counts for every export (`*`) and reaches every
 * file that imports it, as a behaviour change. A deleted one breaks whoever still imports it.
 */
export function findDataModuleChanges(file: ChangedFile): ChangedSymbol[] {
  const changes: ChangedSymbol[] = [];
  if (file.status !== 'added' && isDataModuleFile(file.oldPath) && (file.status === 'deleted' || file.status === 'renamed')) {
    changes.push({ file: file.oldPath, name: '*', kind: 'module', change: 'removed', reason: file.status === 'deleted' ? 'data module deleted' : 'data module renamed away', line: null });
  }
  if (file.status === 'modified' && isDataModuleFile(file.path)) {
    const reason = file.path.endsWith('.json') ? 'JSON module changed (importers read its content)' : 'CSS module changed (importers read its class names)';
    changes.push({ file: file.path, name: '*', kind: 'module', change: 'body', reason, line: null });
  }
  return changes;
}
