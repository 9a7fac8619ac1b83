import { compareStrings } from '../shared/compare.js';
import type { ChangedSymbol, SymbolChange } from '../shared/types.js';
import type { StarEdit } from '../symbols/changed-exports.js';
import type { ModuleGraph } from './module-graph.js';

/** Changed symbols with every expandable `*` replaced by the names its star lines forward. */
export interface ExpandedSymbols {
  changedSymbols: ChangedSymbol[];
  /**
   * `file#name` of symbols whose value-ness changed (`export *` -> `export type *` and back):
   * uses in type positions see nothing new.
   */
  valueOnly: Set<string>;
}

const rank: Record<SymbolChange, number> = { body: 0, added: 1, signature: 2, removed: 3 };

/**
 * An `export *` line is a pass-through of a known set of names. An edited line changes exactly
 * those names, and only the way it changes them: an added line adds names (a name another star
 * line already forwards becomes ambiguous: changed), a removed line removes them (a name
 * another star line still forwards now comes from there: changed), `export *` -> `export type *`
 * makes them type-only (value users are broken, type users see nothing). A name the barrel
 * declares itself wins over star names, as in TypeScript, and is not touched. When a target
 * cannot be read or is not a repository file, the file keeps its `*` (every export changed).
 */
export async function expandStarEdits(graph: ModuleGraph, changedSymbols: ChangedSymbol[], edits: StarEdit[]): Promise<ExpandedSymbols> {
  const valueOnly = new Set<string>();
  const byFile = new Map<string, StarEdit[]>();
  for (const edit of edits) byFile.set(edit.file, [...(byFile.get(edit.file) ?? []), edit]);
  const replaced = new Map<string, ChangedSymbol[]>();
  // `file#name` of names a new star line forwards from where a removed named re-export took them.
  const unchanged = new Set<string>();
  for (const [file, fileEdits] of byFile) {
    const expanded = await expandFile(graph, file, fileEdits, valueOnly, unchanged);
    if (expanded !== null) replaced.set(file, expanded);
  }
  if (replaced.size === 0) return { changedSymbols, valueOnly };
  const result: ChangedSymbol[] = [];
  for (const symbol of changedSymbols) {
    if (symbol.change === 'removed' && unchanged.has(`${symbol.file}#${symbol.name}`)) continue;
    const expansion = replaced.get(symbol.file);
    if (expansion === undefined || symbol.name !== '*') {
      // A name no longer exported by name that a new star line forwards from another module
      // is still there: its source changed, it is not gone (nothing importing it breaks).
      const forwarded = symbol.change === 'removed' ? expansion?.find((entry) => entry.name === symbol.name && entry.change === 'added') : undefined;
      result.push(forwarded === undefined ? symbol : { ...symbol, change: 'signature', reason: `${symbol.reason}, now forwarded by ${forwarded.reason.replace(/ added$/, '')}` });
      continue;
    }
    // A name that also changed on its own (a local export, a named re-export) keeps that entry.
    const own = new Set(changedSymbols.filter((other) => other.file === symbol.file).map((other) => other.name));
    result.push(...expansion.filter((entry) => !own.has(entry.name)));
  }
  return { changedSymbols: result.sort((a, b) => compareStrings(a.file, b.file) || compareStrings(a.name, b.name)), valueOnly };
}

