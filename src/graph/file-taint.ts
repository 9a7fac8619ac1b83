import type { ImportBinding, ModuleFacts } from '../symbols/module-facts-types.js';
import { moduleOwner } from '../symbols/module-facts-types.js';

/** Names that stand for "every export of the module changed". */
export const wholeModuleNames = new Set(['*', 'export=']);

/** A changed export of `target`, arriving at one importing file. */
export interface IncomingChange {
  target: string;
  symbol: string;
  isTypeOnly: boolean;
  isRemoved: boolean;
}

/** What the change does to one importing file. */
export interface FileImpact {
  /** Exports of the file that now carry the change, with whether they do so only in types. */
  exports: Map<string, { isTypeOnly: boolean; isRemoved: boolean }>;
  /** The file uses the change at all (possibly only internally). */
  isUsed: boolean;
  isTypeOnly: boolean;
  /** The file uses the symbol by name and the symbol no longer exists. */
  isBroken: boolean;
}

/**
 * Decides, for one importing file and one incoming changed symbol, which of the file's own
 * declarations and exports are reached. Taint flows from import bindings through the
 * declarations that reference them (within the file) to the exports that expose them.
 */
export function computeFileImpact(facts: ModuleFacts, targets: Map<string, string>, change: IncomingChange): FileImpact {
  const tainted = new Map<string, boolean>(); // local name -> isTypeOnly
  const impact: FileImpact = { exports: new Map(), isUsed: false, isTypeOnly: true, isBroken: false };
  const fromTarget = (specifier: string): boolean => targets.get(specifier) === change.target;
  const isWhole = wholeModuleNames.has(change.symbol);

  if (change.symbol === moduleOwner) {
    // Files that load the target run its changed top-level code; the walk stops there.
    const loadsTarget =
      facts.imports.some((binding) => fromTarget(binding.specifier) && !binding.isTypeOnly) ||
      facts.reExports.some((reExport) => fromTarget(reExport.specifier) && !reExport.isTypeOnly) ||
      facts.moduleUses.some((use) => fromTarget(use.specifier) && !use.isTypeOnly);
    if (loadsTarget) markTainted(tainted, moduleOwner, change.isTypeOnly);
  }

  const namespaceLocals = new Map<string, boolean>(); // local -> isTypeOnly
  for (const binding of facts.imports) {
    if (!fromTarget(binding.specifier) || change.symbol === moduleOwner) continue;
    if (binding.imported === '*' && !isWhole && !isExportEqualsImport(binding, change.symbol)) {
      namespaceLocals.set(binding.local, change.isTypeOnly || binding.isTypeOnly);
    } else if (isWhole || binding.imported === change.symbol || (binding.imported === 'default' && change.symbol === 'export=')) {
      markTainted(tainted, binding.local, change.isTypeOnly || binding.isTypeOnly);
      if (change.isRemoved && binding.imported === change.symbol) impact.isBroken = true;
    }
  }

  for (const use of facts.moduleUses) {
    if (!fromTarget(use.specifier) || use.kind === 'side-effect' || change.symbol === moduleOwner) continue;
    if (use.member === null || isWhole || use.member === change.symbol) {
      markTainted(tainted, use.owner, change.isTypeOnly || use.isTypeOnly);
      if (change.isRemoved && use.member === change.symbol) impact.isBroken = true;
    }
  }

  for (const reExport of facts.reExports) {
    if (!fromTarget(reExport.specifier) || change.symbol === moduleOwner) continue;
    const exported = reExportedName(reExport.imported, reExport.exported, change.symbol, facts);
    if (exported === null) continue;
    const isTypeOnly = change.isTypeOnly || reExport.isTypeOnly;
    // `export * as ns` still exists without the member; `export *` and named re-exports lose it.
    const isRemoved = change.isRemoved && (reExport.imported !== '*' || reExport.exported === '*');
    if (change.isRemoved && reExport.imported === change.symbol) impact.isBroken = true;
    addExport(impact, exported, isTypeOnly, isRemoved);
  }

  propagateWithinFile(facts, tainted, namespaceLocals, change);
  if (change.isRemoved && usesNamespaceMember(facts, namespaceLocals, change.symbol)) impact.isBroken = true;

  for (const [exported, local] of facts.exports) {
    const isTypeOnly = tainted.get(local);
    if (isTypeOnly === undefined) continue;
    const binding = facts.imports.find((candidate) => candidate.local === local);
    const forwardsRemoved = change.isRemoved && binding !== undefined && binding.imported === change.symbol;
    addExport(impact, exported, isTypeOnly, forwardsRemoved);
  }
  // Top-level code that uses the change makes this file affected, but its own importers
  // only load it; they are reached through its exports, not through `(module)`.

  impact.isUsed = tainted.size > 0 || impact.exports.size > 0;
  impact.isTypeOnly = [...tainted.values(), ...[...impact.exports.values()].map((entry) => entry.isTypeOnly)].every(Boolean);
  return impact;
}

