import type { ImportBinding, ModuleFacts, ModuleUse, Reference, ReExport } from '../symbols/module-facts-types.js';
import { moduleOwner } from '../symbols/module-facts-types.js';

/** Names that stand for "every export of the module changed". */
export const wholeModuleNames = new Set(['*', 'export=']);

/** A changed export of `target`, arriving at one importing file. */
export interface IncomingChange {
  target: string;
  symbol: string;
  /**
   * Set when `symbol` is a namespace object (`import * as z; export { z }`, `export * as z`)
   * and only its member `member` changed: users of other members are not affected. A dotted
   * path (`core.util.toZod`) says which member of that member, and so on.
   */
  member: string | null;
  isTypeOnly: boolean;
  isRemoved: boolean;
  /**
   * Only the implementation changed (its type did not): uses in type positions (`import type`,
   * annotations, `typeof x`) see nothing new and are not affected.
   */
  isBodyOnly: boolean;
}

/** How an export of the importing file carries the change on. */
export interface ExportImpact {
  isTypeOnly: boolean;
  /** The export is gone, or with `member` set, that member of it is. */
  isRemoved: boolean;
  /** Only this member of the (namespace-valued) export changed; null: the export itself. */
  member: string | null;
  /**
   * The export hands on the changed symbol itself (a re-export, `import { x }; export { x }`,
   * a namespace object), rather than a declaration of the file that uses it.
   */
  isForward: boolean;
}

/** What the change does to one importing file. */
export interface FileImpact {
  /** Exports of the file that now carry the change. */
  readonly exports: ReadonlyMap<string, ExportImpact>;
  /** The file uses the change at all (possibly only internally). */
  isUsed: boolean;
  isTypeOnly: boolean;
  /** The file uses the symbol by name and the symbol no longer exists. */
  isBroken: boolean;
}

/** A local bound to a namespace-like value of which only the member at `path` changed (`['core', 'util', 'toZod']`). */
interface ScopedLocal {
  isTypeOnly: boolean;
  path: string[];
}

/** The answer for a file that does not use the change: shared, as most answers of a big walk are this one. */
const notUsed: Readonly<FileImpact> = Object.freeze({ exports: new Map<string, ExportImpact>(), isUsed: false, isTypeOnly: true, isBroken: false });

/** A FileImpact being worked out. */
interface ImpactInProgress extends FileImpact {
  readonly exports: Map<string, ExportImpact>;
}

/**
 * Decides, for one importing file and one incoming changed symbol, which of the file's own
 * declarations and exports are reached. Taint flows from import bindings through the
 * declarations that reference them (within the file) to the exports that expose them.
 *
 * `referencesKnown` false: the facts hold no references (import-only facts of a file without
 * exports, import-only-facts.ts). The answer then depends on the bindings alone, unless the
 * change is body-only or reaches a namespace-like local (`scoped`): the caller must never ask
 * so (findImporters gives such files full facts), and this throws rather than answer wrongly.
 */
