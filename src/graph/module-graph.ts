import { compareStrings } from '../compare.js';
import { isSourceFile } from '../source-files.js';
import { extractModuleFacts } from '../symbols/module-facts.js';
import type { ModuleFacts } from '../symbols/module-facts-types.js';
import type { Unknown } from '../types.js';
import type { RepoFiles } from './repo-files.js';
import type { ImportMode, ModuleResolver, Resolution } from './resolve-module.js';
import { scanImports } from './scan-imports.js';

/** One file, fully analysed: its facts, and where each of its specifiers leads inside the repo. */
export interface GraphNode {
  facts: ModuleFacts;
  /** Specifier -> repo-relative target file, for specifiers that resolve to a repo source file. */
  targets: Map<string, string>;
}

/**
 * The file-level import graph of the head tree, with reverse edges for importer lookup.
 * Full facts are parsed lazily, only for files the blast-radius walk visits.
 */
export interface ModuleGraph {
  /** Target file -> files whose specifiers resolve to it. */
  importers: Map<string, Set<string>>;
  /** Full facts of a file (parsed on first use), or undefined when it is not a readable source file. */
  nodeOf(path: string): GraphNode | undefined;
  /** Unresolved imports and computed import paths across the repository, plus parse errors of visited files. */
  unknowns(): Unknown[];
}

/**
 * Scans every source file of the head tree for its specifiers and resolves them. Specifiers
 * that still point at deleted files resolve to them (see RepoFiles.goneFiles), so such
 * imports are reported as broken rather than unresolved.
 */
export function buildModuleGraph(files: RepoFiles, sourcePaths: string[], resolver: ModuleResolver, unreadable: string[]): ModuleGraph {
  const importers = new Map<string, Set<string>>();
  const resolutions = new Map<string, Map<string, Resolution>>();
  const unknowns: Unknown[] = unreadable.map((file) => ({ kind: 'unreadable-file', file, specifier: null, reason: 'could not read the file' }));
  const nodes = new Map<string, GraphNode | undefined>();

  const analyse = (path: string): GraphNode | undefined => {
    const text = files.readText(path);
    if (text === undefined) return undefined;
    const facts = extractModuleFacts(path, text, { withFingerprints: false });
    const targets = new Map<string, string>();
    const known = resolutions.get(path) ?? new Map<string, Resolution>();
    for (const [specifier, mode] of listSpecifiers(facts)) {
      const resolution = known.get(specifier) ?? resolver.resolve(specifier, path, mode);
      if (resolution.kind === 'file') targets.set(specifier, resolution.path);
    }
    if (facts.parseErrors.length > 0) {
      unknowns.push({ kind: 'parse-error', file: path, specifier: null, reason: `syntax error at ${facts.parseErrors[0]}; uses after it may be missed` });
    }
    return { facts, targets };
  };

  for (const path of sourcePaths) {
    if (!isSourceFile(path)) continue;
    const text = files.readText(path);
    if (text === undefined) continue;
    const scanned = scanImports(text);
    const resolved = new Map<string, Resolution>();
    const unresolved: [string, string][] = [];
    for (const [specifier, mode] of scanned.specifiers) {
      const resolution = resolver.resolve(specifier, path, mode);
      resolved.set(specifier, resolution);
      if (resolution.kind === 'file') addEdge(importers, resolution.path, path);
      else if (resolution.kind === 'unresolved') unresolved.push([specifier, resolution.reason]);
    }
    resolutions.set(path, resolved);
    if (!scanned.mayHaveComputedImport && unresolved.length === 0) continue;
    // Rare: confirm with the parser (the scan also sees specifiers in comments), which also
    // gives the exact computed expressions.
    const node = analyse(path);
    nodes.set(path, node);
    const parsedSpecifiers = node ? listSpecifiers(node.facts) : new Map<string, ImportMode>();
    for (const [specifier, reason] of unresolved) {
      if (node === undefined || parsedSpecifiers.has(specifier)) unknowns.push({ kind: 'unresolved-import', file: path, specifier, reason });
    }
    for (const dynamic of node?.facts.dynamicSpecifiers ?? []) {
      unknowns.push({ kind: 'dynamic-import', file: path, specifier: dynamic.expression, reason: 'import()/require() of a computed path cannot be followed' });
    }
  }

  return {
    importers,
    nodeOf: (path) => {
      if (!nodes.has(path)) nodes.set(path, analyse(path));
      return nodes.get(path);
    },
    unknowns: () => [...unknowns].sort(compareUnknowns),
  };
}

/** Every specifier of a file with the syntax that loads it (conditions differ for require). */
function listSpecifiers(facts: ModuleFacts): Map<string, ImportMode> {
  const specifiers = new Map<string, ImportMode>();
  const add = (specifier: string, mode: ImportMode): void => {
    if (!specifiers.has(specifier)) specifiers.set(specifier, mode);
  };
  for (const binding of facts.imports) add(binding.specifier, binding.isRequire ? 'require' : 'import');
  for (const reExport of facts.reExports) add(reExport.specifier, 'import');
  for (const use of facts.moduleUses) add(use.specifier, use.kind === 'require' ? 'require' : 'import');
  return specifiers;
}

function addEdge(importers: Map<string, Set<string>>, target: string, importer: string): void {
  let set = importers.get(target);
  if (set === undefined) {
    set = new Set();
    importers.set(target, set);
  }
  set.add(importer);
}

export function compareUnknowns(a: Unknown, b: Unknown): number {
  return compareStrings(a.file, b.file) || compareStrings(a.kind, b.kind) || compareStrings(a.specifier ?? '', b.specifier ?? '');
}
