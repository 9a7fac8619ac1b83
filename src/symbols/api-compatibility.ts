import type { Project } from 'ts-morph';
import { noCache, type CacheStore } from '../cache/cache-store.js';
import { CheckerProject } from './checker-project.js';
import { TextPairAnswers } from './text-pair-answers.js';
import { posix } from 'node:path';

/**
 * Past this size (either version), a file's signature changes stay breaking without asking the
 * checker: comparing zod's `ZodType` (classic/schemas.ts, 99 KB) old against new took 58 s and
 * 3.4 GiB, and ran risk out of its heap; its 63 KB sibling takes 1 s.
 */
const maxCheckedChars = 80_000;

/** What a declaration's kind lets a consumer do with it, which decides the direction of the check. */
export type CompatibilityKind = 'value' | 'type' | 'class';

export interface CompatibilityQuery {
  name: string;
  kind: CompatibilityKind;
}

/**
 * Decides with the type checker which changed-signature exports of one file are additive: every
 * consumer that compiled against the old declaration still compiles against the new one.
 *
 * - a value (function, variable): the new type must be assignable to the old one. An optional
 *   parameter added, a parameter widened or a new overload pass; a new required parameter, a
 *   narrowed parameter or a widened return type do not.
 * - a type (interface, type alias): consumers both build and read values of it, so the old type
 *   must be assignable to the new one and the reverse, and no member may disappear (an optional
 *   property added passes; a removed or newly required member does not).
 * - a class: its constructor side and its instances, new to old, and no member removed.
 *
 * A generic type, a declaration that is no longer a value (value -> type-only), anything the
 * checker cannot express, a file too large to check in bounded time and memory: breaking. Both
 * versions load alone, so imports from other files are `any` on both sides alike.
 */
export class ApiCompatibility {
  private checked = 0;
  /**
   * Answers by the two texts, the dialect and the questions: the type checker (and loading
   * TypeScript for it) is most of a warm run of a signature change otherwise.
   */
  private readonly answers: TextPairAnswers;

  /** At most this many files are checked per run; past it, signature changes stay breaking. */
  constructor(
    cache: CacheStore = noCache,
    private readonly maxFiles = 200,
    private readonly checker = new CheckerProject(),
  ) {
    this.answers = new TextPairAnswers(cache, 'compatibility');
  }

  saveCache(): void {
    this.answers.save();
  }

  additiveNames(path: string, oldText: string, newText: string, queries: CompatibilityQuery[]): Set<string> {
    if (queries.length === 0 || this.checked >= this.maxFiles) return new Set();
    if (oldText.length > maxCheckedChars || newText.length > maxCheckedChars) return new Set();
    this.checked++;
    const extension = path.endsWith('.d.ts') ? '.d.ts' : posix.extname(path) || '.ts';
    return this.answers.answer(`${extension}\0${JSON.stringify(queries)}`, oldText, newText, () => findAdditiveChanges(this.checker.get(), path, oldText, newText, queries));
  }
}

function findAdditiveChanges(project: Project, path: string, oldText: string, newText: string, queries: CompatibilityQuery[]): Set<string> {
  const additive = new Set<string>();
  const extension = path.endsWith('.d.ts') ? '.d.ts' : posix.extname(path) || '.ts';
  const files = [project.createSourceFile(`/old/module${extension}`, oldText, { overwrite: true }), project.createSourceFile(`/new/module${extension}`, newText, { overwrite: true })];
  try {
    return checkNames(project, queries, additive);
  } finally {
    for (const file of files) project.removeSourceFile(file);
  }
}

function checkNames(project: Project, queries: CompatibilityQuery[], additive: Set<string>): Set<string> {
  const lines = ["import * as O from '../old/module';", "import * as N from '../new/module';"];
  const ranges: [string, number, number][] = [];
  queries.forEach((query, index) => {
    if (!/^[A-Za-z_$][\w$]*$/.test(query.name)) return;
    const start = lines.length + 1;
    lines.push(...checksFor(query, index));
    ranges.push([query.name, start, lines.length]);
  });
  const check = project.createSourceFile('/check/check.ts', lines.join('\n'), { overwrite: true });
  const failing = new Set<number>();
  try {
    const node = check.compilerNode;
    for (const diagnostic of project.getProgram().compilerObject.getSemanticDiagnostics(node)) {
      if (diagnostic.start !== undefined) failing.add(node.getLineAndCharacterOfPosition(diagnostic.start).line + 1);
    }
  } catch {
    return additive;
  } finally {
    project.removeSourceFile(check);
  }
  for (const [name, start, end] of ranges) {
    let isBroken = false;
    for (let line = start; line <= end; line++) if (failing.has(line)) isBroken = true;
    if (!isBroken) additive.add(name);
  }
  return additive;
}

function checksFor(query: CompatibilityQuery, index: number): string[] {
  const { name } = query;
  const noneRemoved = (oldType: string, newType: string): string => `const k${index}: [Exclude<keyof ${oldType}, keyof ${newType}>] extends [never] ? true : false = true;`;
  if (query.kind === 'type') {
    return [`declare let o${index}: O.${name};`, `declare let n${index}: N.${name};`, `o${index} = n${index};`, `n${index} = o${index};`, noneRemoved(`O.${name}`, `N.${name}`)];
  }
  const lines = [`declare let o${index}: typeof O.${name};`, `declare let n${index}: typeof N.${name};`, `o${index} = n${index};`, noneRemoved(`typeof O.${name}`, `typeof N.${name}`)];
  if (query.kind === 'class') {
    lines.push(`declare let oi${index}: O.${name};`, `declare let ni${index}: N.${name};`, `oi${index} = ni${index};`, `const ki${index}: [Exclude<keyof O.${name}, keyof N.${name}>] extends [never] ? true : false = true;`);
  }
  return lines;
}