export function computeFileImpact(facts: ModuleFacts, targets: Map<string, string>, change: IncomingChange, referencesKnown = true): Readonly<FileImpact> {
  const from = bindingsFrom(facts, targets, change.target);
  // Most calls of a big walk (19 in 20 on a 1,600-file radius) are files that bind nothing the
  // change reaches: answered without building the maps below.
  if (!from.mayBindAny && !from.names.has(change.symbol) && !wholeModuleNames.has(change.symbol) && change.symbol !== moduleOwner) return notUsed;
  const tainted = new Map<string, boolean>(); // local name -> isTypeOnly
  const scoped = new Map<string, ScopedLocal>(); // namespace-like locals, used member by member
  const impact: ImpactInProgress = { exports: new Map(), isUsed: false, isTypeOnly: true, isBroken: false };
  const isWhole = wholeModuleNames.has(change.symbol) && change.member === null;
  const brokenBindings: string[] = [];

  if (change.symbol === moduleOwner) {
    // Files that load the target run its changed top-level code; the walk stops there.
    const loadsTarget = from.imports.some((binding) => !binding.isTypeOnly) || from.reExports.some((reExport) => !reExport.isTypeOnly) || from.moduleUses.some((use) => !use.isTypeOnly);
    if (loadsTarget) markTainted(tainted, moduleOwner, change.isTypeOnly);
    return finish(impact, tainted);
  }

  const holders = change.isBodyOnly ? moduleHoldingNamespaces(facts, from.imports) : noHolders;
  for (const binding of from.imports) {
    const holdsModule = holders.has(binding.local);
    if (change.isBodyOnly && binding.isTypeOnly && !holdsModule) continue;
    const isTypeOnly = change.isTypeOnly || (binding.isTypeOnly && !holdsModule);
    if (binding.imported === '*' && !isWhole && change.symbol !== 'export=') {
      // `import * as ns`: only `ns.<symbol>` (or a bare `ns`) uses the change.
      scoped.set(binding.local, { isTypeOnly, path: [change.symbol, ...splitMembers(change.member)] });
    } else if (binding.imported === change.symbol && change.member !== null) {
      scoped.set(binding.local, { isTypeOnly, path: splitMembers(change.member) });
    } else if (isWhole || binding.imported === change.symbol || (binding.imported === 'default' && change.symbol === 'export=')) {
      markTainted(tainted, binding.local, isTypeOnly);
      // Every export of the module gone (`*` of a deleted file or component): any name bound from it is broken.
      if (change.isRemoved && (change.symbol === '*' || binding.imported === change.symbol)) brokenBindings.push(binding.local);
    }
  }

  for (const use of from.moduleUses) {
    if (use.kind === 'side-effect' || (change.isBodyOnly && use.isTypeOnly)) continue;
    if (use.member === null || isWhole || use.member === change.symbol) {
      markTainted(tainted, use.owner, change.isTypeOnly || use.isTypeOnly);
      if (change.isRemoved && (change.symbol === '*' || use.member === change.symbol) && change.member === null) impact.isBroken = true;
    }
  }

  for (const reExport of from.reExports) {
    if (change.isBodyOnly && reExport.isTypeOnly) continue;
    const forwarded = reExportedChange(reExport.imported, reExport.exported, change, facts);
    if (forwarded === null) continue;
    const isTypeOnly = change.isTypeOnly || reExport.isTypeOnly;
    // A removal travels on: `export *` and named re-exports lose the name, `export * as ns`
    // loses the member at the forwarded path (ns itself still exists).
    if (change.isRemoved && change.member === null && reExport.imported === change.symbol) impact.isBroken = true;
    addExport(impact, forwarded.name, { isTypeOnly, isRemoved: change.isRemoved, member: forwarded.member, isForward: true });
  }

  // Nothing of the file is bound to the change: its declarations and exports cannot carry it
  // (barrels meet most changes this way, once per symbol that passes through them).
  if (tainted.size === 0 && scoped.size === 0) return finish(impact, tainted);
  // With no exports and no holders or scoped locals, what the declarations refer to changes
  // neither isUsed (the bindings are tainted already) nor isTypeOnly (a declaration is
  // type-only when the binding it refers to is).
  if (!referencesKnown && (change.isBodyOnly || scoped.size > 0 || facts.exports.size > 0)) throw new Error(`internal: ${facts.path} has import-only facts, but this change needs what its declarations refer to`);
  propagateWithinFile(facts, tainted, scoped, change.isBodyOnly, holders);
  // A global typed as the module (`interface Window { Lib: typeof Lib }`) is read by its global
  // name, which no reference records: any runtime declaration of the file may call it.
  const typesGlobal = holders.size > 0 && (facts.locals.get(moduleOwner)?.references.some((reference) => isWholeTypeof(reference, holders)) ?? false);
  if (typesGlobal && tainted.get(moduleOwner) === false) {
    for (const local of facts.locals.values()) if (!local.isTypeOnly) markTainted(tainted, local.name, false);
  }
  if (change.isBodyOnly) dropBindingsUsedAsTypes(facts, tainted, holders);
  // A binding of a removed name breaks the file, unless only its value went and it is read as a type.
  if (brokenBindings.some((local) => tainted.has(local))) impact.isBroken = true;
  if (change.isRemoved && usesScopedMember(facts, scoped)) impact.isBroken = true;

  for (const [exported, local] of facts.exports) {
    const scopedLocal = scoped.get(local);
    if (scopedLocal !== undefined) {
      // `import * as z from './x'; export { z }`: the namespace itself travels on, and with
      // it exactly the changed (or removed) member.
      addExport(impact, exported, { isTypeOnly: scopedLocal.isTypeOnly, isRemoved: change.isRemoved, member: joinMembers(scopedLocal.path), isForward: true });
      continue;
    }
    const isTypeOnly = tainted.get(local);
    if (isTypeOnly === undefined) continue;
    const binding = facts.imports.find((candidate) => candidate.local === local);
    const forwardsRemoved = change.isRemoved && binding !== undefined && binding.imported === change.symbol;
    addExport(impact, exported, { isTypeOnly, isRemoved: forwardsRemoved, member: null, isForward: binding !== undefined });
  }
  return finish(impact, tainted);
}

interface BindingsFrom {
  imports: ImportBinding[];
  moduleUses: ModuleUse[];
  reExports: ReExport[];
  /** The names these bind or read by name: the imported names, the members of module uses. */
  names: ReadonlySet<string>;
  /**
   * Whether some change of a name not in `names` can reach the file: through a re-export, a
   * namespace import, or a module use that is not by member (a whole `require`, `ns` passed on).
   */
  mayBindAny: boolean;
}

