import { afterEach, describe, expect, it } from 'vitest';
import { NameScreen } from '../src/graph/name-screen.js';
import { affectedOf, analyseJson, baseProject, cleanupScratch, createScratchRepo } from './helpers/scratch-repo.js';

afterEach(cleanupScratch);

const mayUse = (text: string, name: string): boolean => new NameScreen().mayUse('src/file.ts', text, name);

describe('NameScreen (which importers of a changed export are worth a full parse)', () => {
  it('passes a file that names the export and stops one that does not', () => {
    const text = "import { isDefined, other } from './utils';\n\nexport const f = (x: unknown) => isDefined(x);\n";
    expect(mayUse(text, 'isDefined')).toBe(true);
    expect(mayUse(text, 'other')).toBe(true);
    expect(mayUse(text, 'missing')).toBe(false);
    // Inside a longer identifier is no use; `a` of `import` is not `a`.
    expect(mayUse(text, 'Defined')).toBe(false);
    expect(mayUse(text, 'port')).toBe(false);
  });

  it.each([
    ['import * as ns', "import * as ns from './utils';\nexport const all = ns;\n"],
    ['import type * as ns', "import type * as ns from './utils';\nexport type All = typeof ns;\n"],
    ['export *', "export * from './utils';\n"],
    ['export type *', "export type * from './utils';\n"],
    ['export * as ns', "export * as ns from './utils';\n"],
    ['require', "const utils = require('./utils');\nmodule.exports = utils;\n"],
    ['import = require', "import utils = require('./utils');\nexport = utils;\n"],
    ['dynamic import', "export const load = () => import('./utils').then((m) => m);\n"],
    ['import type', "export type Utils = typeof import('./utils');\n"],
    ['a comment after the keyword', "import /* all */ * as ns from './utils';\nexport { ns };\n"],
    ['a unicode escape', "import { \\u0078 } from './utils';\n"],
  ])('passes a file that can reach any export without naming it: %s', (_label, text) => {
    expect(mayUse(text, 'isDefined')).toBe(true);
  });

  it.each(['default', '(module)', '*', 'export='])('always passes the name %s (bound under any local name, or the whole module)', (name) => {
    expect(mayUse("import anything from './utils';\n", name)).toBe(true);
  });

  it('asked about many names, matches whole words: a longer identifier is not a use, a string export name still is', () => {
    const screen = new NameScreen();
    const text = "import { isDefinedStrict } from './utils';\nimport { 'odd name' as odd } from './odd';\nexport const g = isDefinedStrict;\n";
    const names = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8', 'a9'];
    for (const name of names) expect(screen.mayUse('src/g.ts', text, name)).toBe(false);
    expect(screen.mayUse('src/g.ts', text, 'isDefined')).toBe(false);
    expect(screen.mayUse('src/g.ts', text, 'isDefinedStrict')).toBe(true);
    expect(screen.mayUse('src/g.ts', text, 'odd name')).toBe(true);
  });
});

describe('the walk parses only importers that may use the change (slow, end to end)', () => {
  it('an importer that does not name the changed export is not parsed: its syntax error is no unknown; one that names it still is', () => {
    const lib = (value: number): string => `export function changed(): number {\n  return ${value};\n}\n\nexport function other(): number {\n  return 0;\n}\n`;
    const repo = createScratchRepo('name-screen', {
      ...baseProject,
      'src/lib.ts': lib(1),
      'src/uses-other.ts': "import { other } from './lib.js';\n\nexport const broken = other( ;\n",
      'src/uses-changed.ts': "import { changed } from './lib.js';\n\nexport const alsoBroken = changed( ;\n",
      'src/whole.ts': "import * as all from './lib.js';\n\nexport const handed = all;\n",
    });
    repo.write('src/lib.ts', lib(2));
    repo.commitAll('change lib');
    const report = analyseJson(repo.dir, ['--base', 'main'], 0);
    expect(affectedOf(report)).toEqual(['src/uses-changed.ts 1', 'src/whole.ts 1']);
    expect(report.unknowns.map((unknown) => `${unknown.kind} ${unknown.file}`)).toEqual(['parse-error src/uses-changed.ts']);
  });
});
