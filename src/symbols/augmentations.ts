import type { ts as Ts } from 'ts-morph';
import { scriptKindOf } from './module-facts.js';
import { loadTypeScript, ts } from './typescript.js';
import type { Unknown } from '../shared/types.js';

/**
 * A module augmentation (`declare module 'pkg' { interface Register {...} }`) or a global one
 * (`declare global {}`) changes the types every file of the program sees through 'pkg' or
 * globally, without any import of the file that declares it. risk does not follow those
 * edges, so a changed augmentation is an unknown of the changed file: fail closed, never a
 * silent "reaches 0 files".
 */
export function changedAugmentations(path: string, oldText: string | undefined, newText: string | undefined): Unknown[] {
  const mayHave = (text: string | undefined): boolean => text !== undefined && /\bdeclare\s+(?:module|global)\b/.test(text);
  if (!mayHave(oldText) && !mayHave(newText)) return [];
  const before = augmentationsOf(path, oldText);
  const after = augmentationsOf(path, newText);
  const targets = [...new Set([...before.keys(), ...after.keys()])].sort();
  return targets
    .filter((target) => before.get(target) !== after.get(target))
    .map((target) => {
      const how = !before.has(target) ? 'adds' : !after.has(target) ? 'removes' : 'changes';
      const seen = target === 'global' ? 'every file of its program' : `every file that uses '${target}'`;
      return { kind: 'augmentation', file: path, specifier: target === 'global' ? 'declare global' : `declare module '${target}'`, reason: `${how} an augmentation: ${seen} may see different types, and risk does not follow augmentations` };
    });
}

/** Top-level augmentations by target ('global' or the module name), as their text without comments. */
function augmentationsOf(path: string, text: string | undefined): Map<string, string> {
  const found = new Map<string, string>();
  if (text === undefined) return found;
  loadTypeScript();
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false, scriptKindOf(path));
  const printer = ts.createPrinter({ removeComments: true });
  for (const statement of source.statements) {
    if (!ts.isModuleDeclaration(statement)) continue;
    const target = targetOf(statement);
    if (target === undefined) continue;
    // Two blocks for one target are one augmentation.
    found.set(target, `${found.get(target) ?? ''}${printer.printNode(ts.EmitHint.Unspecified, statement, source)}\n`);
  }
  return found;
}

function targetOf(statement: Ts.ModuleDeclaration): string | undefined {
  if ((statement.flags & ts.NodeFlags.GlobalAugmentation) !== 0) return 'global';
  return ts.isStringLiteral(statement.name) ? statement.name.text : undefined;
}
