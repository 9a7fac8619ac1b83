import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isSourceFile } from '../../src/shared/source-files.js';
import { fixturesRoot } from './fixture-repo.js';

/** One source file of the fixtures: its path on disk, its path under fixtures/, its text. */
export interface FixtureSource {
  path: string;
  name: string;
  text: string;
}

/** Every source file under fixtures/, in a stable order (for tests that compare two readers on all of them). */
export function listFixtureSources(): FixtureSource[] {
  const sources: FixtureSource[] = [];
  const walk = (directory: string): void => {
    for (const entry of readdirSync(directory).sort()) {
      const path = join(directory, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (isSourceFile(path)) sources.push({ path, name: relative(fixturesRoot, path), text: readFileSync(path, 'utf8') });
    }
  };
  walk(fixturesRoot);
  return sources;
}