/** Which export of this file a re-export makes the changed symbol into, if any. */
function reExportedName(imported: string, exported: string, symbol: string, facts: ModuleFacts): string | null {
  if (exported === '*') {
    // `export *` never forwards `default`, and a local export of the same name wins.
    if (symbol === 'default' || facts.exports.has(symbol)) return null;
    return symbol === 'export=' ? '*' : symbol;
  }
  if (imported === '*') return exported;
  if (imported === symbol || wholeModuleNames.has(symbol)) return exported;
  return null;
}

function isExportEqualsImport(binding: ImportBinding, symbol: string): boolean {
  return binding.imported === '*' && symbol === 'export=';
}

/** Fixpoint over the file's declarations: a declaration that references a tainted name is tainted. */
function propagateWithinFile(facts: ModuleFacts, tainted: Map<string, boolean>, namespaceLocals: Map<string, boolean>, change: IncomingChange): void {
  let grew = true;
  while (grew) {
    grew = false;
    for (const local of facts.locals.values()) {
      const current = tainted.get(local.name);
      if (current === false) continue;
      for (const reference of local.references) {
        const source = referencedTaint(reference.name, reference.member, tainted, namespaceLocals, change);
        if (source === undefined) continue;
        const isTypeOnly = source || reference.isTypePosition || local.isTypeOnly || change.isTypeOnly;
        if (current === undefined || (current && !isTypeOnly)) {
          tainted.set(local.name, isTypeOnly);
          grew = true;
          if (!isTypeOnly) break;
        }
      }
    }
  }
}

/** Taint (isTypeOnly) of a referenced name, honouring `ns.member` for namespace imports. */
function referencedTaint(name: string, member: string | null, tainted: Map<string, boolean>, namespaceLocals: Map<string, boolean>, change: IncomingChange): boolean | undefined {
  const namespaceTypeOnly = namespaceLocals.get(name);
  if (namespaceTypeOnly !== undefined) {
    return member === null || member === change.symbol ? namespaceTypeOnly : undefined;
  }
  return tainted.get(name);
}

function usesNamespaceMember(facts: ModuleFacts, namespaceLocals: Map<string, boolean>, symbol: string): boolean {
  for (const local of facts.locals.values()) {
    if (local.references.some((reference) => namespaceLocals.has(reference.name) && reference.member === symbol)) return true;
  }
  return false;
}

function markTainted(tainted: Map<string, boolean>, name: string, isTypeOnly: boolean): void {
  const current = tainted.get(name);
  if (current === undefined || (current && !isTypeOnly)) tainted.set(name, isTypeOnly);
}

function addExport(impact: FileImpact, name: string, isTypeOnly: boolean, isRemoved: boolean): void {
  const current = impact.exports.get(name);
  if (current === undefined) impact.exports.set(name, { isTypeOnly, isRemoved });
  else impact.exports.set(name, { isTypeOnly: current.isTypeOnly && isTypeOnly, isRemoved: current.isRemoved || isRemoved });
}
