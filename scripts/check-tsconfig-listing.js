// Checks the port of TypeScript's config file matcher (src/graph/tsconfig-listing.ts) against
// TypeScript's own getFileNamesFromConfigSpecs on a real repository: every tsconfig*/jsconfig*
// of a commit, each with its own options, allowJs off and resolveJsonModule on. Run it after a
// TypeScript upgrade; any difference is printed. Needs a build (`npm run build`).
//
//   node scripts/check-tsconfig-listing.js [REV]      (run in the repository)
import { posix } from 'node:path';
import { createGit } from '../dist/git/git.js';
import { readCommitTree } from '../dist/git/tree-snapshot.js';
import { RepoFiles } from '../dist/graph/repo-files.js';
import { createParseHost } from '../dist/graph/tsconfig-host.js';
import { isVendoredPath } from '../dist/shared/source-files.js';
import { loadTypeScript, ts } from '../dist/symbols/typescript.js';

const rev = process.argv[2] ?? 'HEAD';
const git = createGit(process.cwd());
const root = (await git.run(['rev-parse', '--show-toplevel'])).trim();
const snapshot = await readCommitTree(createGit(root), (await git.run(['rev-parse', rev])).trim());
const files = new RepoFiles(root, snapshot, new Set());
loadTypeScript();
const host = createParseHost(files, snapshot.paths);
const configs = snapshot.paths.filter((path) => /(^|\/)[^/]*[tj]sconfig[^/]*\.json$/.test(path) && !isVendoredPath(path));
let compared = 0;
let differ = 0;
for (const path of configs) {
  const absolute = files.absolute(path);
  const text = host.readFile(absolute);
  if (text === undefined) continue;
  const source = ts.parseJsonText(absolute, text);
  let parsed;
  try {
    parsed = ts.parseJsonSourceFileConfigFileContent(source, { ...host, readDirectory: () => [] }, posix.dirname(absolute), { allowJs: true }, absolute);
  } catch {
    continue;
  }
  if (source.configFileSpecs === undefined) continue;
  for (const options of [parsed.options, { ...parsed.options, allowJs: false }, { ...parsed.options, resolveJsonModule: true }]) {
    const ours = host.listConfigFiles(source.configFileSpecs, posix.dirname(absolute), options);
    const theirs = ts.getFileNamesFromConfigSpecs(source.configFileSpecs, posix.dirname(absolute), options, host, []);
    compared++;
    if (JSON.stringify(ours) !== JSON.stringify(theirs)) {
      differ++;
      console.log(`differs: ${path} (ours ${ours === undefined ? 'unavailable' : ours.length}, TypeScript ${theirs.length} files)`);
    }
  }
}
console.log(JSON.stringify({ rev, configs: configs.length, listingsCompared: compared, differ }));
process.exitCode = differ === 0 ? 0 : 1;
