// Writes a deterministic synthetic workspace monorepo with a git history, for `npm run bench`.
//
//   node scripts/generate-monorepo.js --files 10000 --out /tmp/synth-10k
//
// Shape: N source files spread over packages (package.json `exports` into dist/, not built),
// barrels (`export *`), path aliases per package, cross-package imports by package name,
// type-only imports and TSX components. Commit 1 is the base; commit 2 ("a typical small
// commit") edits 5 files so that a few hundred files are affected.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const args = Object.fromEntries(process.argv.slice(2).join(' ').split('--').filter(Boolean).map((pair) => pair.trim().split(/\s+/)));
const totalFiles = Number(args.files ?? 1000);
const out = args.out ?? `/tmp/risk-synth-${totalFiles}`;

// Mulberry32: a tiny seeded generator, so the same N always gives the same repository.
let seed = 0x5eed + totalFiles;
function random() {
  seed |= 0;
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (items) => items[Math.floor(random() * items.length)];

const filesPerPackage = 200;
const packageCount = Math.max(2, Math.ceil(totalFiles / filesPerPackage));
const modulesPerFolder = 20;
const write = (path, text) => {
  mkdirSync(dirname(join(out, path)), { recursive: true });
  writeFileSync(join(out, path), text);
};

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
write('package.json', JSON.stringify({ name: 'synth-root', private: true, workspaces: ['packages/*'] }, null, 2));
write('tsconfig.json', JSON.stringify({ compilerOptions: { strict: true, module: 'esnext', moduleResolution: 'bundler', jsx: 'react-jsx' } }, null, 2));

const modules = []; // { pkg, folder, name, path, isTsx }
for (let p = 0; p < packageCount; p++) {
  const pkg = `pkg${String(p).padStart(3, '0')}`;
  const count = Math.min(filesPerPackage, totalFiles - p * filesPerPackage);
  if (count <= 0) break;
  write(`packages/${pkg}/package.json`, JSON.stringify({
    name: `@synth/${pkg}`,
    version: '1.0.0',
    exports: { '.': { types: './dist/index.d.ts', import: './dist/index.js', require: './dist/index.cjs' } },
    dependencies: p > 0 ? { [`@synth/pkg${String(p - 1).padStart(3, '0')}`]: 'workspace:*' } : {},
  }, null, 2));
  write(`packages/${pkg}/tsconfig.json`, JSON.stringify({
    extends: '../../tsconfig.json',
    compilerOptions: { baseUrl: '.', paths: { [`@${pkg}/*`]: ['./src/*'] }, outDir: 'dist', rootDir: 'src' },
    include: ['src'],
  }, null, 2));
  const folders = Math.ceil((count - 1) / modulesPerFolder);
  for (let index = 0; index < count - 1; index++) {
    const folder = `f${Math.floor(index / modulesPerFolder)}`;
    const isTsx = index % 7 === 3;
    const name = `m${index}`;
    modules.push({ pkg, packageIndex: p, folder, name, index, isTsx, path: `packages/${pkg}/src/${folder}/${name}.${isTsx ? 'tsx' : 'ts'}` });
  }
  for (let f = 0; f < folders; f++) {
    const inFolder = modules.filter((module) => module.pkg === pkg && module.folder === `f${f}`);
    write(`packages/${pkg}/src/f${f}/index.ts`, inFolder.map((module) => `export * from './${module.name}';\n`).join(''));
  }
  write(`packages/${pkg}/src/index.ts`, Array.from({ length: folders }, (_, f) => `export * from './f${f}';\n`).join(''));
}

function moduleText(module) {
  const lines = [];
  const siblings = modules.filter((other) => other.pkg === module.pkg && other.index < module.index);
  const previousPackage = modules.filter((other) => other.packageIndex === module.packageIndex - 1);
  const uses = [];
  if (siblings.length > 0) {
    const local = pick(siblings);
    lines.push(`import { value${local.index} } from '@${module.pkg}/${local.folder}/${local.name}';`);
    uses.push(`value${local.index}`);
    const typed = pick(siblings);
    lines.push(`import type { Shape${typed.index} } from '../${typed.folder}/${typed.name}';`);
    lines.push(`export type Wrapped${module.index} = { inner: Shape${typed.index} };`);
  }
  if (previousPackage.length > 0 && random() < 0.3) {
    const foreign = pick(previousPackage);
    lines.push(`import { value${foreign.index} as foreign${foreign.index} } from '@synth/${foreign.pkg}';`);
    uses.push(`foreign${foreign.index}`);
  }
  lines.push(`export interface Shape${module.index} { id: number; label: string }`);
  lines.push(`const base${module.index} = ${module.index};`);
  lines.push(`export const value${module.index} = base${module.index} + ${uses.length > 0 ? uses.join(' + ') : '0'};`);
  lines.push(`export function helper${module.index}(input: number): number {\n  return input * ${(module.index % 5) + 1};\n}`);
  if (module.isTsx) lines.push(`export function View${module.index}() {\n  return <div title="v${module.index}">{value${module.index}}</div>;\n}`);
  return `${lines.join('\n')}\n`;
}

for (const module of modules) write(module.path, moduleText(module));

const git = (...gitArgs) => execFileSync('git', gitArgs, { cwd: out, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z', GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z' } });
git('init', '-q', '-b', 'main');
git('config', 'user.email', 'synth@example.test');
git('config', 'user.name', 'Synth');
git('config', 'commit.gpgsign', 'false');
git('add', '-A');
git('commit', '-q', '-m', 'base');

// The typical small commit: body changes in five early modules (widely used), one new export.
for (const module of modules.filter((candidate) => candidate.index < 40).slice(0, 5)) {
  write(module.path, moduleText(module).replace(`const base${module.index} = ${module.index};`, `const base${module.index} = ${module.index} + 1;`) + `export const added${module.index} = true;\n`);
}
git('commit', '-q', '-am', 'small change');
console.log(JSON.stringify({ out, files: modules.length + packageCount * 2, packages: packageCount }));
