// Writes a deterministic synthetic workspace monorepo with a git history, for `npm run bench`.
//
//   node scripts/generate-monorepo.js --files 10000 --out /tmp/synth-10k
//
// Shape: N source files spread over packages (package.json `exports` into dist/, not built),
// barrels (`export *`), path aliases per package, cross-package imports by package name,
// type-only imports and TSX components. Commit 1 is the base; commit 2 ("a typical small
// commit") edits 5 files so that a few hundred files are affected. Branch `leaf` (from the
// base) edits one line in the body of a function of a module nothing imports by name, after a
// commit that made the same edit to the module before it: the pre-push case (`npm run bench -- --synthetic 50000 --realistic --base leaf~1 --head leaf`).
//
// --realistic writes files of about 3 KB (interfaces, a class, functions, comments) with the
// import fan-out of application code: 3-7 sibling imports, cross-package imports of the
// neighbouring packages, npm and node: imports; the default is tiny files (the resolver and
// graph without the cost of reading text).
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const args = Object.fromEntries(process.argv.slice(2).join(' ').split('--').filter(Boolean).map((pair) => pair.trim().split(/\s+/)));
const totalFiles = Number(args.files ?? 1000);
const out = args.out ?? `/tmp/risk-synth-${totalFiles}`;
const realistic = 'realistic' in args;

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
/** Realistic mode: a package imports from this many packages before it. */
const neighbours = 6;
const write = (path, text) => {
  mkdirSync(dirname(join(out, path)), { recursive: true });
  writeFileSync(join(out, path), text);
};

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
write('package.json', JSON.stringify({ name: 'synth-root', private: true, workspaces: ['packages/*'] }, null, 2));
write('tsconfig.json', JSON.stringify({ compilerOptions: { strict: true, module: 'esnext', moduleResolution: 'bundler', jsx: 'react-jsx' } }, null, 2));

