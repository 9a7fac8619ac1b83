// Baseline for `npm run bench -- --with-tsmorph`: the plain way to get an import graph with
// ts-morph — load every source file of the repository into one Project and resolve each
// import and export declaration. Prints the number of files and edges.
import { execFileSync } from 'node:child_process';
import { Project } from 'ts-morph';

const repo = process.cwd();
const files = execFileSync('git', ['ls-files'], { cwd: repo, encoding: 'utf8', maxBuffer: 1 << 30 })
  .split('\n')
  .filter((path) => /\.[cm]?[jt]sx?$/.test(path) && !path.includes('node_modules/'));
const project = new Project({ compilerOptions: { allowJs: true, noEmit: true }, skipAddingFilesFromTsConfig: true, skipFileDependencyResolution: true });
for (const path of files) project.addSourceFileAtPath(path);
let edges = 0;
for (const sourceFile of project.getSourceFiles()) {
  for (const declaration of [...sourceFile.getImportDeclarations(), ...sourceFile.getExportDeclarations()]) {
    if (declaration.getModuleSpecifierSourceFile()) edges++;
  }
}
console.log(JSON.stringify({ files: files.length, edges }));
