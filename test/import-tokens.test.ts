import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listImportedFiles } from '../src/graph/import-tokens.js';
import { loadTypeScript, ts } from '../src/symbols/typescript.js';

/** What the token scan must reproduce: TypeScript's pre-processor, with JavaScript imports. */
function preProcessed(text: string): string[] {
  loadTypeScript();
  return ts.preProcessFile(text, true, true).importedFiles.map((imported) => imported.fileName);
}

const tricky = [
  "import def, { a as b, type C } from './a';\nimport type D from './d';\nimport type { E } from './e';\nimport type * as F from './f';",
  "import type from './type-as-name';\nimport * as ns from './ns';\nimport './side';\nimport eq = require('./eq');\nexport import re = require('./re');",
  "export * from './star';\nexport * as grouped from './grouped';\nexport { x } from './x';\nexport type { T } from './t';\nexport type * from './types';",
  "const a = import('./dyn');\nconst b = import(`./tpl`);\nconst c = require('./req');\nconst d = require(`./req-tpl`);\nconst e = obj.import('./not-a-module');",
  "const t = `${import('./in-template')} and ${`${nested}`} ${require('./not-in-template')}`;\nimport './after-template';",
  "declare module 'augmented' { import { Inner } from './inner'; }\nexport const x = 1;",
  "declare module 'ambient-only' {}\ndeclare global { }",
  "define('name', ['dep-a', 'dep-b'], function (a, b) {});\ndefine(['dep-c'], () => {});",
  "const re = /it's/; import './after-regex';\nconst re2 = /\\d+\\.\\w+'/g;\nimport './after-regex-2';",
  "const el = <p>Don't {value}</p>;\nimport './after-jsx';",
  "x?.import('./optional-call');\n[...import('./spread')];\nconst n = 1.import;\nconst m = 1..import('./after-number');\nthis.#import('./private');",
  "// import './in-line-comment'\n/* import './in-block-comment' */\nimport './real';\n/* unterminated",
  "const s = 'unterminated\nimport './after-unterminated-string';",
  'import a, * as b from "./default-and-namespace";\nimport c, { d } from "./default-and-named";\nimport {\n  e,\n  f,\n} from "./multi-line";',
  'if (a >= require("./ge")) {}\nlet x = y == require("./eq2") ? 1 : 2;\nconst arrow = () => import("./arrow");',
  "#!/usr/bin/env node\nimport './after-shebang';",
  "\uFEFFimport './after-bom';",
  "import x from './escaped\\u0041';",
  "import caf\u00e9 from './unicode-name';",
  '<<<<<<< HEAD\nimport "./ours";\n=======\nimport "./theirs";\n>>>>>>> branch\n',
  // Non-ASCII code and escapes outside literals, read by TypeScript's Unicode rules.
  "const folded = /[\\xc0-\\xd6\\u0100-\\u017f]/g;\nimport './after-unicode-regex';",
  "\\u0069mport './escaped-keyword';\nimport\\u0041 from './escaped-name';\nconst x\\u0041 = require('./after-escaped-word');",
  "const el = <p>Medusa\u2019s \u00b7 \u2318K</p>;\nimport './after-jsx-text';",
  "import\u00a0'./after-no-break-space';\nimport\u2003* as n from './after-em-space';\nconst \u{1d4b3} = require('./after-astral-name');",
  "import './before-replacement-character';\n\ufffd\nimport './after-replacement-character';",
  // Past the last pattern word the scan stops: what follows cannot make it decline.
  "import './before-unicode';\nconst caf\u00e9 = 1;\n<<<<<<< HEAD\n",
  // An escape can spell a pattern word (`\u0069mport` is `import` to TypeScript), and is read as one.
  "import './before-escape';\nconst x = \\u0069mport('./escaped-keyword');",
];

describe('listImportedFiles (the token scan behind scanImports)', () => {
  it('lists exactly what TypeScript pre-processes, or declines', () => {
    let declined = 0;
    for (const text of tricky) {
      const listed = listImportedFiles(text);
      if (listed === undefined) declined++;
      else expect({ text, listed }).toEqual({ text, listed: preProcessed(text) });
    }
    // An escape in a recorded literal and conflict markers (before the last pattern word) are left to TypeScript.
    expect(declined).toBe(2);
  });

  it('agrees with TypeScript on random token soup', () => {
    const pieces = [
      'import', 'export', 'require', 'define', 'declare', 'module', 'type', 'from', 'as', 'x', 'default',
      "'./a'", '"./b"', '`./c`', '`${', '}`', '{', '}', '(', ')', '[', ']', ',', '.', '...', '?.', '*', '**', '=', '==', '=>', '>=', '!=',
      ';', '\n', ' ', '/', '//', '/*', '*/', "'", '"', '`', '1.', '.5', '0x1f', '1e', '#p', '<div>', '</div>', '\\', '@', '$', '_', 'caf\u00e9', '\\u0069mport', '\\u0072equire',
      '\u00e9', '\u0100', '\u00b7', '\u2019', '\u00a0', '\u2003', '\u{1d4b3}', '\ud800', '\ufffd', '\\u0069', '\\u0041', '\\u00e9', '\\u00b7', '\\x',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), fc.array(fc.constantFrom('', ' ', '\n'), { maxLength: 40 }), (tokens, gaps) => {
        const text = tokens.map((token, index) => token + (gaps[index] ?? ' ')).join('');
        const listed = listImportedFiles(text);
        if (listed !== undefined) expect(listed).toEqual(preProcessed(text));
      }),
      { numRuns: 3000 },
    );
  });
});
