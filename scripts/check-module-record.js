// Checks the module record reader (src/graph/module-record.ts) against TypeScript's facts on a
// real repository: for every source file of a commit, each specifier oxc's record proves must be
// one TypeScript's facts list, and a file TypeScript finds a syntax error in must be one oxc
// finds one in too (the reader then leaves it to TypeScript). Run it after upgrading oxc-parser
// or TypeScript; any disagreement is printed. Needs a build (`npm run build`).
//
//   node scripts/check-module-record.js [REV]      (run in the repository)
import { createGit } from '../dist/git/git.js';
import { readCommitTree } from '../dist/git/tree-snapshot.js';
import { loadModuleRecordReader } from '../dist/graph/module-record.js';
import { isSourceFile, isVendoredPath } from '../dist/shared/source-files.js';
import { extractImportFacts } from '../dist/symbols/module-facts.js';

const rev = process.argv[2] ?? 'HEAD';
const git = createGit(process.cwd());
const root = (await git.run(['rev-parse', '--show-toplevel'])).trim();
const snapshot = await readCommitTree(createGit(root), (await git.run(['rev-parse', rev])).trim());
const read = await loadModuleRecordReader();
if (read === undefined) throw new Error('oxc-parser has no native binding on this machine');
const sources = snapshot.paths.filter((path) => isSourceFile(path) && !isVendoredPath(path));
let answered = 0;
let proven = 0;
let disagreements = 0;
for (let start = 0; start < sources.length; start += 500) {
  const chunk = sources.slice(start, start + 500);
  await snapshot.loadTexts(chunk);
  for (const path of chunk) check(path, snapshot.files.get(path));
  snapshot.forgetTexts?.(chunk);
}

function check(path, text) {
  if (text === undefined || text.length > 1_000_000) return;
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
console.log(JSON.stringify({ rev, sources: sources.length, answeredByOxc: answered, specifiersProven: proven, disagreements }));
process.exitCode = disagreements === 0 ? 0 : 1;
