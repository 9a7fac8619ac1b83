// Checks import-only facts (src/graph/import-only-facts.ts) against TypeScript's full facts on a
// real repository: for every source file of a commit that the reader answers for, TypeScript
// must find no export, re-export, computed import or syntax error, and the same import bindings,
// side-effect imports and lines. Run it after upgrading oxc-parser or TypeScript; any
// disagreement is printed. Needs a build (`npm run build`).
//
//   node scripts/check-import-only-facts.js [REV]      (run in the repository)
import { loadImportOnlyReader } from '../dist/graph/import-only-facts.js';
import { forEachSource } from './tree-sources.js';
import { extractModuleFacts } from '../dist/symbols/module-facts.js';

const rev = process.argv[2] ?? 'HEAD';
const read = await loadImportOnlyReader();
if (read === undefined) throw new Error('oxc-parser has no native binding on this machine');
const importParts = (facts) => JSON.stringify([facts.imports, facts.moduleUses, facts.specifierLines]);
let answered = 0;
let disagreements = 0;

function check(path, text) {
  const facts = read(path, text);
  if (facts === undefined) return;
  answered++;
  const full = extractModuleFacts(path, text, { withFingerprints: false });
  const report = (what) => {
    disagreements++;
    console.log(`disagree: ${path}: ${what}`);
  };
  if (full.exports.size > 0 || full.reExports.length > 0) report('TypeScript finds exports');
  if (full.parseErrors.length > 0) report(`TypeScript reports ${full.parseErrors[0]}, oxc none`);
  if (full.dynamicSpecifiers.length > 0) report(`TypeScript finds ${full.dynamicSpecifiers[0].expression}`);
  if (importParts(full) !== importParts(facts)) report('the imports, side-effect imports or their lines differ');
}
const sources = await forEachSource(rev, check);
console.log(JSON.stringify({ rev, sources, answeredImportOnly: answered, disagreements }));
process.exitCode = disagreements === 0 ? 0 : 1;
