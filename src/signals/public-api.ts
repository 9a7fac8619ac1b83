import { compareStrings } from '../shared/compare.js';
import type { EntryPoint } from '../graph/entry-points.js';
import type { ExportFlow } from '../graph/importers.js';
import type { ApiChange, ApiImpact, SymbolChange } from '../shared/types.js';

const impactOf: Record<SymbolChange, ApiImpact> = { removed: 'breaking', signature: 'breaking', added: 'additive', body: 'internal' };

/**
 * The change as a package's users see it: every export of an entry point that the change
 * reaches, classified like a semver hint. A removed export (or a rename: the old name is
 * removed) and a changed signature anywhere behind the export are breaking; a new export is
 * additive; an implementation change is internal. Conservative on purpose: a signature change
 * of a type used only inside a function's body still marks the re-exported function breaking.
 */
export function classifyPublicApi(entryPoints: EntryPoint[], flows: ExportFlow[]): ApiChange[] {
  const flowsByFile = new Map<string, ExportFlow[]>();
  for (const flow of flows) flowsByFile.set(flow.file, [...(flowsByFile.get(flow.file) ?? []), flow]);
  const changes: ApiChange[] = [];
  for (const entry of entryPoints) {
    for (const flow of flowsByFile.get(entry.file) ?? []) {
      // `(module)` is top-level code, not an export; `*` is a changed star re-export, whose names are listed on their own.
      if (flow.name === '(module)' || flow.name === '*') continue;
      // `core.util.toZod`: the export `core` is not new; a member inside it is.
      const name = flow.member === null ? flow.name : `${flow.name}.${flow.member}`;
      changes.push({ package: entry.package, entry: entry.file, subpath: entry.subpath, name, change: flow.change, impact: impactOf[flow.change], origin: flow.origin });
    }
  }
  return changes.sort((a, b) => compareStrings(a.package, b.package) || compareStrings(a.subpath, b.subpath) || compareStrings(a.name, b.name));
}
