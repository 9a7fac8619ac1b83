import type { Unknown } from '../shared/types.js';
import type { ModuleFacts } from './module-facts-types.js';

/**
 * A module augmentation (`declare module 'pkg' { interface Register {...} }`) or a global one
 * (`declare global {}`) changes the types every file of the program sees through 'pkg' or
 * globally, without any import of the file that declares it. risk does not follow those
 * edges, so a changed augmentation is an unknown of the changed file: fail closed, never a
 * silent "reaches 0 files". Compared by fingerprint (module-facts.ts), so an edit to a comment
 * inside one changes nothing.
 */
export function changedAugmentations(path: string, oldFacts: ModuleFacts | undefined, newFacts: ModuleFacts | undefined): Unknown[] {
  const before = byTarget(oldFacts);
  const after = byTarget(newFacts);
  const targets = [...new Set([...before.keys(), ...after.keys()])].sort();
  return targets
    .filter((target) => before.get(target) !== after.get(target))
    .map((target) => {
      const how = !before.has(target) ? 'adds' : !after.has(target) ? 'removes' : 'changes';
      const seen = target === 'global' ? 'every file of its program' : `every file that uses '${target}'`;
      return { kind: 'augmentation', file: path, specifier: target === 'global' ? 'declare global' : `declare module '${target}'`, reason: `${how} an augmentation: ${seen} may see different types, and risk does not follow augmentations` };
    });
}

/** Two blocks for one target are one augmentation. */
function byTarget(facts: ModuleFacts | undefined): Map<string, string> {
  const found = new Map<string, string>();
  for (const [target, fingerprint] of facts?.augmentations ?? []) found.set(target, `${found.get(target) ?? ''}${fingerprint}\n`);
  return found;
}
