import { compareStrings } from '../shared/compare.js';
import type { EntryPoint } from '../graph/entry-points.js';
import type { ExportFlow } from '../graph/importers.js';
import type { ApiChange, ApiImpact, SymbolChange } from '../shared/types.js';

const impactOf: Record<SymbolChange, ApiImpact> = { removed: 'breaking', signature: 'breaking', added: 'additive', body: 'internal' };

/**
 * The change as a package's users see it: every export of an entry point that the change
 * reaches, classified like a semver hint. A removed export (or a rename: the old name is
 * removed) is breaking; a changed signature is breaking unless the type checker showed that
 * every consumer of the old declaration still compiles (an optional parameter added, a
 * parameter widened, an optional property added, a new overload: additive); a new export is
 * additive; an implementation change is internal.
 */
export function classifyPublicApi(entryPoints: EntryPoint[], flows: ExportFlow[]): ApiChange[] {
  const flowsByFile = new Map<string, ExportFlow[]>();
  for (const flow of flows) flowsByFile.set(flow.file, [...(flowsByFile.get(flow.file) ?? []), flow]);
  const changes: ApiChange[] = [];
  // Each export once per package entry, however many paths reach it.
  const seen = new Set<string>();
  for (const entry of entryPoints) {
    for (const flow of flowsByFile.get(entry.file) ?? []) {
      // `(module)` is top-level code, not an export; `*` is a changed star re-export, whose names are listed on their own.
      if (flow.name === '(module)' || flow.name === '*') continue;
      // `core.util.toZod`: the export `core` is not new; a member inside it is.
      const name = flow.member === null ? flow.name : `${flow.name}.${flow.member}`;
      const key = `${entry.package}\0${entry.subpath}\0${name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const impact = flow.change === 'signature' && flow.isAdditive ? 'additive' : impactOf[flow.change];
      changes.push({ package: entry.package, entry: entry.file, subpath: entry.subpath, name, change: flow.change, impact, origin: flow.origin });
    }
  }
  return changes.sort((a, b) => compareStrings(a.package, b.package) || compareStrings(a.subpath, b.subpath) || compareStrings(a.name, b.name));
}
