import type { Project } from 'ts-morph';
import { loadTsMorph, ts, tsMorph } from './typescript.js';

/**
 * One in-memory ts-morph project for every type-checker question of a run (public shapes and
 * API compatibility), created on the first question: building its first program parses and binds
 * the ES library, about a second of CPU cold, which two projects would pay twice. Each question
 * adds its files and removes them when done, so one question never sees another's files.
 *
 * Only the ES library is loaded (not the DOM's megabytes of declarations); DOM types then read
 * as unresolved on both sides alike. `skipLibCheck` only skips reporting errors inside
 * declaration files; no type or shape depends on it.
 */
export class CheckerProject {
  private project: Project | undefined;

  get(): Project {
    loadTsMorph();
    this.project ??= new tsMorph.Project({
      useInMemoryFileSystem: true,
      compilerOptions: {
        allowJs: true,
        checkJs: false,
        strict: true,
        noEmit: true,
        target: ts.ScriptTarget.ES2022,
        lib: ['lib.es2023.d.ts'],
        jsx: ts.JsxEmit.Preserve,
        skipLibCheck: true,
      },
    });
    return this.project;
  }
}