async function expandFile(graph: ModuleGraph, file: string, edits: StarEdit[], valueOnly: Set<string>, unchanged: Set<string>): Promise<ChangedSymbol[] | null> {
  await graph.prepare([file]);
  const facts = graph.nodeOf(file)?.facts;
  if (facts === undefined) return null;
  const declared = new Set([...facts.exports.keys(), ...facts.reExports.filter((entry) => entry.exported !== '*').map((entry) => entry.exported)]);
  const edited = new Set(edits.map((edit) => edit.specifier));
  // Names the unchanged star lines forward, before and after alike.
  const others = new Set<string>();
  for (const entry of facts.reExports) {
    if (entry.exported !== '*' || edited.has(entry.specifier)) continue;
    const names = await starNames(graph, file, entry.specifier, new Set());
    if (names === null) return null;
    for (const name of names.keys()) others.add(name);
  }
  const changes = new Map<string, { change: SymbolChange; reason: string; isValueOnly: boolean }>();
  const record = (name: string, change: SymbolChange, reason: string, isValueOnly: boolean): void => {
    const current = changes.get(name);
    if (current === undefined || rank[change] > rank[current.change]) changes.set(name, { change, reason, isValueOnly: current === undefined ? isValueOnly : current.isValueOnly && isValueOnly });
  };
  const namesOfEdits: Map<string, boolean>[] = [];
  for (const edit of edits) {
    const names = await starNames(graph, file, edit.specifier, new Set());
    if (names === null) return null;
    namesOfEdits.push(names);
  }
  // Another line of the head version forwards it too (an edited one, or an unchanged one).
  const forwardedElsewhere = (name: string, position: number): boolean => others.has(name) || edits.some((other, index) => index !== position && other.after !== null && namesOfEdits[index]?.has(name) === true);
  for (const [position, edit] of edits.entries()) {
    const names = namesOfEdits[position] as Map<string, boolean>;
    const line = `\`export ${edit.after === 'type' || (edit.after === null && edit.before === 'type') ? 'type ' : ''}* from '${edit.specifier}'\``;
    for (const [name, isType] of names) {
      if (declared.has(name)) continue;
      if (edit.carried?.includes(name) === true) {
        // Forwarded from the same module as before, unless another star line forwards the
        // name too: then it is ambiguous, no longer exported, and its removal stands.
        if (!forwardedElsewhere(name, position)) unchanged.add(`${file}#${name}`);
        continue;
      }
      if (edit.before === null) {
        if (others.has(name)) record(name, 'signature', `${line} added: the name is now ambiguous`, false);
        else record(name, 'added', `${line} added`, edit.after === 'type');
      } else if (edit.after === null) {
        if (others.has(name)) record(name, 'signature', `${line} removed: the name now comes from another \`export *\``, false);
        else record(name, 'removed', `${line} removed`, edit.before === 'type');
      } else if (!isType) {
        // value <-> type only: a type (interface, type alias) forwards the same either way.
        record(name, edit.after === 'type' ? 'removed' : 'added', edit.after === 'type' ? `now forwarded as a type only by ${line}` : `now forwarded as a value by ${line}`, true);
      }
    }
  }
  const symbols: ChangedSymbol[] = [];
  for (const [name, entry] of [...changes].sort(([a], [b]) => compareStrings(a, b))) {
    if (entry.isValueOnly) valueOnly.add(`${file}#${name}`);
    symbols.push({ file, name, kind: 're-export', change: entry.change, reason: entry.reason, line: null });
  }
  return symbols;
}

/**
 * Names `export * from specifier` forwards from `importer`, each with whether it is only a type
 * (interface or type alias declared in the module that exports it); null when the target or a
 * star behind it is not a readable repository file. `default` is never forwarded.
 */
async function starNames(graph: ModuleGraph, importer: string, specifier: string, seen: Set<string>): Promise<Map<string, boolean> | null> {
  const target = graph.resolveFrom(importer, specifier);
  if (target === undefined) return null;
  if (seen.has(target)) return new Map();
  seen.add(target);
  await graph.prepare([target]);
  const facts = graph.nodeOf(target)?.facts;
  if (facts === undefined || facts.exports.has('export=')) return null;
  const names = new Map<string, boolean>();
  for (const [name, local] of facts.exports) {
    if (name !== 'default') names.set(name, facts.locals.get(local)?.isTypeOnly === true);
  }
  for (const entry of facts.reExports) {
    if (entry.exported !== '*' && entry.exported !== 'default') names.set(entry.exported, entry.isTypeOnly);
  }
  for (const entry of facts.reExports) {
    if (entry.exported !== '*') continue;
    const inner = await starNames(graph, target, entry.specifier, seen);
    if (inner === null) return null;
    for (const [name, isType] of inner) if (!names.has(name)) names.set(name, isType || entry.isTypeOnly);
  }
  return names;
}
