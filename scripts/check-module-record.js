// Checks the module record reader (src/graph/module-record.ts) against TypeScript's facts on a
// real repository: for every source file of a commit, each specifier oxc's record proves must be
// one TypeScript's facts list, and a file TypeScript finds a syntax error in must be one oxc
// finds one in too (the reader then leaves it to TypeScript). Run it after upgrading oxc-parser
// or TypeScript; any disagreement is printed. Needs a build (`npm run build`).
//
//   node scripts/check-module-record.js [REV]      (run in the repository)
import { loadModuleRecordReader } from '../dist/graph/module-record.js';
import { forEachSource } from './tree-sources.js';
import { extractImportFacts } from '../dist/symbols/module-facts.js';

const rev = process.argv[2] ?? 'HEAD';
const read = await loadModuleRecordReader();
if (read === undefined) throw new Error('oxc-parser has no native binding on this machine');
let answered = 0;
let proven = 0;
let disagreements = 0;

function check(path, text) {
  const specifiers = read(path, text);
  if (specifiers === undefined) return;
  answered++;
  const facts = extractImportFacts(path, text);
  const report = (what) => {
    disagreements++;
    console.log(`disagree: ${path}: ${what}`);
  };
  if (facts.parseErrors.length > 0) report(`TypeScript reports ${facts.parseErrors[0]}, oxc none`);
  for (const specifier of specifiers) {
    proven++;
    if (!facts.specifiers.includes(specifier)) report(`oxc lists ${JSON.stringify(specifier)}, TypeScript does not`);
  }
}
const sources = await forEachSource(rev, check);
console.log(JSON.stringify({ rev, sources, answeredByOxc: answered, specifiersProven: proven, disagreements }));
process.exitCode = disagreements === 0 ? 0 : 1;