const noHolders: ReadonlySet<string> = new Set();

/** The file's bindings, uses and re-exports whose specifier leads to `target`, in file order. */
const bindingsByFile = new WeakMap<Map<string, string>, { facts: ModuleFacts; byTarget: Map<string, BindingsFrom> }>();

/**
 * A walk asks about one importing file once per changed symbol that reaches it (hundreds for a
 * barrel): which of its imports lead to the target is worked out once per (file, target).
 */
function bindingsFrom(facts: ModuleFacts, targets: Map<string, string>, target: string): BindingsFrom {
  let memo = bindingsByFile.get(targets);
  if (memo?.facts !== facts) {
    memo = { facts, byTarget: new Map() };
    bindingsByFile.set(targets, memo);
  }
  const { byTarget } = memo;
  let found = byTarget.get(target);
  if (found === undefined) {
    const isFromTarget = (entry: { specifier: string }): boolean => targets.get(entry.specifier) === target;
    const imports = facts.imports.filter(isFromTarget);
    const moduleUses = facts.moduleUses.filter(isFromTarget);
    const reExports = facts.reExports.filter(isFromTarget);
    const names = new Set<string>();
    for (const binding of imports) names.add(binding.imported);
    for (const use of moduleUses) if (use.member !== null) names.add(use.member);
    const mayBindAny = reExports.length > 0 || imports.some((binding) => binding.imported === '*') || moduleUses.some((use) => use.member === null && use.kind !== 'side-effect');
    found = { imports, moduleUses, reExports, names, mayBindAny };
    byTarget.set(target, found);
  }
  return found;
}

/** Top-level code that uses the change makes the file affected; importers are reached through exports only. */
function finish(impact: ImpactInProgress, tainted: Map<string, boolean>): FileImpact {
  impact.isUsed = tainted.size > 0 || impact.exports.size > 0;
  // Asked once per importer per changed export (hundreds of thousands of times on a big radius): no arrays.
  let isTypeOnly = true;
  for (const value of tainted.values()) isTypeOnly &&= value;
  for (const entry of impact.exports.values()) isTypeOnly &&= entry.isTypeOnly;
  impact.isTypeOnly = isTypeOnly;
  return impact;
}

/**
 * Member paths are cut after `maxMemberDepth` names. A namespace that contains itself
 * (`import * as self from './self'; export { self }`) would otherwise grow its path forever;
 * a shorter path only makes more uses count, never fewer.
 */
const maxMemberDepth = 8;

function joinMembers(path: string[]): string {
  return path.slice(0, maxMemberDepth).join('.');
}

function splitMembers(member: string | null): string[] {
  return member === null ? [] : member.split('.');
}

/** Which export of this file a re-export turns the change into, if any. */
function reExportedChange(imported: string, exported: string, change: IncomingChange, facts: ModuleFacts): { name: string; member: string | null } | null {
  const { symbol } = change;
  if (exported === '*') {
    // `export *` never forwards `default`, and a local export of the same name wins.
    if (symbol === 'default' || facts.exports.has(symbol)) return null;
    return { name: symbol === 'export=' ? '*' : symbol, member: change.member };
  }
  // `export * as ns`: ns is a namespace object of which one member changed.
  if (imported === '*') return { name: exported, member: wholeModuleNames.has(symbol) ? null : joinMembers([symbol, ...splitMembers(change.member)]) };
  if (imported === symbol) return { name: exported, member: change.member };
  if (wholeModuleNames.has(symbol) && change.member === null) return { name: exported, member: null };
  return null;
}

/** Fixpoint over the file's declarations: a declaration that references a tainted name is tainted. */
function propagateWithinFile(facts: ModuleFacts, tainted: Map<string, boolean>, scoped: Map<string, ScopedLocal>, isBodyOnly: boolean, holders: ReadonlySet<string>): void {
  // Names whose type holds the module at runtime: a `typeof ns` namespace, then the interfaces
  // and aliases built on it. A value declared with such a type runs the module's code. Asked for
  // every importer of every changed export: no copy unless there is a holder.
  const valueTypes = holders.size === 0 ? undefined : new Set(holders);
  let grew = true;
  while (grew) {
    grew = false;
    for (const local of facts.locals.values()) {
      const current = tainted.get(local.name);
      if (current === false) continue;
      for (const reference of local.references) {
        const holdsModule = valueTypes !== undefined && reference.isTypePosition && valueTypes.has(reference.name) && (reference.members.length === 0 || !holders.has(reference.name));
        if (isBodyOnly && reference.isTypePosition && !holdsModule) continue;
        const source = referencedTaint(reference, tainted, scoped);
        if (source === undefined) continue;
        const isTypeOnly = holdsModule ? source : source || reference.isTypePosition || local.isTypeOnly;
        if (holdsModule && local.isTypeOnly && !valueTypes.has(local.name)) {
          valueTypes.add(local.name);
          grew = true;
        }
        if (current === undefined || (current && !isTypeOnly)) {
          tainted.set(local.name, isTypeOnly);
          grew = true;
          if (!isTypeOnly) break;
        }
      }
    }
  }
}

