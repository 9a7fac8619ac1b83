import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { openCache } from '../src/cache/cache-store.js';
import { applyDefaults } from '../src/config/defaults.js';
import { formatJson } from '../src/report/json.js';
import { analyse } from '../src/run/pipeline.js';
import type { ChangeSet } from '../src/shared/types.js';
import { inMemoryChangeSet } from './helpers/in-memory-change-set.js';

/** A generated project: module i may import from modules j < i, so the import graph is known exactly. */
interface Project {
  modules: { exports: string[]; imports: { from: number; name: string; style: 'named' | 'namespace' | 'type' | 'reexport' }[] }[];
}

const projectArbitrary: fc.Arbitrary<Project> = fc
  .integer({ min: 2, max: 9 })
  .chain((count) =>
    fc.tuple(
      ...Array.from({ length: count }, (_, index) =>
        fc.record({
          exports: fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd'), { minLength: 1, maxLength: 4 }),
          imports: fc.array(
            fc.record({ from: fc.integer({ min: 0, max: Math.max(0, index - 1) }), name: fc.constantFrom('a', 'b', 'c', 'd'), style: fc.constantFrom('named', 'namespace', 'type', 'reexport') }),
            { maxLength: index === 0 ? 0 : 3 },
          ),
        }),
      ),
    ),
  )
  .map((modules) => ({ modules }));

/** Renders module i: its imports (only of names the target exports), and exports that use them. */
function render(project: Project, index: number, edit: { kind: 'comment' | 'body'; name: string } | null): string {
  const module = project.modules[index];
  if (!module) return '';
  const lines: string[] = [];
  const used: string[] = [];
  module.imports.forEach((entry, position) => {
    const target = project.modules[entry.from];
    if (!target?.exports.includes(entry.name)) return;
    const local = `i${position}`;
    if (entry.style === 'named') {
      lines.push(`import { ${entry.name} as ${local} } from './m${entry.from}';`);
      used.push(`${local}()`);
    } else if (entry.style === 'namespace') {
      lines.push(`import * as ${local} from './m${entry.from}';`);
      used.push(`${local}.${entry.name}()`);
    } else if (entry.style === 'type') {
      lines.push(`import type { ${entry.name} as ${local} } from './m${entry.from}';`);
      used.push(`(0 as unknown as ReturnType<typeof ${local}>)`);
    } else {
      lines.push(`export { ${entry.name} as re${index}_${position} } from './m${entry.from}';`);
    }
  });
  for (const name of module.exports) {
    const bodyExtra = edit?.kind === 'body' && edit.name === name ? ' + 1' : '';
    const comment = edit?.kind === 'comment' && edit.name === name ? '  // reviewed\n' : '';
    lines.push(`export function ${name}(): number {\n${comment}  return ${used.length > 0 ? used.join(' + ') : '0'}${bodyExtra};\n}`);
  }
  return `${lines.join('\n')}\n`;
}

function changeSet(project: Project, editedModule: number, edit: { kind: 'comment' | 'body'; name: string }): ChangeSet {
  const base: Record<string, string> = { 'tsconfig.json': '{"compilerOptions":{"strict":true,"module":"esnext","moduleResolution":"bundler"}}' };
  const head: Record<string, string> = { ...base };
  project.modules.forEach((_, index) => {
    base[`m${index}.ts`] = render(project, index, null);
    head[`m${index}.ts`] = render(project, index, index === editedModule ? edit : null);
  });
  return inMemoryChangeSet(base, head, '/fuzz');
}

/** Files that import module `from`, directly or transitively: the file-level upper bound. */
function fileLevelImporters(project: Project, from: number): Set<string> {
  const reached = new Set<number>([from]);
  let grew = true;
  while (grew) {
    grew = false;
    project.modules.forEach((module, index) => {
      if (reached.has(index)) return;
      if (module.imports.some((entry) => reached.has(entry.from) && project.modules[entry.from]?.exports.includes(entry.name))) {
        reached.add(index);
        grew = true;
      }
    });
  }
  reached.delete(from);
  return new Set([...reached].map((index) => `m${index}.ts`));
}

const config = applyDefaults({}, null);
const cacheDir = mkdtempSync(join(tmpdir(), 'risk-fuzz-cache-'));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

const editArbitrary = (project: Project): fc.Arbitrary<[number, { kind: 'comment' | 'body'; name: string }]> =>
  fc.integer({ min: 0, max: project.modules.length - 1 }).chain((index) =>
    fc.tuple(fc.constant(index), fc.record({ kind: fc.constantFrom<'comment' | 'body'>('comment', 'body'), name: fc.constantFrom(...(project.modules[index]?.exports ?? ['a'])) })),
  );

describe('invariants on random projects and edits (fast-check)', () => {
  it('never crashes; stays within file-level reach; ignores comments; same answer with and without cache', async () => {
    await fc.assert(
      fc.asyncProperty(
        projectArbitrary.chain((project) => fc.tuple(fc.constant(project), editArbitrary(project))),
        async ([project, [editedModule, edit]]) => {
          const changes = changeSet(project, editedModule, edit);
          const report = await analyse(changes, config);
          const affected = report.affectedFiles.map((file) => file.file);
          if (edit.kind === 'comment') {
            expect(report.changedSymbols).toEqual([]);
            expect(affected).toEqual([]);
          } else {
            expect(report.changedSymbols.map((symbol) => `${symbol.file}#${symbol.name}`)).toContain(`m${editedModule}.ts#${edit.name}`);
          }
          if (edit.kind === 'body') {
            // Recall: every module that imports the edited export by name uses it in all its exports.
            // A `type` import reads only `ReturnType<typeof x>`, which a body edit leaves as it was.
            const direct = project.modules.flatMap((module, index) => (module.imports.some((entry) => entry.from === editedModule && entry.name === edit.name && entry.style !== 'type') ? [`m${index}.ts`] : []));
            for (const file of direct) expect(affected, `direct importer ${file} of m${editedModule}.ts#${edit.name} missed`).toContain(file);
          }
          const bound = fileLevelImporters(project, editedModule);
          for (const file of affected) expect(bound.has(file), `${file} is not a transitive importer of m${editedModule}.ts`).toBe(true);
          expect(report.unknowns).toEqual([]);
          const cached = await analyse(changes, config, { cache: openCache(cacheDir) });
          const warm = await analyse(changes, config, { cache: openCache(cacheDir) });
          expect(formatJson(cached)).toBe(formatJson(report));
          expect(formatJson(warm)).toBe(formatJson(report));
        },
      ),
      { numRuns: 60, seed: 20261123 },
    );
  }, 120_000);
});
