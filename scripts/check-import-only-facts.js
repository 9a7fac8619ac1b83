// Checks import-only facts (src/graph/import-only-facts.ts) against TypeScript's full facts on a
// real repository: for every source file of a commit that the reader answers for, TypeScript
// must find no export, re-export, computed import or syntax error, and the same import bindings,
// side-effect imports and lines. Run it after upgrading oxc-parser or TypeScript; any
// disagreement is printed. Needs a build (`npm run build`).
//
//   node scripts/check-import-only-facts.js [REV]      (run in the repository)
import { createGit } from '../dist/git/git.js';
import { readCommitTree } from '../dist/git/tree-snapshot.js';
import { loadImportOnlyReader } from '../dist/graph/import-only-facts.js';
import { isSourceFile, isVendoredPath } from '../dist/shared/source-files.js';
import { extractModuleFacts } from '../dist/symbols/module-facts.js';

const rev = process.argv[2] ?? 'HEAD';
const git = createGit(process.cwd());
const root = (await git.run(['rev-parse', '--show-toplevel'])).trim();
const snapshot = await readCommitTree(createGit(root), (await git.run(['rev-parse', rev])).trim());
const read = await loadImportOnlyReader();
if (read === undefined) throw new Error('oxc-parser has no native binding on this machine');
const sources = snapshot.paths.filter((path) => isSourceFile(path) && !isVendoredPath(path));
const importParts = (facts) => JSON.stringify([facts.imports, facts.moduleUses, facts.specifierLines]);
let answered = 0;
let disagreements = 0;
for (let start = 0; start < sources.length; start += 500) {
  const chunk = sources.slice(start, start + 500);
  await snapshot.loadTexts(chunk);
  for (const path of chunk) check(path, snapshot.files.get(path));
  snapshot.forgetTexts?.(chunk);
}

function check(path, text) {
  if (text === undefined || text.length > 1_000_000) return;
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
console.log(JSON.stringify({ rev, sources: sources.length, answeredImportOnly: answered, disagreements }));
process.exitCode = disagreements === 0 ? 0 : 1;