/**
 * Namespace imports of the target that a bare `typeof ns` types something with: a script-tag
 * global (`interface Window { Lib: typeof Lib }`), a prop or parameter that is handed the
 * module. Such a value *is* the module at runtime, so a body change runs there even when the
 * import is `import type`. `typeof ns.member` and `ns.Type` stay type uses.
 */
function moduleHoldingNamespaces(facts: ModuleFacts, bindings: ImportBinding[]): ReadonlySet<string> {
  if (!bindings.some((binding) => binding.imported === '*')) return noHolders;
  const namespaces = new Set(bindings.filter((binding) => binding.imported === '*').map((binding) => binding.local));
  const holders = new Set<string>();
  for (const local of facts.locals.values()) {
    for (const reference of local.references) if (isWholeTypeof(reference, namespaces)) holders.add(reference.name);
  }
  return holders;
}

/** `typeof ns` with nothing read off it, for one of `names`: a bare namespace in a type position is only ever that. */
function isWholeTypeof(reference: Reference, names: ReadonlySet<string>): boolean {
  return reference.isTypePosition && reference.members.length === 0 && names.has(reference.name);
}

/**
 * An import of a body-changed symbol that the file reads only in type positions (`typeof f`)
 * sees nothing new: the binding alone does not make the file affected. Passing it on by name
 * (`export { f }`) or reading it as a value does.
 */
function dropBindingsUsedAsTypes(facts: ModuleFacts, tainted: Map<string, boolean>, holders: ReadonlySet<string>): void {
  const exported = new Set(facts.exports.values());
  for (const binding of facts.imports) {
    if (!tainted.has(binding.local) || exported.has(binding.local) || holders.has(binding.local)) continue;
    const isValueUse = [...facts.locals.values()].some((local) => local.references.some((reference) => reference.name === binding.local && !reference.isTypePosition));
    if (!isValueUse) tainted.delete(binding.local);
  }
}

/** Taint (isTypeOnly) of a referenced name; a namespace-like local counts for its changed member or a bare use. */
function referencedTaint(reference: Reference, tainted: Map<string, boolean>, scoped: Map<string, ScopedLocal>): boolean | undefined {
  const scopedLocal = scoped.get(reference.name);
  if (scopedLocal === undefined) return tainted.get(reference.name);
  // `core.util.x` reaches a change of `core.util.toZod` only when x is toZod; `core.util` read
  // whole (passed on, stored) reaches it too.
  const isReached = reference.members.every((name, index) => index >= scopedLocal.path.length || name === scopedLocal.path[index]);
  return isReached ? scopedLocal.isTypeOnly : undefined;
}

/** A use of exactly the removed member (`ns.gone`, `core.util.gone`): certainly broken. */
function usesScopedMember(facts: ModuleFacts, scoped: Map<string, ScopedLocal>): boolean {
  for (const local of facts.locals.values()) {
    for (const reference of local.references) {
      const scopedLocal = scoped.get(reference.name);
      if (scopedLocal === undefined || reference.members.length < scopedLocal.path.length) continue;
      if (scopedLocal.path.every((name, index) => reference.members[index] === name)) return true;
    }
  }
  return false;
}

function markTainted(tainted: Map<string, boolean>, name: string, isTypeOnly: boolean): void {
  const current = tainted.get(name);
  if (current === undefined || (current && !isTypeOnly)) tainted.set(name, isTypeOnly);
}

/** The same export reached twice: value beats type-only, the whole export beats one member. */
function addExport(impact: ImpactInProgress, name: string, next: ExportImpact): void {
  const current = impact.exports.get(name);
  if (current === undefined) {
    impact.exports.set(name, next);
    return;
  }
  const isSameMember = current.member === next.member;
  // Reached through two members, the export counts whole; it is removed only if it itself was.
  const isRemovedWhole = (impact: ExportImpact): boolean => impact.isRemoved && impact.member === null;
  impact.exports.set(name, {
    isTypeOnly: current.isTypeOnly && next.isTypeOnly,
    isRemoved: isSameMember ? current.isRemoved || next.isRemoved : isRemovedWhole(current) || isRemovedWhole(next),
    member: isSameMember ? current.member : null,
    isForward: current.isForward && next.isForward,
  });
}
