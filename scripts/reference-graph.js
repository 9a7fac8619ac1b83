// The independent reference of `npm run accuracy`: who is affected by a set of changed exports,
// according to TypeScript's own language service (findReferences), with none of risk's graph code.
//
// Limits (deliberate, for speed and memory):
//  - one Project over every tracked source file of the head commit, with the root tsconfig's
//    compiler options (+ allowJs, no emit, no automatic @types); per-package compiler options
//    other than module resolution (jsx, strictness, lib...) are not honoured;
//  - module resolution: TypeScript's resolveModuleName with the options of the nearest
//    tsconfig.json/jsconfig.json above the importing file (its `extends` applied; `files`/
//    `include` ownership is ignored); a bare specifier that names a workspace package (any
//    package.json with a "name") resolves to its sources: `exports`/`types`/`main` targets, with
//    dist|build|lib|out|esm|cjs/ mapped to src/ and .js/.d.ts to .ts, then <pkg>/src/<sub>;
//    a relative path into build output that is not built (`../dist/a.js`) resolves to the
//    source it is emitted from (build folder swapped for src/ or nothing), as risk does (fixed:
//    a declaration-emit consumer of `../dist/x.js` was not seen);
//    the first candidate that is a TypeScript source wins over JS shims that load the build
//    output (vue's `index.mjs`; fixed 2026-12-02, the reference stopped at the shim);
//    node_modules are never installed, so external packages stay unresolved; when the
//    package's conditions lead to several source files (`types` -> src/index.ts, `import` ->
//    src/app.tsx), TypeScript binds the import to the first and the others are scanned as
//    runtime targets (their importers found by specifier, like removed exports);
//  - a script file (no import or export) that declares an ambient `declare module 'x'` for a
//    module the repository provides (a workspace package, a path alias) is left out of the
//    project: no tsconfig of the repository compiles it (vuejs/core concatenates one into its
//    built .d.ts), and in one project of every file TypeScript would bind every import of 'x'
//    to that ambient module, so no reference would cross into the package's sources (fixed on
//    2026-12-02: it had hidden every importer of `@vue/runtime-core` from the reference);
//  - references are syntactic + type-checker symbols as the language service finds them: uses
//    through `export *` barrels are found, but the barrel file itself has no reference
//    location, so barrels that `export *` from a file with a reached export (and do not declare
//    that name themselves) are found by scanning specifiers, and count as affected, like an
//    `export { x } from` does; `require`/`import()` of such a barrel is followed like one of
//    the file itself (fixed 2026-12-02: `const { h } = require('vue')` was not seen);
//  - a namespace object used whole (`import * as ns` then `ns` passed, spread or exported, or
//    `export * as ns` then used whole downstream) passes on the reached export as its member:
//    such uses are found with findReferences on the namespace binding, leaving out member
//    accesses (`ns.x` is a reference of x itself) and type references; `typeof ns` whole (also
//    of an `import type * as ns`) counts for a type-visible change, not for a body-only one
//    (fixed: it was skipped, so `vi.importActual<typeof ns>()` mocks were missed), and so does
//    `typeof import('x')` with no member (fixed 2026-12-02: excalidraw's setupTests mocks a
//    package with `importOriginal<typeof import('@excalidraw/common')>()`); downstream,
//    only uses that read that member path (`z.core.util.x`, any depth) or the namespace whole count;
//  - a local alias of such a namespace (`const compiler = CompilerDOM`, a destructuring or
//    parameter default, or `let compiler; compiler = CompilerDOM` written once in the declaring
//    function) is followed the same way: its uses count member path by member path; an alias
//    exported or written again counts as a whole use (added 2026-12-02, with risk's own rule);
//  - removed exports and deleted files have no declaration at head: their importers are found by
//    scanning import/export declarations (and `require`/`import()` of literals) that resolve to
//    the file (or, for a deleted file, whose relative specifier points at its old path) and name
//    the symbol;
//  - `(module)` reaches the files that load the module at runtime (type-only imports excluded)
//    and stops there;
//  - `import('x')` / `require('x')` calls have no reference location for an export: such a call
//    counts as a use of every export of x (the top-level statement around the call decides what
//    it reaches), unless its result is accessed right away as another member, or bound to a
//    variable (`const ns = await import('x')`), whose uses are followed like a namespace import.
//    A barrel reached through `export *` is scanned for such calls too (`require('pkg')` of the
//    package entry); fixed: they were looked for only in the file that declares the export.
//  - a mention in a JSDoc comment (`{@link x}`, `@see x`) is no use in a TypeScript file (a
//    type use in a JavaScript one); fixed: findReferences lists them, and a `{@link
//    createMachine}` in createActor's doc made every user of createActor affected (xstate);
//  - an `added` export reaches only the other files that use it: the uses in its own file saw
//    the same declaration before (a commit that only adds `export` in front of a constant);
//    fixed: they were followed, and reached the file's other exports and their importers;
//  - findReferences at a re-export (`export { x } from './a'`) also returns the groups of every
//    other import of the original declaration (`import { x } from './a'` in files that never load
//    the re-exporting file); those groups are dropped, as the groups upstream of it are; fixed:
//    they made a re-export that only changed its target file (a renamed file) reach the
//    original's importers.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { Node, Project, SyntaxKind, ts } from 'ts-morph';

const sourceExtensions = ['.ts', '.tsx', '.mts', '.cts', '.d.ts', '.js', '.jsx', '.mjs', '.cjs'];
const sourcePattern = /\.(?:[cm]?[jt]sx?)$/;
const configPattern = /(?:^|\/)(?:[^/]*tsconfig[^/]*\.json|jsconfig[^/]*\.json|package\.json)$/;
const maxFileBytes = 2 * 1024 * 1024;