const modules = []; // { pkg, folder, name, path, isTsx }
const byPackage = []; // package index -> its modules, in index order
for (let p = 0; p < packageCount; p++) {
  const pkg = `pkg${String(p).padStart(3, '0')}`;
  const count = Math.min(filesPerPackage, totalFiles - p * filesPerPackage);
  if (count <= 0) break;
  write(`packages/${pkg}/package.json`, JSON.stringify({
    name: `@synth/${pkg}`,
    version: '1.0.0',
    exports: { '.': { types: './dist/index.d.ts', import: './dist/index.js', require: './dist/index.cjs' } },
    dependencies: realistic
      ? Object.fromEntries([...Array.from({ length: Math.min(p, neighbours) }, (_, back) => [`@synth/pkg${String(p - 1 - back).padStart(3, '0')}`, 'workspace:*']), ['lodash', '^4.17.21'], ['zod', '^3.23.0']])
      : p > 0 ? { [`@synth/pkg${String(p - 1).padStart(3, '0')}`]: 'workspace:*' } : {},
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
    const module = { pkg, packageIndex: p, folder, name, index, isTsx, path: `packages/${pkg}/src/${folder}/${name}.${isTsx ? 'tsx' : 'ts'}` };
    modules.push(module);
    byPackage[p] ??= [];
    byPackage[p].push(module);
  }
  for (let f = 0; f < folders; f++) {
    const inFolder = byPackage[p].filter((module) => module.folder === `f${f}`);
    write(`packages/${pkg}/src/f${f}/index.ts`, inFolder.map((module) => `export * from './${module.name}';\n`).join(''));
  }
  write(`packages/${pkg}/src/index.ts`, Array.from({ length: folders }, (_, f) => `export * from './f${f}';\n`).join(''));
}

function moduleText(module) {
  if (realistic) return realisticText(module);
  const lines = [];
  const siblings = byPackage[module.packageIndex].slice(0, module.index);
  const previousPackage = byPackage[module.packageIndex - 1] ?? [];
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

const words = ['order', 'cart', 'price', 'region', 'customer', 'invoice', 'payment', 'shipping', 'stock', 'channel', 'discount', 'tax', 'fulfillment', 'return', 'store', 'user'];

/** About 3 KB of application-like code with the import fan-out of a real module. */
function realisticText(module) {
  const { index, pkg, packageIndex } = module;
  const word = words[index % words.length];
  const siblings = byPackage[packageIndex].slice(0, index);
  const lines = [`/**\n * ${word} helpers of ${pkg} (module ${index}).\n * Generated for benchmarks: the shape of application code, not its meaning.\n */`];
  const values = [];
  const types = [];
  const seen = new Set();
  const importFrom = (other, specifier, alias) => {
    if (seen.has(other.path)) return;
    seen.add(other.path);
    const local = alias ? `${alias}${other.index}` : `value${other.index}`;
    lines.push(`import { value${other.index}${alias ? ` as ${local}` : ''}, helper${other.index} } from '${specifier}';`);
    values.push(local);
  };
  const siblingCount = siblings.length === 0 ? 0 : 3 + Math.floor(random() * 5);
  for (let count = 0; count < siblingCount; count++) {
    // Recent neighbours more often than old ones: folders import their own folder first.
    const other = siblings[Math.max(0, siblings.length - 1 - Math.floor(random() * random() * siblings.length))];
    if (other.folder === module.folder) importFrom(other, `./${other.name}`);
    else if (random() < 0.5) importFrom(other, `../${other.folder}/${other.name}`);
    else importFrom(other, `@${pkg}/${other.folder}/${other.name}`);
  }
  if (siblings.length > 0) {
    const typed = pick(siblings);
    lines.push(`import type { Shape${typed.index} } from '@${pkg}/${typed.folder}/${typed.name}';`);
    types.push(`Shape${typed.index}`);
  }
  for (let back = 1; back <= neighbours && packageIndex - back >= 0; back++) {
    if (random() > 0.25) continue;
    const foreign = pick(byPackage[packageIndex - back]);
    if (random() < 0.3) {
      lines.push(`import type { Shape${foreign.index} as Foreign${foreign.index} } from '@synth/${foreign.pkg}';`);
      types.push(`Foreign${foreign.index}`);
    } else importFrom(foreign, `@synth/${foreign.pkg}`, 'foreign');
  }
  if (index % 3 === 0) lines.push(`import { debounce } from 'lodash';`);
  if (index % 4 === 1) lines.push(`import { z } from 'zod';`);
  if (index % 5 === 2) lines.push(`import { join } from 'node:path';`);
  lines.push('');
  lines.push(`export interface Shape${index} {\n  id: number;\n  label: string;\n  createdAt: Date;\n  tags: string[];\n  ${word}Total: number;\n  metadata: Record<string, unknown>;${types.length > 0 ? `\n  related?: ${types.join(' | ')};` : ''}\n}`);
  lines.push(`export type Wrapped${index} = { inner: Shape${index}; count: number; next: string | null };`);
  lines.push(`export type ${word[0].toUpperCase()}${word.slice(1)}Status${index} = 'pending' | 'active' | 'archived' | 'failed';`);
  lines.push('');
  lines.push(`const base${index} = ${index};`);
  lines.push(`const defaults${index}: Partial<Shape${index}> = { label: '${word}-${index}', tags: ['${word}', '${pkg}'], metadata: {} };`);
  lines.push(`export const value${index} = base${index} + ${values.length > 0 ? values.join(' + ') : '0'};`);
  lines.push('');
  lines.push(`/** Scales an amount by the ${word} factor; callers round. */`);
  lines.push(`export function helper${index}(input: number): number {\n  if (input < 0) {\n    throw new RangeError('${word} amount must not be negative');\n  }\n  const factor = ${(index % 5) + 1};\n  return input * factor + base${index};\n}`);
  lines.push('');
  lines.push(`/** Checks the invariants a ${word} must keep before it is stored. */\nexport function validate${index}(shape: Shape${index}): string[] {\n  const problems: string[] = [];\n  if (!Number.isInteger(shape.id) || shape.id <= 0) problems.push('id must be a positive integer');\n  if (shape.label.trim() === '') problems.push('label must not be empty');\n  if (shape.${word}Total < 0) problems.push('${word}Total must not be negative');\n  return problems;\n}`);
  lines.push('');
  lines.push(`export function format${index}(shape: Shape${index}): string {\n  const tags = shape.tags.filter((tag) => tag.length > 0).join(', ');\n  return \`\${shape.label} (\${shape.id}) [\${tags}] \${shape.${word}Total.toFixed(2)}\`;\n}`);
  lines.push('');
  lines.push(`export class ${word[0].toUpperCase()}${word.slice(1)}Service${index} {\n  private readonly items = new Map<number, Shape${index}>();\n\n  constructor(private readonly prefix: string) {}\n`);
  lines.push(`  add(input: Omit<Shape${index}, 'createdAt'>): Shape${index} {\n    const item: Shape${index} = { ...defaults${index}, ...input, createdAt: new Date(0) };\n    this.items.set(item.id, item);\n    return item;\n  }\n`);
  lines.push(`  get(id: number): Shape${index} | undefined {\n    return this.items.get(id);\n  }\n`);
  lines.push(`  list(filter?: (item: Shape${index}) => boolean): Shape${index}[] {\n    const all = [...this.items.values()];\n    return filter ? all.filter(filter) : all;\n  }\n`);
  lines.push(`  total(): number {\n    let sum = 0;\n    for (const item of this.items.values()) sum += helper${index}(item.${word}Total);\n    return sum${values.length > 0 ? ` + ${values[0]}` : ''};\n  }\n`);
  lines.push(`  update(id: number, patch: Partial<Omit<Shape${index}, 'id'>>): Shape${index} {\n    const current = this.items.get(id);\n    if (current === undefined) {\n      throw new Error(\`\${this.prefix}: no ${word} \${id}\`);\n    }\n    const next = { ...current, ...patch, tags: [...(patch.tags ?? current.tags)] };\n    this.items.set(id, next);\n    return next;\n  }\n`);
  lines.push(`  remove(id: number): boolean {\n    // Removing twice is fine: callers retry on timeouts.\n    return this.items.delete(id);\n  }\n`);
  lines.push(`  describe(): string {\n    return \`\${this.prefix}: \${this.items.size} ${word} item(s), total \${this.total()}\`;\n  }\n}`);
  if (index % 3 === 0) lines.push(`\nexport const save${index} = debounce((shape: Shape${index}) => format${index}(shape), 100);`);
  if (index % 4 === 1) lines.push(`\nexport const schema${index} = z.object({ id: z.number(), label: z.string() });`);
  if (index % 5 === 2) lines.push(`\nexport const file${index} = join('${pkg}', '${word}-${index}.json');`);
  if (module.isTsx) lines.push(`\nexport function View${index}({ shape }: { shape: Shape${index} }) {\n  return (\n    <section title="v${index}">\n      <h2>{format${index}(shape)}</h2>\n      <span>{value${index}}</span>\n    </section>\n  );\n}`);
  return `${lines.join('\n')}\n`;
}

// Texts are drawn once: the commits below edit these texts, never draw new imports.
const texts = new Map(modules.map((module) => [module, moduleText(module)]));
for (const module of modules) write(module.path, texts.get(module));

const git = (...gitArgs) => execFileSync('git', gitArgs, { cwd: out, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z', GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z' } });
git('init', '-q', '-b', 'main');
git('config', 'user.email', 'synth@example.test');
git('config', 'user.name', 'Synth');
git('config', 'commit.gpgsign', 'false');
git('add', '-A');
git('commit', '-q', '-m', 'base');

// The typical small commit: body changes in five early modules (widely used), one new export.
for (const module of modules.filter((candidate) => candidate.index < 40).slice(0, 5)) {
  write(module.path, texts.get(module).replace(`const base${module.index} = ${module.index};`, `const base${module.index} = ${module.index} + 1;`) + `export const added${module.index} = true;\n`);
}
git('commit', '-q', '-am', 'small change');

// The pre-push case: one line in a function body of the last module of the last package, which
// only its folder barrel re-exports (nothing imports it by name).
// Before it, the same kind of edit to the module before it: the commit a hook last ran on, so
// that the bench's "warm, new commit" row has a previous commit's cache to start from.
const editLeaf = (module) => {
  const text = texts.get(module);
  write(module.path, text.replace(`return input * ${(module.index % 5) + 1}`, `return input * ${(module.index % 5) + 2}`).replace(`const factor = ${(module.index % 5) + 1};`, `const factor = ${(module.index % 5) + 2};`));
};
git('checkout', '-q', '-b', 'leaf', 'HEAD~1');
editLeaf(modules[modules.length - 2]);
git('commit', '-q', '-am', 'edit before the leaf edit');
editLeaf(modules[modules.length - 1]);
git('commit', '-q', '-am', 'leaf edit');
git('checkout', '-q', 'main');
console.log(JSON.stringify({ out, files: modules.length + packageCount * 2, packages: packageCount }));