function git(cwd, args, input) {
  const result = spawnSync('git', ['-C', cwd, ...args], { encoding: 'utf8', maxBuffer: 1 << 30, input });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr.trim()}`);
  return result.stdout;
}

const wanted = (path) => !path.split('/').includes('node_modules') && (sourcePattern.test(path) || configPattern.test(path));

/**
 * A temporary `git worktree` of the repository that holds only the files the reference needs
 * (source files, tsconfigs, package.json): checked out path by path, so missing large blobs and
 * big asset folders do not matter. Moves forward commit by commit.
 */
export class HeadTree {
  constructor(repo, dir) {
    this.repo = repo;
    this.dir = dir;
    this.sha = null;
    this.files = [];
    this.added = false;
  }

  /** Checks out `sha`; returns the repo-relative paths that changed since the previous checkout (null on the first). */
  checkout(sha) {
    if (!this.added) {
      git(this.repo, ['worktree', 'add', '--detach', '--no-checkout', this.dir, sha]);
      this.added = true;
    }
    const files = git(this.repo, ['ls-tree', '-r', '--name-only', '-z', sha]).split('\0').filter((path) => path && wanted(path));
    let changed = null;
    let toWrite = files;
    if (this.sha !== null) {
      changed = git(this.repo, ['diff', '--name-only', '--no-renames', '-z', this.sha, sha]).split('\0').filter((path) => path && wanted(path));
      const present = new Set(files);
      for (const path of changed) if (!present.has(path)) rmSync(join(this.dir, path), { force: true });
      toWrite = changed.filter((path) => present.has(path));
    }
    if (toWrite.length > 0) git(this.dir, ['checkout', sha, '--pathspec-from-file=-', '--pathspec-file-nul'], `${toWrite.join('\0')}\0`);
    this.sha = sha;
    this.files = files;
    return changed;
  }

  remove() {
    if (!this.added) {
      rmSync(this.dir, { recursive: true, force: true });
      return;
    }
    this.added = false;
    spawnSync('git', ['-C', this.repo, 'worktree', 'remove', '--force', this.dir], { encoding: 'utf8' });
    rmSync(this.dir, { recursive: true, force: true });
    spawnSync('git', ['-C', this.repo, 'worktree', 'prune'], { encoding: 'utf8' });
  }
}

function isFile(path) {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Reads a tsconfig's compiler options (with `extends`), without expanding its file globs. */
function readCompilerOptions(configPath) {
  const read = ts.readConfigFile(configPath, ts.sys.readFile);
  if (read.error || typeof read.config !== 'object' || read.config === null) return {};
  const json = { ...read.config, files: [], include: undefined, references: undefined };
  try {
    return ts.parseJsonConfigFileContent(json, ts.sys, dirname(configPath), undefined, configPath).options;
  } catch {
    return {};
  }
}

/** Module resolution of the reference: nearest tsconfig's options, then workspace packages by name. */
class Resolver {
  constructor(root, files) {
    this.root = root;
    this.configByDir = new Map();
    this.cache = new Map();
    this.packages = new Map();
    for (const path of files) {
      if (!path.endsWith('package.json')) continue;
      try {
        const manifest = JSON.parse(readFileSync(join(root, path), 'utf8'));
        if (typeof manifest.name === 'string' && !this.packages.has(manifest.name)) this.packages.set(manifest.name, { dir: join(root, dirname(path)), manifest });
      } catch {
        // an unreadable manifest names no package
      }
    }
  }

  optionsFor(dir) {
    const cached = this.configByDir.get(dir);
    if (cached) return cached;
    let options = null;
    for (const name of ['tsconfig.json', 'jsconfig.json']) {
      if (isFile(join(dir, name))) {
        options = readCompilerOptions(join(dir, name));
        break;
      }
    }
    if (options === null) options = dir === this.root || !dir.startsWith(this.root) ? {} : this.optionsFor(dirname(dir));
    this.configByDir.set(dir, options);
    return options;
  }

  resolve(name, containingFile) {
    const key = `${dirname(containingFile)}\0${name}`;
    if (this.cache.has(key)) return this.cache.get(key);
    const result = this.resolveUncached(name, containingFile);
    this.cache.set(key, result);
    return result;
  }

  resolveUncached(name, containingFile) {
    const options = { ...this.optionsFor(dirname(containingFile)), allowJs: true, noEmit: true };
    const found = ts.resolveModuleName(name, containingFile, options, ts.sys).resolvedModule;
    if (found && this.isRepoSource(found.resolvedFileName)) return { ...found, isExternalLibraryImport: false };
    const local = name.startsWith('.') ? this.resolveOutput(join(dirname(containingFile), name)) : this.resolveWorkspace(name, options);
    if (local) return { resolvedFileName: local, extension: extensionOf(local), isExternalLibraryImport: false };
    return found;
  }

  /**
   * A relative path into build output that is not built (`../dist/query-options.js`, the
   * emitted declarations a consumer type-checks against): the source file it is emitted from,
   * found by swapping the build folder (and up to two format folders under it) for src/ or nothing.
   */
  resolveOutput(path) {
    const segments = relative(this.root, path).split(sep);
    if (segments[0] === '..') return undefined;
    for (let start = 0; start < segments.length - 1; start++) {
      if (!['dist', 'lib', 'build', 'out', 'esm', 'cjs', 'types'].includes(segments[start])) continue;
      for (let end = start; end < Math.min(start + 3, segments.length - 1); end++) {
        if (end > start && segments[end].includes('.')) break;
        for (const folder of ['src', '']) {
          const file = this.tryFile(join(this.root, ...segments.slice(0, start), folder, ...segments.slice(end + 1)));
          if (file) return file;
        }
      }
    }
    return undefined;
  }

  isRepoSource(file) {
    const path = relative(this.root, file);
    return !path.startsWith('..') && !path.split(sep).includes('node_modules');
  }

  /**
   * The first candidate that is a TypeScript source, else the first that exists: a package
   * whose entries are JS shims over its build output (vue's `index.mjs` -> `index.js` ->
   * `require('./dist/vue.cjs.js')`) still runs the code of its sources, which the shim would hide.
   */
  resolveWorkspace(name, options) {
    let first;
    for (const candidate of this.workspaceCandidates(name, options)?.all ?? []) {
      const file = this.tryFile(candidate);
      if (file && /\.(?:tsx?|mts|cts)$/.test(file) && !/\.d\.[cm]?ts$/.test(file)) return file;
      first ??= file;
    }
    return first;
  }

  /**
   * Every source file a workspace import can load, one per condition (`types` -> src/index.ts,
   * `import` -> src/app.tsx): TypeScript binds the import to one of them, but at runtime
   * another may be the one that runs.
   */
  workspaceTargets(name, containingFile) {
    const options = { ...this.optionsFor(dirname(containingFile)), allowJs: true, noEmit: true };
    const files = new Set();
    for (const [path, guess] of this.workspaceCandidates(name, options)?.perTarget ?? []) {
      const file = this.tryFile(path) ?? this.tryFile(guess);
      if (file) files.add(file);
    }
    return [...files];
  }

  workspaceCandidates(name, options) {
    if (name.startsWith('.') || name.startsWith('/')) return undefined;
    let best = null;
    for (const [packageName, info] of this.packages) {
      if ((name === packageName || name.startsWith(`${packageName}/`)) && (best === null || packageName.length > best[0].length)) best = [packageName, info];
    }
    if (best === null) return undefined;
    const [packageName, { dir, manifest }] = best;
    const rest = name.slice(packageName.length + 1);
    const subpath = rest === '' ? '.' : `./${rest}`;
    const targets = [];
    const conditions = [...(options.customConditions ?? []), 'source', 'types', 'import', 'module', 'default', 'require', 'node'];
    const collect = (entry, star) => {
      if (typeof entry === 'string') targets.push(star === null ? entry : entry.split('*').join(star));
      else if (Array.isArray(entry)) for (const item of entry) collect(item, star);
      else if (entry && typeof entry === 'object') {
        const keys = Object.keys(entry).sort((a, b) => rank(a) - rank(b));
        for (const key of keys) collect(entry[key], star);
      }
    };
    const rank = (condition) => {
      const index = conditions.indexOf(condition);
      return index < 0 ? conditions.length : index;
    };
    const exportsField = manifest.exports;
    if (exportsField !== undefined && exportsField !== null) {
      const isSubpathMap = typeof exportsField === 'object' && !Array.isArray(exportsField) && Object.keys(exportsField).some((key) => key.startsWith('.'));
      if (!isSubpathMap) {
        if (subpath === '.') collect(exportsField, null);
      } else if (exportsField[subpath] !== undefined) collect(exportsField[subpath], null);
      else {
        for (const [pattern, entry] of Object.entries(exportsField)) {
          const star = pattern.indexOf('*');
          if (star < 0) continue;
          const prefix = pattern.slice(0, star);
          const suffix = pattern.slice(star + 1);
          if (subpath.startsWith(prefix) && subpath.endsWith(suffix) && subpath.length >= prefix.length + suffix.length) {
            collect(entry, subpath.slice(prefix.length, subpath.length - suffix.length));
          }
        }
      }
    }
    if (subpath === '.') for (const field of ['source', 'types', 'typings', 'module', 'main']) if (typeof manifest[field] === 'string') targets.push(manifest[field]);
    // Per target: the path itself, then its source guess (dist/app.mjs -> src/app).
    const perTarget = targets.map((target) => {
      const mapped = target.replace(/^(\.\/)?(dist|build|lib|out|esm|cjs)(\/(esm|cjs|src))?\//, '$1src/');
      return [join(dir, target), join(dir, mapped.replace(/\.d\.[cm]?ts$|\.[cm]?js$/, ''))];
    });
    const fallbacks = rest === '' ? [join(dir, 'src', 'index'), join(dir, 'index')] : [join(dir, 'src', rest), join(dir, rest)];
    return { perTarget, all: [...perTarget.flat(), ...fallbacks] };
  }

  tryFile(path) {
    if (/\.(?:tsx?|mts|cts)$/.test(path) && isFile(path)) return path;
    const stripped = path.replace(/\.(?:d\.)?[cm]?[jt]sx?$/, '');
    for (const extension of sourceExtensions) if (isFile(stripped + extension)) return stripped + extension;
    if (sourcePattern.test(path) && isFile(path)) return path;
    for (const extension of sourceExtensions) if (isFile(join(path, `index${extension}`))) return join(path, `index${extension}`);
    return undefined;
  }
}

function extensionOf(file) {
  for (const extension of ['.d.ts', '.d.mts', '.d.cts', '.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs']) if (file.endsWith(extension)) return extension;
  return '.ts';
}

/** One ts-morph Project over every source file of the head tree, updated commit by commit. */
export class ReferenceProject {
  constructor(root, files) {
    this.root = root;
    this.resolver = new Resolver(root, files);
    const rootConfig = ['tsconfig.json', 'jsconfig.json'].map((name) => join(root, name)).find(isFile);
    const rootOptions = rootConfig ? readCompilerOptions(rootConfig) : {};
    this.project = new Project({
      compilerOptions: {
        ...rootOptions,
        allowJs: true,
        checkJs: false,
        noEmit: true,
        skipLibCheck: true,
        types: [],
        composite: false,
        incremental: false,
        declaration: false,
        plugins: undefined,
        ...(rootOptions.jsx === undefined ? { jsx: ts.JsxEmit.Preserve } : {}),
      },
      skipAddingFilesFromTsConfig: true,
      skipFileDependencyResolution: true,
      resolutionHost: () => ({
        resolveModuleNames: (moduleNames, containingFile) => moduleNames.map((name) => this.resolver.resolve(typeof name === 'string' ? name : name.text, containingFile)),
      }),
    });
    for (const path of files) this.addFile(path);
    this.languageService = this.project.getLanguageService().compilerObject;
  }

  addFile(path) {
    if (!sourcePattern.test(path) || configPattern.test(path)) return;
    const file = join(this.root, path);
    try {
      if (statSync(file).size > maxFileBytes) return;
    } catch {
      return;
    }
    const sourceFile = this.project.addSourceFileAtPath(file);
    if (this.shadowsRepoModule(sourceFile)) this.project.removeSourceFile(sourceFile);
  }

  /**
   * A script (no import or export) that declares `declare module 'name'` for a module the repo
   * itself provides (`packages/runtime-core/types/globalComponents.d.ts` of vuejs/core, a snippet
   * concatenated into the built .d.ts): in one project of every file, TypeScript binds every
   * import of 'name' to that ambient module instead of the package's sources, and the language
   * service then finds no reference across the package boundary. No tsconfig of the repository
   * includes such a file, so it is left out.
   */
  shadowsRepoModule(sourceFile) {
    const node = sourceFile.compilerNode;
    if (ts.isExternalModule(node) || !/\bdeclare\s+module\s+['"]/.test(node.text)) return false;
    return node.statements.some(
      (statement) => ts.isModuleDeclaration(statement) && ts.isStringLiteral(statement.name) && this.resolver.resolve(statement.name.text, sourceFile.getFilePath())?.isExternalLibraryImport === false,
    );
  }

  /** Brings the project to the tree's new state: re-reads changed files, adds and drops others. */
  update(changedPaths, files) {
    this.resolver = new Resolver(this.root, files);
    for (const path of changedPaths ?? []) {
      if (!sourcePattern.test(path)) continue;
      const existing = this.project.getSourceFile(join(this.root, path));
      const exists = existsSync(join(this.root, path));
      if (existing && exists) existing.refreshFromFileSystemSync();
      else if (existing) this.project.removeSourceFile(existing);
      else if (exists) this.addFile(path);
    }
  }

  sourceFile(path) {
    return this.project.getSourceFile(join(this.root, path));
  }

  rel(fileName) {
    return relative(this.root, resolve(fileName)).split(sep).join('/');
  }
}

/** `(ns)`, `ns as T`, `ns!`, `<T>ns`, `ns satisfies T` are still ns itself. */
function isTransparent(node) {
  return Node.isParenthesizedExpression(node) || Node.isAsExpression(node) || Node.isNonNullExpression(node) || Node.isTypeAssertion(node) || Node.isSatisfiesExpression(node);
}

/** The function (or class static block) around `node`, if any. */
function enclosingFunction(node) {
  return node.getFirstAncestor((ancestor) => Node.isFunctionLikeDeclaration(ancestor) || Node.isClassStaticBlockDeclaration(ancestor));
}

/** The top-level statement that contains `node`. */
function topLevelStatement(node) {
  let current = node;
  while (current.getParent() && !Node.isSourceFile(current.getParent())) current = current.getParent();
  return current;
}

function hasModifier(node, kind) {
  return typeof node.hasModifier === 'function' && node.hasModifier(kind);
}

function bindingNames(nameNode) {
  if (Node.isIdentifier(nameNode)) return [nameNode];
  return nameNode.getDescendantsOfKind(SyntaxKind.Identifier).filter((identifier) => Node.isBindingElement(identifier.getParent()) && identifier.getParent().getNameNode() === identifier);
}

/**
 * What a use at `node` reaches in its file: exported names (that carry it on to importers) and
 * local declarations (whose own uses in the file carry it further). Top-level code and imports
 * reach nothing beyond the file.
 */
function reachedAt(node) {
  const statement = topLevelStatement(node);
  const exports = [];
  const locals = [];
  if (Node.isExportDeclaration(statement)) {
    const specifier = node.getFirstAncestorByKind(SyntaxKind.ExportSpecifier) ?? (Node.isExportSpecifier(node) ? node : undefined);
    if (specifier) exports.push((specifier.getAliasNode() ?? specifier.getNameNode()).getText());
    else if (statement.getNamespaceExport()) exports.push(statement.getNamespaceExport().getName());
  } else if (Node.isExportAssignment(statement)) {
    exports.push(statement.isExportEquals() ? 'export=' : 'default');
  } else if (Node.isVariableStatement(statement)) {
    const top = [node, ...node.getAncestors()].find((ancestor) => Node.isVariableDeclaration(ancestor) && ancestor.getParent()?.getParent() === statement);
    const declarations = top ? [top] : statement.getDeclarations();
    const exported = statement.isExported();
    for (const item of declarations) for (const identifier of bindingNames(item.getNameNode())) (exported ? exports : locals).push(exported ? identifier.getText() : identifier);
  } else if (
    Node.isFunctionDeclaration(statement) ||
    Node.isClassDeclaration(statement) ||
    Node.isInterfaceDeclaration(statement) ||
    Node.isTypeAliasDeclaration(statement) ||
    Node.isEnumDeclaration(statement) ||
    Node.isModuleDeclaration(statement)
  ) {
    const nameNode = statement.getNameNode?.();
    if (hasModifier(statement, SyntaxKind.DefaultKeyword)) exports.push('default');
    else if (hasModifier(statement, SyntaxKind.ExportKeyword) && nameNode) exports.push(nameNode.getText());
    else if (nameNode) locals.push(nameNode);
  } else if (Node.isImportEqualsDeclaration(statement) && statement.isExported()) {
    exports.push(statement.getName());
  } else if (Node.isExpressionStatement(statement)) {
    // CommonJS: `module.exports = x`, `module.exports.name = x`, `exports.name = x`.
    const expression = statement.getExpression();
    if (Node.isBinaryExpression(expression) && expression.getOperatorToken().getKind() === SyntaxKind.EqualsToken) {
      const target = expression.getLeft().getText().replace(/\s+/g, '');
      const match = /^(?:module\.)?exports(?:\.([A-Za-z_$][\w$]*))?$/.exec(target);
      if (match && (match[1] !== undefined || target.startsWith('module.'))) exports.push(match[1] ?? 'export=');
    }
  }
  return { exports, locals };
}

/**
 * A reference that sees only a declaration's type: inside a type node (`typeof x`, annotations,
 * `implements`; a class `extends` is a value), an import clause (what the file does with the
 * binding is listed separately), or a type-only import/export.
 */
function isTypeUse(node) {
  for (let current = node; current && !Node.isSourceFile(current); current = current.getParent()) {
    if (Node.isImportDeclaration(current) || Node.isImportEqualsDeclaration(current)) return true;
    if (Node.isExportDeclaration(current)) return current.isTypeOnly() || current.getNamedExports().some((specifier) => specifier.isTypeOnly() && specifier.getNameNode().getStart() <= node.getStart() && node.getEnd() <= specifier.getEnd());
    if (Node.isExpressionWithTypeArguments(current)) {
      const clause = current.getParent();
      return !(Node.isHeritageClause(clause) && clause.getToken() === SyntaxKind.ExtendsKeyword && (Node.isClassDeclaration(clause.getParent()) || Node.isClassExpression(clause.getParent())));
    }
    if (Node.isTypeNode(current)) return true;
    if (Node.isStatement(current)) return false;
  }
  return false;
}

function isInJsDoc(node) {
  for (let current = node; current && !Node.isSourceFile(current); current = current.getParent()) {
    const kind = current.getKind();
    if (kind >= SyntaxKind.FirstJSDocNode && kind <= SyntaxKind.LastJSDocNode) return true;
    if (Node.isStatement(current)) return false;
  }
  return false;
}

/** Declaration name nodes for the export `name` of a file (syntactic search of the file). */
function exportNameNodes(sourceFile, name) {
  const nodes = [];
  if (name === 'default') {
    for (const statement of sourceFile.getStatements()) {
      if (Node.isExportAssignment(statement) && !statement.isExportEquals()) {
        const expression = statement.getExpression();
        nodes.push(Node.isIdentifier(expression) ? expression : statement.getFirstChildByKind(SyntaxKind.DefaultKeyword) ?? expression);
      } else if (hasModifier(statement, SyntaxKind.DefaultKeyword)) {
        nodes.push(statement.getNameNode?.() ?? statement.getFirstChildByKind(SyntaxKind.DefaultKeyword) ?? statement);
      } else if (Node.isExportDeclaration(statement)) {
        // `export { z as default }`, `export { default } from './x'`
        for (const specifier of statement.getNamedExports()) if ((specifier.getAliasNode() ?? specifier.getNameNode()).getText() === 'default') nodes.push(specifier.getAliasNode() ?? specifier.getNameNode());
      }
    }
  } else if (name === 'export=') {
    for (const statement of sourceFile.getStatements()) if (Node.isExportAssignment(statement) && statement.isExportEquals()) nodes.push(statement.getExpression());
  } else {
    for (const statement of sourceFile.getStatements()) {
      if (Node.isExportDeclaration(statement)) {
        for (const specifier of statement.getNamedExports()) {
          const exported = specifier.getAliasNode() ?? specifier.getNameNode();
          if (exported.getText() === name) nodes.push(exported);
        }
        if (statement.getNamespaceExport()?.getName() === name) nodes.push(statement.getNamespaceExport().getNameNode());
        continue;
      }
      if (!hasModifier(statement, SyntaxKind.ExportKeyword) || hasModifier(statement, SyntaxKind.DefaultKeyword)) continue;
      if (Node.isVariableStatement(statement)) {
        for (const declaration of statement.getDeclarations()) for (const identifier of bindingNames(declaration.getNameNode())) if (identifier.getText() === name) nodes.push(identifier);
      } else if (Node.isImportEqualsDeclaration(statement)) {
        if (statement.getName() === name) nodes.push(statement.getNameNode());
      } else {
        const nameNode = statement.getNameNode?.();
        if (nameNode && nameNode.getText() === name) nodes.push(nameNode);
      }
    }
  }
  // Overloads give several nodes for one symbol: one query is enough. But the language service
  // searches for the meaning of the declaration it starts at, so an interface merged with a
  // const of the same name (`interface ZodString` + `const ZodString`) needs one query each.
  const isTypeOnlyDeclaration = (node) => Node.isInterfaceDeclaration(node.getParent()) || Node.isTypeAliasDeclaration(node.getParent());
  const typeNode = nodes.find(isTypeOnlyDeclaration);
  const valueNode = nodes.find((node) => !isTypeOnlyDeclaration(node));
  return [valueNode, typeNode].filter((node) => node !== undefined);
}

function isTypeOnlyModuleReference(node) {
  const declaration = Node.isImportDeclaration(node) || Node.isExportDeclaration(node) ? node : node.getParent();
  if (Node.isImportDeclaration(declaration)) {
    if (declaration.isTypeOnly()) return true;
    const named = declaration.getNamedImports();
    return !declaration.getDefaultImport() && !declaration.getNamespaceImport() && named.length > 0 && named.every((item) => item.isTypeOnly());
  }
  if (Node.isExportDeclaration(declaration)) return declaration.isTypeOnly();
  return Node.isImportTypeNode(declaration) || Node.isLiteralTypeNode(declaration);
}

/** The smallest node of a compiler source file that contains `position`. */
function tokenAt(sourceFile, position) {
  let node = sourceFile;
  for (;;) {
    const child = ts.forEachChild(node, (candidate) => (candidate.getStart(sourceFile) <= position && position < candidate.getEnd() ? candidate : undefined));
    if (child === undefined) return node;
    node = child;
  }
}

/** Declaration sites (`file:start`) of what the symbol at `position` aliases, transitively (itself excluded). */
function upstreamSites(languageService, fileName, position) {
  const program = languageService.getProgram();
  const sites = new Set();
  const sourceFile = program?.getSourceFile(fileName);
  if (!sourceFile) return sites;
  const checker = program.getTypeChecker();
  const start = checker.getSymbolAtLocation(tokenAt(sourceFile, position));
  let symbol = start;
  const seen = new Set();
  while (symbol && !seen.has(symbol)) {
    seen.add(symbol);
    // The symbol's own declarations (an interface merged with a const of the same name) are
    // not upstream of it: the language service may name either as the group's definition.
    for (const declaration of symbol === start ? [] : (symbol.declarations ?? [])) {
      const file = declaration.getSourceFile().fileName;
      const name = ts.getNameOfDeclaration(declaration);
      sites.add(`${file}:${(name ?? declaration).getStart()}`);
      if (ts.isSourceFile(declaration)) sites.add(`${file}:0`);
    }
    if ((symbol.flags & ts.SymbolFlags.Alias) === 0) break;
    try {
      symbol = checker.getImmediateAliasedSymbol(symbol);
    } catch {
      break;
    }
  }
  sites.delete(`${fileName}:${position}`);
  return sites;
}

/**
 * For a query at an alias (a re-export `export { x } from './a'`): a function that tells whether
 * a reference group, defined at (file, start), is downstream of it. The language service also
 * returns the groups of the other aliases of the original declaration (`import { x } from
 * './a'` in a sibling file that never loads the barrel); those are not reached by a change of
 * the re-export. Groups that are no alias (declarations, properties) are kept.
 */
function downstreamOfAlias(languageService, fileName, position) {
  const program = languageService.getProgram();
  const sourceFile = program?.getSourceFile(fileName);
  if (!sourceFile) return () => true;
  const checker = program.getTypeChecker();
  const query = checker.getSymbolAtLocation(tokenAt(sourceFile, position));
  if (!query || (query.flags & ts.SymbolFlags.Alias) === 0) return () => true;
  const querySite = `${fileName}:${position}`;
  return (file, start) => {
    const groupFile = program.getSourceFile(file);
    if (!groupFile) return true;
    let symbol = checker.getSymbolAtLocation(tokenAt(groupFile, start));
    if (!symbol || (symbol.flags & ts.SymbolFlags.Alias) === 0 || `${file}:${start}` === querySite) return true;
    const seen = new Set();
    while (symbol && !seen.has(symbol)) {
      seen.add(symbol);
      if (symbol === query) return true;
      for (const declaration of symbol.declarations ?? []) {
        const name = ts.getNameOfDeclaration(declaration);
        if (`${declaration.getSourceFile().fileName}:${(name ?? declaration).getStart()}` === querySite) return true;
      }
      if ((symbol.flags & ts.SymbolFlags.Alias) === 0) return false;
      try {
        symbol = checker.getImmediateAliasedSymbol(symbol);
      } catch {
        return true;
      }
    }
    return false;
  };
}

/** Module-specifier nodes of the whole project: (file, specifier literal node, resolved source file or undefined). */
function moduleReferences(reference) {
  if (reference.moduleRefs) return reference.moduleRefs;
  const list = [];
  for (const sourceFile of reference.project.getSourceFiles()) {
    for (const literal of sourceFile.getImportStringLiterals()) {
      const holder = literal.getParent();
      const resolved = reference.resolver.resolve(literal.getLiteralValue(), sourceFile.getFilePath());
      const target = resolved ? reference.project.getSourceFile(resolved.resolvedFileName) : undefined;
      const alternates = reference.resolver
        .workspaceTargets(literal.getLiteralValue(), sourceFile.getFilePath())
        .map((file) => reference.project.getSourceFile(file))
        .filter((file) => file !== undefined && file !== target);
      list.push({ sourceFile, literal, holder, target, alternates });
    }
  }
  reference.moduleRefs = list;
  return list;
}

/** The module references that resolve to `target` (indexed once per commit). */
function referencesTo(reference, target) {
  if (!reference.moduleRefsByTarget) {
    reference.moduleRefsByTarget = new Map();
    for (const entry of moduleReferences(reference)) {
      if (!entry.target) continue;
      const list = reference.moduleRefsByTarget.get(entry.target);
      if (list) list.push(entry);
      else reference.moduleRefsByTarget.set(entry.target, [entry]);
    }
  }
  return reference.moduleRefsByTarget.get(target) ?? [];
}

/**
 * The reference's affected set for one commit: findReferences from every changed symbol, then
 * the exports (and, inside a file, the local declarations) around each reference, to a fixpoint.
 */
export function computeReference(reference, changedSymbols, limits) {
  const { project, languageService } = reference;
  reference.moduleRefs = null;
  reference.moduleRefsByTarget = null;
  const files = new Set();
  const via = new Map(); // file -> the export (file#name) whose references reached it first
  const notes = [];
  let current = '';
  const reach = (path) => {
    files.add(path);
    if (!via.has(path)) via.set(path, current);
  };
  const seenExports = new Set();
  const seenLocals = new Set();
  const queue = [];
  const started = Date.now();
  let queries = 0;
  let complete = true;

  /**
   * `member`: only this member path of the (namespace-valued) export is reached (`['core',
   * 'toZod']` for `x.core.toZod`); null: all of it. A path already reached by a prefix is skipped.
   */
  const enqueue = (file, name, change, member = null) => {
    // A body-only change and a type-visible one are walked apart: the first skips type positions.
    const classes = change === 'body' ? ['s', 'b'] : ['s'];
    const key = `${file}#${name}`;
    const path = member ?? [];
    for (let length = 0; length <= path.length; length++) {
      for (const kind of classes) if (seenExports.has(`${kind}:${length === 0 ? key : `${key}.${path.slice(0, length).join('.')}`}`)) return;
    }
    seenExports.add(`${classes[classes.length - 1]}:${path.length === 0 ? key : `${key}.${path.join('.')}`}`);
    queue.push({ file, name, change, member });
  };
  let currentChange = 'body';
  /**
   * What an export reached from the current item carries: an implementation change stays one.
   * A use of a new export changes the user's implementation, not its type: a declaration whose
   * type now depends on it had to change its own text, and is a changed symbol of its own
   * (fixed 2026-12-02: a new helper called by an existing function made that function a
   * signature change, and every type user of the package affected).
   */
  const derived = () => (currentChange === 'body' || currentChange === 'added' ? 'body' : 'signature');
  for (const symbol of changedSymbols) enqueue(symbol.file, symbol.name, symbol.change);

  /**
   * Every reference of the symbol declared at `node`. Groups whose definition lies upstream of
   * it (what a re-export or an import alias points at), and, for a re-export, the other aliases
   * of what it points at, are dropped: the language service returns them too, but a change
   * downstream does not reach them.
   */
  const locationCache = new Map();
  const locationsOf = (sourceFile, node) => {
    const cacheKey = `${sourceFile.getFilePath()}:${node.getStart()}`;
    const cached = locationCache.get(cacheKey);
    if (cached) return cached;
    const located = findLocations(sourceFile, node);
    locationCache.set(cacheKey, located);
    return located;
  };
  const timings = [];
  const findLocations = (sourceFile, node) => {
    queries++;
    const fileName = sourceFile.getFilePath();
    const queryStarted = Date.now();
    const found = languageService.findReferences(fileName, node.getStart()) ?? [];
    timings.push({ at: `${reference.rel(fileName)}:${node.getText().slice(0, 40)}`, ms: Date.now() - queryStarted, refs: found.reduce((total, group) => total + group.references.length, 0) });
    const upstream = upstreamSites(languageService, fileName, node.getStart());
    const isDownstream = downstreamOfAlias(languageService, fileName, node.getStart());
    const locations = [];
    for (const group of found) {
      if (upstream.has(`${group.definition.fileName}:${group.definition.textSpan.start}`)) continue;
      if (!isDownstream(group.definition.fileName, group.definition.textSpan.start)) continue;
      for (const entry of group.references) locations.push({ fileName: entry.fileName, start: entry.textSpan.start, isWrite: entry.isWriteAccess === true });
    }
    return locations;
  };

  /** A use at `start` in `fileName`: the file is affected (unless it is `origin`), and what it reaches goes on. */
  const visit = (fileName, start, origin, member = null) => {
    const sourceFile = project.getSourceFile(fileName);
    if (!sourceFile) return;
    const path = reference.rel(fileName);
    const node = sourceFile.getDescendantAtPos(start);
    // A JSDoc mention (`{@link x}`, `@see x`) is no use in TypeScript; in JavaScript, JSDoc
    // types are the file's annotations: type uses.
    if (node && isInJsDoc(node) && (/\.[cm]?tsx?$/.test(path) || currentChange === 'body')) return;
    // An implementation change is invisible to type positions and to the import clause itself.
    if (node && currentChange === 'body' && isTypeUse(node)) return;
    if (path !== origin) reach(path);
    if (!node) return;
    const { exports, locals } = reachedAt(node);
    for (const name of exports) enqueue(path, name, derived(), member);
    for (const local of locals) {
      const key = `${path}#${local.getStart()}`;
      if (seenLocals.has(key)) continue;
      seenLocals.add(key);
      for (const location of locationsOf(sourceFile, local)) if (location.fileName === sourceFile.getFilePath()) visit(location.fileName, location.start, origin, member);
    }
  };

  /** No declaration at head (removed export, deleted file, `export *`): scan the module specifiers that point at it. */
  const importersByScan = (item, sourceFile) => {
    const oldPath = item.file.replace(/\.[cm]?[jt]sx?$/, '');
    for (const { sourceFile: importer, literal, holder, target } of moduleReferences(reference)) {
      let pointsAt;
      if (sourceFile) pointsAt = target === sourceFile;
      else {
        const specifier = literal.getLiteralValue();
        if (!specifier.startsWith('.')) continue;
        const joined = reference.rel(join(dirname(importer.getFilePath()), specifier)).replace(/\.[cm]?[jt]sx?$/, '');
        pointsAt = target === undefined && (joined === oldPath || `${joined}/index` === oldPath);
      }
      if (!pointsAt) continue;
      const importerPath = reference.rel(importer.getFilePath());
      if (item.name === '(module)') {
        if (!isTypeOnlyModuleReference(holder)) reach(importerPath);
        continue;
      }
      if (Node.isImportDeclaration(holder)) {
        const bindings = [];
        if (holder.getNamespaceImport()) bindings.push(holder.getNamespaceImport());
        if (item.name === 'default' && holder.getDefaultImport()) bindings.push(holder.getDefaultImport());
        for (const named of holder.getNamedImports()) if (item.name === '*' || named.getNameNode().getText() === item.name) bindings.push(named.getAliasNode() ?? named.getNameNode());
        for (const binding of bindings) {
          reach(importerPath);
          for (const location of locationsOf(importer, binding)) if (location.fileName === importer.getFilePath()) visit(location.fileName, location.start, null);
        }
      } else if (Node.isExportDeclaration(holder)) {
        if (!holder.hasNamedExports()) {
          reach(importerPath);
          const forwarded = holder.getNamespaceExport()?.getName() ?? (item.name === 'default' ? null : item.name);
          if (forwarded !== null) enqueue(importerPath, forwarded, 'removed');
          continue;
        }
        for (const specifier of holder.getNamedExports()) {
          if (item.name !== '*' && specifier.getNameNode().getText() !== item.name) continue;
          reach(importerPath);
          enqueue(importerPath, (specifier.getAliasNode() ?? specifier.getNameNode()).getText(), derived());
        }
      } else {
        // require() / import() of the file: the whole module object is used.
        reach(importerPath);
        visit(importer.getFilePath(), literal.getStart(), null);
      }
    }
  };

  /**
   * A workspace import whose package loads another file at runtime than TypeScript binds it to
   * (`types` -> src/index.ts, `import` -> src/app.tsx): the language service knows only the
   * first, so importers of `sourceFile` as a runtime target are found by scanning specifiers.
   */
  const runtimeImporters = (item, sourceFile) => {
    for (const { sourceFile: importer, holder, alternates } of moduleReferences(reference)) {
      if (!alternates.includes(sourceFile) || importer === sourceFile) continue;
      const importerPath = reference.rel(importer.getFilePath());
      const path = [item.name, ...(item.member ?? [])];
      if (Node.isImportDeclaration(holder) && !holder.isTypeOnly()) {
        const named = holder.getNamedImports().filter((specifier) => specifier.getNameNode().getText() === item.name && !specifier.isTypeOnly());
        const bindings = named.map((specifier) => specifier.getAliasNode() ?? specifier.getNameNode());
        if (item.name === 'default' && holder.getDefaultImport()) bindings.push(holder.getDefaultImport());
        for (const binding of bindings) {
          reach(importerPath);
          followModuleBinding(importer, binding, item.member);
        }
        if (holder.getNamespaceImport()) followModuleBinding(importer, holder.getNamespaceImport(), path);
      } else if (Node.isExportDeclaration(holder) && !holder.isTypeOnly()) {
        if (holder.getNamespaceExport()) {
          reach(importerPath);
          enqueue(importerPath, holder.getNamespaceExport().getName(), derived(), path);
        } else if (!holder.hasNamedExports()) {
          if (item.name === 'default' || exportNameNodes(importer, item.name).length > 0) continue;
          reach(importerPath);
          enqueue(importerPath, item.name, derived(), item.member);
        }
        for (const specifier of holder.getNamedExports()) {
          if (specifier.getNameNode().getText() !== item.name) continue;
          reach(importerPath);
          enqueue(importerPath, (specifier.getAliasNode() ?? specifier.getNameNode()).getText(), derived(), item.member);
        }
      }
    }
  };

  /**
   * `import('./f')` / `require('./f')` have no reference location for the export: the call
   * counts as a use of every export, unless its result is accessed right away as another
   * member (`(await import('./f')).other`, `require('./f').other`).
   */
  const dynamicImporters = (item, sourceFile) => {
    for (const { sourceFile: importer, literal, holder, target } of moduleReferences(reference)) {
      // `{ a, b: c }` taken out of the module (a `.then` parameter, or `const {...} = await import()`):
      // only the names taken out are used. False when `pattern` is no such destructuring.
      const followDestructured = (pattern) => {
        if (!Node.isObjectBindingPattern(pattern) || !pattern.getElements().every((element) => !element.getDotDotDotToken())) return false;
        for (const element of pattern.getElements()) {
          const key = (element.getPropertyNameNode() ?? element.getNameNode()).getText().replace(/^['"]|['"]$/g, '');
          if (key !== item.name) continue;
          const name = element.getNameNode();
          if (Node.isIdentifier(name)) {
            reach(reference.rel(importer.getFilePath()));
            followModuleBinding(importer, name, item.member);
          } else visit(importer.getFilePath(), literal.getStart(), null);
        }
        return true;
      };
      if (target !== sourceFile || importer === sourceFile) continue;
      // `typeof import('./f')` whole (`importOriginal<typeof import('./f')>()`) sees the types of
      // every export, like `typeof ns`: a use of a type-visible change, not of a body-only one.
      const importType = Node.isLiteralTypeNode(holder) ? holder.getParent() : undefined;
      if (Node.isImportTypeNode(importType) && importType.compilerNode.isTypeOf && !importType.getQualifier() && currentChange !== 'body') visit(importer.getFilePath(), literal.getStart(), null);
      if (!Node.isCallExpression(holder)) continue;
      let outer = holder;
      while (Node.isParenthesizedExpression(outer.getParent()) || Node.isAwaitExpression(outer.getParent())) outer = outer.getParent();
      const access = outer.getParent();
      // `import('./f').then(m => ...)`: the callback's parameter is the module object.
      const isPromise = Node.isPropertyAccessExpression(access) && access.getExpression() === outer && holder.getExpression().getKind() === SyntaxKind.ImportKeyword && ['then', 'catch', 'finally'].includes(access.getName());
      if (isPromise) {
        const call = access.getParent();
        const callback = access.getName() === 'then' && Node.isCallExpression(call) && call.getExpression() === access ? call.getArguments()[0] : undefined;
        const parameter = callback && (Node.isArrowFunction(callback) || Node.isFunctionExpression(callback)) ? callback.getParameters()[0] : undefined;
        if (callback && (Node.isArrowFunction(callback) || Node.isFunctionExpression(callback)) && parameter === undefined) continue;
        const nameNode = parameter && !parameter.getDotDotDotToken() && !parameter.getInitializer() ? parameter.getNameNode() : undefined;
        if (Node.isIdentifier(nameNode)) {
          followModuleBinding(importer, nameNode, [item.name, ...(item.member ?? [])]);
          continue;
        }
        if (followDestructured(nameNode)) continue;
        visit(importer.getFilePath(), literal.getStart(), null);
        continue;
      }
      if (Node.isPropertyAccessExpression(access) && access.getExpression() === outer && access.getName() !== item.name) continue;
      // `const ns = await import('./f')`: the module object is bound like `import * as ns`, and
      // only the uses of ns that read the changed export (or pass ns on whole) count.
      if (Node.isVariableDeclaration(access) && access.getInitializer() === outer && Node.isIdentifier(access.getNameNode())) {
        followModuleBinding(importer, access.getNameNode(), [item.name, ...(item.member ?? [])]);
        continue;
      }
      // `const { a, b: c } = await import('./f')`: only the names taken out are used.
      const pattern = Node.isVariableDeclaration(access) && access.getInitializer() === outer ? access.getNameNode() : undefined;
      if (followDestructured(pattern)) continue;
      visit(importer.getFilePath(), literal.getStart(), null);
    }
  };

  /**
   * `export * from './f'` re-exports every name of f that the barrel does not declare itself:
   * the language service has no reference location there, so the barrel is found by scanning
   * specifiers. A barrel that passes a reached export on is affected, like an
   * `export { x } from` would be; barrels of barrels too. Uses downstream of the barrel are
   * already references of the symbol.
   */
  const starBarrels = (sourceFile, name, member, seen) => {
    for (const { sourceFile: barrel, holder, target } of referencesTo(reference, sourceFile)) {
      if (target !== sourceFile || !Node.isExportDeclaration(holder) || holder.hasNamedExports() || holder.getNamespaceExport()) continue;
      if (currentChange === 'body' && holder.isTypeOnly()) continue;
      if (seen.has(barrel) || barrel === sourceFile || exportNameNodes(barrel, name).length > 0) continue;
      seen.add(barrel);
      reach(reference.rel(barrel.getFilePath()));
      starBarrels(barrel, name, member, seen);
      namespaceObjectUses(barrel, name, member);
      // `require('pkg')` / `import('pkg')` of the barrel (`const { h } = require('vue')`): no reference location either.
      const item = { file: reference.rel(barrel.getFilePath()), name, member };
      dynamicImporters(item, barrel);
      runtimeImporters(item, barrel);
    }
  };

  /**
   * A module namespace object used whole (`import * as ns from './f'` then `ns` passed, spread
   * or exported; `export * as ns from './f'` then `ns` used whole downstream) uses every export
   * of f. Member accesses (`ns.x`) are references of x itself and need nothing more.
   */
  const namespaceObjectUses = (sourceFile, name, member) => {
    const path = [name, ...(member ?? [])];
    const key = `${currentChange === 'body' ? 'b' : 's'}:${reference.rel(sourceFile.getFilePath())}#${path.join('.')}`;
    if (seenNamespaceUses.has(key)) return;
    seenNamespaceUses.add(key);
    for (const { sourceFile: importer, holder, target } of referencesTo(reference, sourceFile)) {
      if (target !== sourceFile || importer === sourceFile) continue;
      let binding;
      // `import type * as ns` then `typeof ns` sees the types of every export: a use, unless only a body changed.
      if (Node.isImportDeclaration(holder) && (currentChange !== 'body' || !holder.isTypeOnly())) binding = holder.getNamespaceImport();
      else if (Node.isExportDeclaration(holder) && !holder.isTypeOnly()) binding = holder.getNamespaceExport()?.getNameNode();
      if (!binding) continue;
      if (Node.isExportDeclaration(holder)) {
        // `export * as ns from './f'`: the barrel's export `ns` now carries `name` as a member.
        reach(reference.rel(importer.getFilePath()));
        enqueue(reference.rel(importer.getFilePath()), binding.getText(), derived(), path);
      }
      for (const use of wholeUsesOf(importer, binding)) {
        // `typeof ns` whole carries every export's type (`vi.importActual<typeof ns>()`): a use of
        // a type-visible change, not of a body-only one.
        if (use.isTypeQuery && currentChange === 'body') continue;
        if (!use.isTypeQuery && followAlias(use.user, use.expression, path)) continue;
        // What the whole use produces (e.g. `export default ns`, `export { ns }`) carries only
        // `name` (and its member path) of it further.
        visit(use.fileName, use.start, null, path);
      }
    }
  };
  const seenNamespaceUses = new Set();

  /**
   * The references of a namespace binding that use it whole (not `ns.x`, not an import clause),
   * worked out once per binding: a namespace like zod's `z` has thousands of member uses, and
   * is asked about once per export that reaches it.
   */
  const wholeUseCache = new Map();
  const wholeUsesOf = (importer, binding) => {
    const cacheKey = `${importer.getFilePath()}:${binding.getStart()}`;
    const cached = wholeUseCache.get(cacheKey);
    if (cached) return cached;
    const uses = [];
    for (const location of locationsOf(importer, binding)) {
      if (location.fileName === importer.getFilePath() && location.start === binding.getStart()) continue;
      const user = project.getSourceFile(location.fileName);
      const node = user?.getDescendantAtPos(location.start);
      // Import clauses and `export { x } from` only pass the binding on (findReferences already
      // followed it); a local `export { ns }` hands the whole namespace to importers: a use.
      const exportDeclaration = node?.getFirstAncestorByKind(SyntaxKind.ExportDeclaration);
      if (!node || node.getFirstAncestorByKind(SyntaxKind.ImportDeclaration) || exportDeclaration?.getModuleSpecifier() || Node.isImportEqualsDeclaration(node.getParent())) continue;
      // `core.util` names the namespace too: what matters is what is done with the whole expression.
      let expression = node;
      const named = node.getParent();
      if ((Node.isPropertyAccessExpression(named) && named.getNameNode() === node) || (Node.isQualifiedName(named) && named.getRight() === node)) expression = named;
      const parent = expression.getParent();
      if (Node.isPropertyAccessExpression(parent) && parent.getExpression() === expression) continue;
      if (Node.isQualifiedName(parent) && parent.getLeft() === expression) continue;
      if (Node.isTypeReference(parent) || Node.isImportSpecifier(parent)) continue;
      uses.push({ fileName: location.fileName, start: location.start, isTypeQuery: Node.isTypeQuery(parent), user, expression });
    }
    wholeUseCache.set(cacheKey, uses);
    return uses;
  };

  /**
   * The member names read, one after another, on the reference at `location` (`x.core.util`
   * gives ['core', 'util']; `x` alone gives []), or null for an import clause: it only binds the
   * name, and what the file does with it is listed by the language service too.
   */
  const chainCache = new Map();
  const accessChainAt = (location) => {
    // Asked once per reached member path of a namespace (hundreds for zod's `z`): cached per location.
    const cacheKey = `${location.fileName}:${location.start}`;
    if (chainCache.has(cacheKey)) return chainCache.get(cacheKey);
    const chain = accessChainAtUncached(location);
    chainCache.set(cacheKey, chain);
    return chain;
  };
  const accessChainAtUncached = (location) => {
    let node = project.getSourceFile(location.fileName)?.getDescendantAtPos(location.start);
    if (!node || node.getFirstAncestorByKind(SyntaxKind.ImportDeclaration)) return null;
    // `core.util.x`: the reference may be the name `util`; the chain starts after it.
    const named = node.getParent();
    if ((Node.isPropertyAccessExpression(named) && named.getNameNode() === node) || (Node.isQualifiedName(named) && named.getRight() === node)) node = named;
    const chain = [];
    for (;;) {
      const parent = node.getParent();
      if (Node.isPropertyAccessExpression(parent) && parent.getExpression() === node) chain.push(parent.getName());
      else if (Node.isQualifiedName(parent) && parent.getLeft() === node) chain.push(parent.getRight().getText());
      else return chain;
      node = parent;
    }
  };

  /**
   * What a reference reaches of a member path: 'miss' when it reads another member, else the
   * rest of the path still to be reached through what the use produces (null: all of it, the
   * path was read to its end).
   */
  const reachedPath = (location, member) => {
    if (member === null) return { rest: null };
    const chain = accessChainAt(location);
    if (chain === null) return 'miss';
    for (let index = 0; index < member.length; index++) {
      if (index === chain.length) return { rest: member.slice(index) };
      if (chain[index] !== member[index]) return 'miss';
    }
    return { rest: null };
  };

  /**
   * `const compiler = ns` (or a destructuring default `{ compiler = ns }`, a parameter default,
   * or `let compiler; compiler = ns` assigned once in the declaring function), where ns (a
   * namespace, or an export of which only `path` is reached) is used whole: the alias's own uses
   * count as uses of ns, member path by member path. True when `expression` is such an alias and
   * was followed; false (the caller counts the whole use) for anything else, and for an alias
   * that is exported or written again.
   */
  const followAlias = (user, expression, path, depth = 0) => {
    if (depth > 4) return false;
    let value = expression;
    while (isTransparent(value.getParent())) value = value.getParent();
    const parent = value.getParent();
    let name;
    let write = null;
    if ((Node.isVariableDeclaration(parent) || Node.isBindingElement(parent) || Node.isParameterDeclaration(parent)) && parent.getInitializer() === value && Node.isIdentifier(parent.getNameNode())) {
      let root = parent;
      while (Node.isBindingElement(root) || Node.isObjectBindingPattern(root) || Node.isArrayBindingPattern(root)) root = root.getParent();
      if (Node.isVariableDeclaration(root) && root.getVariableStatement()?.isExported()) return false;
      name = parent.getNameNode();
    } else if (Node.isBinaryExpression(parent) && parent.getRight() === value && parent.getOperatorToken().getKind() === SyntaxKind.EqualsToken && Node.isIdentifier(parent.getLeft())) {
      const declarations = parent.getLeft().getSymbol()?.getDeclarations() ?? [];
      const declaration = declarations[0];
      if (declarations.length !== 1 || !Node.isVariableDeclaration(declaration) || declaration.getInitializer() !== undefined || !Node.isIdentifier(declaration.getNameNode())) return false;
      if (declaration.getVariableStatement()?.isExported() || enclosingFunction(parent) !== enclosingFunction(declaration)) return false;
      name = declaration.getNameNode();
      write = parent.getLeft();
    } else return false;
    // The language service lists the property a destructured name comes from (and its
    // declaration) too: only the alias's own symbol counts, and `{ alias }` passes it on.
    const symbol = name.getSymbol();
    const uses = [];
    for (const location of locationsOf(user, name)) {
      if (location.fileName !== user.getFilePath() || location.start === name.getStart() || location.start === write?.getStart()) continue;
      const node = user.getDescendantAtPos(location.start);
      if (!node || (node.getSymbol() !== symbol && !Node.isShorthandPropertyAssignment(node.getParent()))) continue;
      if (location.isWrite) return false;
      uses.push({ location, node });
    }
    for (const { location, node } of uses) {
      if (followAlias(user, node, path, depth + 1)) continue;
      const reached = reachedPath(location, path);
      if (reached !== 'miss') visit(location.fileName, location.start, null, reached.rest);
    }
    return true;
  };

  /** The uses of a local binding of a module object (`const ns = await import(...)`), for `member` of it. */
  const followModuleBinding = (importer, binding, member) => {
    for (const location of locationsOf(importer, binding)) {
      if (location.fileName !== importer.getFilePath() || location.start === binding.getStart()) continue;
      const reached = reachedPath(location, member);
      if (reached !== 'miss') visit(location.fileName, location.start, null, reached.rest);
    }
  };

  while (queue.length > 0) {
    if (queries > limits.maxQueries || Date.now() - started > limits.timeLimitMs) {
      complete = false;
      notes.push(`stopped after ${queries} queries with ${queue.length} export(s) still queued`);
      break;
    }
    const item = queue.shift();
    if (process.env.REF_DEBUG) console.error("reference: walking", item.file, item.name, item.change, item.member);
    current = `${item.file}#${item.name}`;
    currentChange = item.change;
    const sourceFile = reference.sourceFile(item.file);
    if (!sourceFile) {
      if (item.change === 'removed') importersByScan(item, undefined);
      else notes.push(`${item.file}#${item.name}: not in the reference project`);
      continue;
    }
    if (item.name === '(module)') {
      importersByScan(item, sourceFile);
      continue;
    }
    const nodes = item.name === '*' ? [] : exportNameNodes(sourceFile, item.name);
    if (nodes.length === 0) {
      if (item.change !== 'removed' && item.name !== '*') notes.push(`${item.file}#${item.name}: no declaration found at head, importers scanned`);
      importersByScan(item, sourceFile);
      continue;
    }
    for (const node of nodes) {
      for (const location of locationsOf(sourceFile, node)) {
        // Of a namespace-valued export only the `member` path is reached: `x.core.toZod` uses
        // it, `x.core.other` does not, and `x` or `x.core` used whole passes the rest on.
        const reached = reachedPath(location, item.member);
        if (reached === 'miss') continue;
        const own = location.fileName === sourceFile.getFilePath();
        // A newly exported name: its own file's uses saw the same declaration before (adding
        // `export` changes nothing they see, and a new declaration's users there are changed
        // code, reported on their own).
        if (own && item.change === 'added') continue;
        if (!own && reached.rest !== null) {
          const user = project.getSourceFile(location.fileName);
          const node = user?.getDescendantAtPos(location.start);
          if (node && followAlias(user, node, reached.rest)) continue;
        }
        visit(location.fileName, location.start, own ? item.file : null, reached.rest);
      }
    }
    dynamicImporters(item, sourceFile);
    runtimeImporters(item, sourceFile);
    if (item.name !== 'default' && item.name !== 'export=') starBarrels(sourceFile, item.name, item.member, new Set());
    namespaceObjectUses(sourceFile, item.name, item.member);
  }
  // The wrapped nodes of this commit are not needed again: kept, they add up to gigabytes over
  // a run on a repository like zod (every reference of `parse` wraps its ancestors).
  reference.moduleRefs = null;
  reference.moduleRefsByTarget = null;
  for (const sourceFile of project.getSourceFiles()) sourceFile.forgetDescendants();
  return { files, via, complete, queries, notes, timings };
}
